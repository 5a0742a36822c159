using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CcWallboard.Core.Events;
using CcWallboard.Host.Ingestion;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Host.Tests.Alerts;

/// <summary>An acknowledged alert and today's history survive a host restart, kept in a real redis-server.</summary>
public sealed class AlertRestartRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const string Key = "alerts-key-0123456789abc";
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly string _prefix = $"alerts:{Guid.NewGuid():N}:";

    private WallboardHostFactory NewHost(FakeTimeProvider time) =>
        new WallboardHostFactory(time, redis.ConnectionString)
            .With("Storage:KeyPrefix", _prefix)
            .With("Ingestion:ApiKeys:supervisors", Key)
            .With("Centre:AllowedLatenessSeconds", "0")
            .With("Alerts:Rules:0:Name", "sales-wait")
            .With("Alerts:Rules:0:Kind", "LongestWaitAbove")
            .With("Alerts:Rules:0:Subject", "sales")
            .With("Alerts:Rules:0:RaiseAt", "30")
            .With("Alerts:Rules:0:ClearAt", "10");

    private static Task ClockAtAsync(FakeTimeProvider time, double seconds) => FakeClock.StepToAsync(time, Nine.AddSeconds(seconds));

    private static HttpClient Client(WallboardHostFactory host)
    {
        var client = host.CreateHttpClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    [Fact]
    public async Task An_acknowledged_alert_is_still_acknowledged_after_a_restart()
    {
        var time = new FakeTimeProvider(Nine);
        string id;
        await using (var first = NewHost(time))
        {
            using var client = Client(first);
            await ClockAtAsync(time, 1);
            await first.Services.GetRequiredService<EventIngestion>().SubmitAsync("test",
                [new ContactQueued("q1", Nine.AddSeconds(1), "c1", "sales")], CancellationToken.None);
            await ClockAtAsync(time, 40);
            var alerts = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/alerts", UriKind.Relative));
            id = Assert.Single(alerts.GetProperty("active").EnumerateArray()).GetProperty("id").GetString()!;
            var acknowledged = await client.PostAsJsonAsync(new Uri($"/api/alerts/{id}/acknowledge", UriKind.Relative), new { by = "Sam" });
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }

        await using var second = NewHost(time);
        using var again = Client(second);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        JsonElement alert = default;
        while (DateTime.UtcNow < deadline)
        {
            var view = await again.GetFromJsonAsync<JsonElement>(new Uri("/api/alerts", UriKind.Relative));
            var found = view.GetProperty("history").EnumerateArray().Where(a => a.GetProperty("id").GetString() == id).ToList();
            if (found.Count == 1)
            {
                alert = found[0];
                break;
            }
            await Task.Delay(100);
        }

        Assert.Equal(JsonValueKind.Object, alert.ValueKind);
        Assert.Equal("Sam (via supervisors)", alert.GetProperty("acknowledgedBy").GetString());
    }
}

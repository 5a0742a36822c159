using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CcWallboard.Core.Events;
using CcWallboard.Host.Ingestion;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Host.Tests.Alerts;

/// <summary>Supervisor alerts through the host: a rule in the configuration, raised by live figures, acknowledged over HTTP.</summary>
public sealed class AlertApiTests : IAsyncLifetime
{
    private const string Key = "alerts-key-0123456789abc";
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Nine);
    private WallboardHostFactory _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new WallboardHostFactory(_time)
            .With("Ingestion:ApiKeys:supervisors", Key)
            .With("Centre:AllowedLatenessSeconds", "0")
            .With("Alerts:Rules:0:Name", "sales-wait")
            .With("Alerts:Rules:0:Kind", "LongestWaitAbove")
            .With("Alerts:Rules:0:Subject", "sales")
            .With("Alerts:Rules:0:RaiseAt", "30")
            .With("Alerts:Rules:0:ClearAt", "10")
            .With("Alerts:Rules:0:Severity", "critical");
        _client = _host.CreateHttpClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    private Task ClockAtAsync(double seconds) => FakeClock.StepToAsync(_time, Nine.AddSeconds(seconds));

    private async Task<JsonElement> AlertsAsync() => await _client.GetFromJsonAsync<JsonElement>(new Uri("/api/alerts", UriKind.Relative));

    [Fact]
    public async Task A_contact_waiting_past_the_rule_raises_an_alert_that_a_supervisor_acknowledges_once()
    {
        await ClockAtAsync(1);
        await _host.Services.GetRequiredService<EventIngestion>().SubmitAsync("test",
            [new ContactQueued("q1", Nine.AddSeconds(1), "c1", "sales")], CancellationToken.None);

        await ClockAtAsync(20);
        Assert.Empty((await AlertsAsync()).GetProperty("active").EnumerateArray());
        await ClockAtAsync(40);
        var alert = Assert.Single((await AlertsAsync()).GetProperty("active").EnumerateArray());
        Assert.Equal("sales-wait", alert.GetProperty("rule").GetString());
        Assert.Equal("sales", alert.GetProperty("subject").GetString());
        var id = alert.GetProperty("id").GetString()!;

        var acknowledged = await _client.PostAsJsonAsync(new Uri($"/api/alerts/{id}/acknowledge", UriKind.Relative), new { by = "Sam", note = "calling in help" });
        var again = await _client.PostAsJsonAsync(new Uri($"/api/alerts/{id}/acknowledge", UriKind.Relative), new { by = "Kim" });
        var unknown = await _client.PostAsJsonAsync(new Uri("/api/alerts/nope/acknowledge", UriKind.Relative), new { by = "Kim" });

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var after = Assert.Single((await AlertsAsync()).GetProperty("active").EnumerateArray());
        Assert.Equal("Sam (via supervisors)", after.GetProperty("acknowledgedBy").GetString());
    }

    [Fact]
    public async Task Acknowledging_without_a_key_or_a_name_changes_nothing()
    {
        using var anonymous = _host.CreateHttpClient();

        var unauthorised = await anonymous.PostAsJsonAsync(new Uri("/api/alerts/x/acknowledge", UriKind.Relative), new { by = "Sam" });
        var nameless = await _client.PostAsJsonAsync(new Uri("/api/alerts/x/acknowledge", UriKind.Relative), new { note = "?" });

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.Contains("\"by\"", await nameless.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

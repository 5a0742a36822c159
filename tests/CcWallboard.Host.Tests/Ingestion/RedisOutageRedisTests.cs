using System.Net;
using System.Text;
using CcWallboard.Core.Events;
using CcWallboard.Host.Storage;
using CcWallboard.Host.Tests.Pipeline;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CcWallboard.Host.Tests.Ingestion;

/// <summary>Redis goes away during ingestion: producers are told (503), boards keep being served, and it all recovers by itself.</summary>
public sealed class RedisOutageRedisTests : IAsyncLifetime
{
    private const string Key = "outage-key-0123456789abcdef";
    private RedisServerFixture _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServerFixture.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private static StringContent Batch(string prefix) =>
        new(string.Join("\n", TestEvents.SalesMorning(prefix).Select(AcdEventJson.ToJson)), Encoding.UTF8, "application/x-ndjson");

    [Fact]
    public async Task While_redis_is_down_producers_get_503_boards_are_served_and_both_recover_when_it_returns()
    {
        await using var host = new WallboardHostFactory(redisConnectionString: _redis.ConnectionString)
            .With("Ingestion:ApiKeys:acd", Key);
        using var client = host.CreateHttpClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        client.Timeout = TimeSpan.FromSeconds(30);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(new Uri("/api/events", UriKind.Relative), Batch("before"))).StatusCode);

        await _redis.StopAsync();
        var during = await client.PostAsync(new Uri("/api/events", UriKind.Relative), Batch("during"));
        var board = await client.GetAsync(new Uri("/api/boards/floor", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(during.Headers.RetryAfter);
        Assert.Contains("Retry the whole batch", await during.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);

        await _redis.StartAgainAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HttpStatusCode retried;
        do
        {
            retried = (await client.PostAsync(new Uri("/api/events", UriKind.Relative), Batch("during"))).StatusCode;
            if (retried != HttpStatusCode.OK)
            {
                await Task.Delay(250);
            }
        }
        while (retried != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, retried);
        Assert.Equal(16, await host.Services.GetRequiredService<IEventLog>().CountAsync());
    }
}

using CcWallboard.Core.Events;
using CcWallboard.Host.Storage;
using CcWallboard.Host.Tests.Pipeline;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace CcWallboard.Host.Tests.Ingestion;

/// <summary>Producers that XADD to the input stream, read by the host through a consumer group on a real redis-server.</summary>
public sealed class RedisStreamInputRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private readonly string _prefix = $"input:{Guid.NewGuid():N}:";
    private ConnectionMultiplexer _producer = null!;

    private string InputKey => _prefix + "input";

    private IDatabase Database => _producer.GetDatabase();

    public async Task InitializeAsync() => _producer = await redis.ConnectAsync();

    public async Task DisposeAsync() => await _producer.DisposeAsync();

    private WallboardHostFactory NewHost(string consumer = "host-a") =>
        new WallboardHostFactory(redisConnectionString: redis.ConnectionString)
            .With("Storage:KeyPrefix", _prefix)
            .With("Ingestion:RedisInput:Consumer", consumer)
            .With("Ingestion:RedisInput:ClaimIdleSeconds", "1")
            .With("Ingestion:RedisInput:PollMilliseconds", "20");

    private async Task<RedisValue[]> ProduceAsync(IEnumerable<string> jsons)
    {
        var ids = new List<RedisValue>();
        foreach (var json in jsons)
        {
            ids.Add(await Database.StreamAddAsync(InputKey, "event", json));
        }
        return [.. ids];
    }

    private static IEnumerable<string> Jsons(string prefix) => TestEvents.SalesMorning(prefix).Select(AcdEventJson.ToJson);

    [Fact]
    public async Task Entries_added_by_a_producer_reach_the_event_log_and_are_acknowledged()
    {
        await ProduceAsync(Jsons("p"));
        await using var host = NewHost();
        host.Start();
        var log = host.Services.GetRequiredService<IEventLog>();

        await Eventually.WaitUntilAsync(async () => await log.CountAsync() == 8, () => "8 events in the log");
        await Eventually.WaitUntilAsync(async () => (await Database.StreamPendingAsync(InputKey, "ccwallboard")).PendingMessageCount == 0, () => "nothing pending");
    }

    [Fact]
    public async Task A_bad_entry_is_acknowledged_and_kept_with_its_reason_while_the_good_ones_are_taken()
    {
        await ProduceAsync([.. Jsons("q").Take(2), """{"type":"agent.state","id":"bad","at":"2026-11-23T09:00:00Z","agentId":"a01","state":"dancing"}""", "{oops"]);
        await Database.StreamAddAsync(InputKey, "payload", "no event field");
        await using var host = NewHost();
        host.Start();
        var log = host.Services.GetRequiredService<IEventLog>();

        await Eventually.WaitUntilAsync(async () => await Database.StreamLengthAsync(InputKey + ":rejected") == 3, () => "3 rejected entries");
        Assert.Equal(2, await log.CountAsync());
        var reasons = (await Database.StreamRangeAsync(InputKey + ":rejected")).Select(e => e["errors"].ToString()).ToList();
        Assert.StartsWith("state:", reasons[0], StringComparison.Ordinal);
        Assert.StartsWith("$: not valid JSON", reasons[1], StringComparison.Ordinal);
        Assert.StartsWith("event: the entry has no field", reasons[2], StringComparison.Ordinal);
        await Eventually.WaitUntilAsync(async () => (await Database.StreamPendingAsync(InputKey, "ccwallboard")).PendingMessageCount == 0, () => "nothing pending");
    }

    [Fact]
    public async Task Entries_a_dead_host_took_and_never_acknowledged_are_claimed_and_counted_once()
    {
        await ProduceAsync(Jsons("d"));
        await Database.StreamCreateConsumerGroupAsync(InputKey, "ccwallboard", "0-0");
        var taken = await Database.StreamReadGroupAsync(InputKey, "ccwallboard", "dead-host", ">", 100);
        Assert.Equal(8, taken.Length);

        await using var host = NewHost("host-b");
        host.Start();
        var log = host.Services.GetRequiredService<IEventLog>();

        await Eventually.WaitUntilAsync(async () => await log.CountAsync() == 8, () => "the dead host's 8 events in the log");
        await Eventually.WaitUntilAsync(async () => (await Database.StreamPendingAsync(InputKey, "ccwallboard")).PendingMessageCount == 0, () => "nothing pending");
    }

    [Fact]
    public async Task A_restarted_host_finishes_the_entries_it_had_read_before_it_died()
    {
        await ProduceAsync(Jsons("r"));
        await Database.StreamCreateConsumerGroupAsync(InputKey, "ccwallboard", "0-0");
        await Database.StreamReadGroupAsync(InputKey, "ccwallboard", "host-a", ">", 3); // read, then "killed" before the ack

        await using var host = NewHost("host-a");
        host.Start();
        var log = host.Services.GetRequiredService<IEventLog>();

        await Eventually.WaitUntilAsync(async () => await log.CountAsync() == 8, () => "all 8 events in the log");
        await Eventually.WaitUntilAsync(async () => (await Database.StreamPendingAsync(InputKey, "ccwallboard")).PendingMessageCount == 0, () => "nothing pending");
    }

    [Fact]
    public async Task Acknowledged_entries_are_trimmed_from_the_input_stream_and_pending_ones_kept()
    {
        await ProduceAsync(Jsons("t"));
        await using var host = NewHost();
        host.Start();
        var log = host.Services.GetRequiredService<IEventLog>();
        await Eventually.WaitUntilAsync(async () => await log.CountAsync() == 8, () => "8 events in the log");
        await Eventually.WaitUntilAsync(async () => (await Database.StreamPendingAsync(InputKey, "ccwallboard")).PendingMessageCount == 0, () => "nothing pending");
        var input = host.Services.GetRequiredService<CcWallboard.Host.Ingestion.RedisStreamInput>();

        var removed = await input.TrimAcknowledgedAsync(Database, "ccwallboard");

        Assert.Equal(7, removed);
        Assert.Equal(1, await Database.StreamLengthAsync(InputKey)); // the last delivered entry stays as the group's mark
    }
}

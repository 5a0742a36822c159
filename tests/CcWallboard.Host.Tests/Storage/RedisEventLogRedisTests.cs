using CcWallboard.Core.Events;
using CcWallboard.Host.Storage;
using CcWallboard.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;
using StackExchange.Redis;

namespace CcWallboard.Host.Tests.Storage;

/// <summary>The contract on a real redis-server, plus what only Redis gives: durability in the server and marks with a TTL.</summary>
public sealed class RedisEventLogRedisTests(RedisServerFixture redis) : EventLogContract, IClassFixture<RedisServerFixture>
{
    private readonly List<ConnectionMultiplexer> multiplexers = [];

    // Every test writes under its own prefix, so tests never see each other's keys.
    private readonly StorageOptions options = new() { KeyPrefix = $"test:{Guid.NewGuid():N}:", RetentionHours = 48 };

    protected override Task<IEventLog> CreateLogAsync() => OpenAnotherWriterAsync();

    protected override async Task<IEventLog> OpenAnotherWriterAsync() => OpenLog(await ConnectAsync());

    protected override Task LetTimePassAsync(TimeSpan duration) => Task.Delay(duration);

    public override async Task DisposeAsync()
    {
        foreach (var multiplexer in multiplexers)
        {
            await multiplexer.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Each_event_is_one_stream_entry_holding_its_json_in_one_field()
    {
        var events = Events(1, 3);
        await Log.AppendAsync(events);

        var entries = await Database().StreamRangeAsync(options.ResolvedStreamKey);

        Assert.Equal(3, entries.Length);
        Assert.All(entries, entry => Assert.Equal([RedisEventLog.EventField], entry.Values.Select(v => v.Name.ToString())));
        Assert.Equal(events.Select(AcdEventJson.ToJson), entries.Select(entry => entry[RedisEventLog.EventField].ToString()));
        Assert.Equal($"{options.KeyPrefix}events", options.ResolvedStreamKey);
    }

    [Fact]
    public async Task Entries_survive_a_new_multiplexer()
    {
        var events = Events(1, 20);
        await Log.AppendAsync(events);
        foreach (var multiplexer in multiplexers)
        {
            await multiplexer.CloseAsync();
        }

        var reopened = OpenLog(await ConnectAsync());

        Assert.Equal(events, (await reopened.ReadAfterAsync(LogPosition.Start, 100)).Select(e => e.Event));
        Assert.Equal(0, (await reopened.AppendAsync(events)).AppendedCount);
    }

    [Fact]
    public async Task Entries_and_marks_survive_a_server_restart_through_the_append_only_file()
    {
        var events = Events(1, 20);
        await Log.AppendAsync(events);

        await redis.RestartAsync();
        var reopened = OpenLog(await ConnectAsync());

        Assert.Equal(events, (await reopened.ReadAfterAsync(LogPosition.Start, 100)).Select(e => e.Event));
        Assert.Equal(0, (await reopened.AppendAsync(events)).AppendedCount);
    }

    [Fact]
    public async Task Each_id_mark_lives_for_the_retention_period()
    {
        await Log.AppendAsync(Events(1, 3));

        foreach (var id in new[] { "e1", "e2", "e3" })
        {
            var ttl = await Database().KeyTimeToLiveAsync(options.EventIdKey(id));
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, options.Retention - TimeSpan.FromMinutes(1), options.Retention);
        }
        Assert.Equal($"{options.KeyPrefix}event-id:e1", options.EventIdKey("e1"));
    }

    [Fact]
    public async Task An_id_marked_by_another_writer_is_a_duplicate()
    {
        await Database().StringSetAsync(options.EventIdKey("e2"), "1", options.Retention);

        var outcome = await Log.AppendAsync(Events(1, 3));

        Assert.Equal([true, false, true], outcome.Appended);
        Assert.Equal(["e1", "e3"], (await Log.ReadAfterAsync(LogPosition.Start, 10)).Select(e => e.Event.Id));
    }

    [Fact]
    public async Task A_batch_larger_than_one_transaction_keeps_its_order()
    {
        var events = Events(1, (RedisEventLog.MaxEventsPerTransaction * 2) + 37);
        var withRepeats = events.Concat(events.Take(50)).ToList();

        var outcome = await Log.AppendAsync(withRepeats);

        Assert.Equal(events.Count, outcome.AppendedCount);
        Assert.Equal(50, outcome.DuplicateCount);
        Assert.Equal(events, (await Log.ReadAfterAsync(LogPosition.Start, 10_000)).Select(e => e.Event));
    }

    [Fact]
    public async Task An_unreadable_entry_is_skipped_and_reading_goes_on()
    {
        await Log.AppendAsync(Events(1, 1));
        await Database().StreamAddAsync(options.ResolvedStreamKey, RedisEventLog.EventField, "{\"type\":\"nonsense\"}");
        await Database().StreamAddAsync(options.ResolvedStreamKey, "other", "x");
        await Log.AppendAsync(Events(2, 2));

        var read = await Log.ReadAfterAsync(LogPosition.Start, 10);

        Assert.Equal(["e1", "e2"], read.Select(e => e.Event.Id));
        Assert.Equal(4, await Log.CountAsync());
    }

    [Fact]
    public async Task Appends_sent_while_the_server_is_frozen_are_applied_once_when_it_resumes()
    {
        var batch = Events(1, 10);
        await redis.PauseAsync();
        Task<AppendOutcome> frozen;
        try
        {
            frozen = Log.AppendAsync(batch);
            await Task.Delay(200);
            Assert.False(frozen.IsCompleted);
        }
        finally
        {
            await redis.ResumeAsync();
        }

        var first = await frozen;
        var retry = await Log.AppendAsync(batch);

        Assert.Equal(10, first.AppendedCount);
        Assert.Equal(0, retry.AppendedCount);
        Assert.Equal(batch, (await Log.ReadAfterAsync(LogPosition.Start, 100)).Select(e => e.Event));
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var multiplexer = await redis.ConnectAsync();
        multiplexers.Add(multiplexer);
        return multiplexer;
    }

    private RedisEventLog OpenLog(IConnectionMultiplexer multiplexer) =>
        new(new RedisConnection(multiplexer, NullLogger<RedisConnection>.Instance), MsOptions.Create(options),
            NullLogger<RedisEventLog>.Instance);

    private IDatabase Database() => multiplexers[0].GetDatabase();
}

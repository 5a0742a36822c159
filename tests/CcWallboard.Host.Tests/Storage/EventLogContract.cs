using CcWallboard.Core.Events;
using CcWallboard.Host.Storage;

namespace CcWallboard.Host.Tests.Storage;

/// <summary>
/// What every <see cref="IEventLog"/> promises. A derived class supplies a fresh, empty log for each test
/// and runs all of these against its store.
/// </summary>
public abstract class EventLogContract : IAsyncLifetime
{
    private IEventLog? log;

    protected IEventLog Log => log ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>A fresh, empty log for one test.</summary>
    protected abstract Task<IEventLog> CreateLogAsync();

    /// <summary>Another writer on the same log as <see cref="Log"/> (another connection where the store has them).</summary>
    protected abstract Task<IEventLog> OpenAnotherWriterAsync();

    /// <summary>Lets the store's clock move on by <paramref name="duration"/>.</summary>
    protected abstract Task LetTimePassAsync(TimeSpan duration);

    public virtual async Task InitializeAsync() => log = await CreateLogAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Appended_events_read_back_in_input_order_and_equal()
    {
        var events = Events(1, 24);

        var outcome = await Log.AppendAsync(events);

        Assert.Equal(Enumerable.Repeat(true, events.Count), outcome.Appended);
        Assert.Equal(events.Count, outcome.AppendedCount);
        Assert.Equal(0, outcome.DuplicateCount);
        var read = await Log.ReadAfterAsync(LogPosition.Start, 100);
        Assert.Equal(events, read.Select(e => e.Event));
    }

    [Fact]
    public async Task An_empty_batch_appends_nothing()
    {
        var outcome = await Log.AppendAsync([]);

        Assert.Empty(outcome.Appended);
        Assert.Equal(0, await Log.CountAsync());
    }

    [Fact]
    public async Task A_duplicate_id_in_a_later_batch_is_reported_and_not_appended()
    {
        await Log.AppendAsync(Events(1, 3));
        var repeated = Queued(2) with { QueueId = "another-queue" };

        var outcome = await Log.AppendAsync([Queued(4), repeated, Queued(5)]);

        Assert.Equal([true, false, true], outcome.Appended);
        Assert.Equal(1, outcome.DuplicateCount);
        var read = await Log.ReadAfterAsync(LogPosition.Start, 100);
        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], read.Select(e => e.Event.Id));
        Assert.Equal("q1", Assert.IsType<ContactAbandoned>(read[1].Event).QueueId);
    }

    [Fact]
    public async Task A_duplicate_id_within_one_batch_is_appended_once_the_first_time_it_appears()
    {
        var first = Queued(1);
        var again = first with { At = first.At.AddSeconds(5) };

        var outcome = await Log.AppendAsync([first, Queued(2), again, first]);

        Assert.Equal([true, true, false, false], outcome.Appended);
        var read = await Log.ReadAfterAsync(LogPosition.Start, 100);
        Assert.Equal([first, Queued(2)], read.Select(e => e.Event));
    }

    [Fact]
    public async Task ReadAfter_is_exclusive_and_pages_with_maxCount()
    {
        var events = Events(1, 10);
        await Log.AppendAsync(events);

        var pages = new List<IReadOnlyList<LoggedEvent>>();
        var after = LogPosition.Start;
        while (true)
        {
            var page = await Log.ReadAfterAsync(after, 4);
            if (page.Count == 0)
            {
                break;
            }
            pages.Add(page);
            after = page[^1].Position;
        }

        Assert.Equal([4, 4, 2], pages.Select(p => p.Count));
        Assert.Equal(events, pages.SelectMany(p => p).Select(e => e.Event));
        var all = pages.SelectMany(p => p).ToList();
        Assert.Equal(all.Skip(4).Take(3), await Log.ReadAfterAsync(all[3].Position, 3));
        Assert.Empty(await Log.ReadAfterAsync(all[^1].Position, 10));
    }

    [Fact]
    public async Task ReadAfter_a_position_that_is_no_entry_starts_at_the_next_entry()
    {
        await Log.AppendAsync(Events(1, 3));
        var all = await Log.ReadAfterAsync(LogPosition.Start, 10);
        var justBefore = new LogPosition(all[0].Position.Milliseconds - 1, 999_999);

        Assert.Equal(all, await Log.ReadAfterAsync(justBefore, 10));
        Assert.Empty(await Log.ReadAfterAsync(new LogPosition(all[^1].Position.Milliseconds + 60_000, 0), 10));
    }

    [Fact]
    public async Task ReadAfter_needs_a_positive_maxCount()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.ReadAfterAsync(LogPosition.Start, 0));
    }

    [Fact]
    public async Task Positions_strictly_increase_across_batches_appended_in_the_same_millisecond()
    {
        for (var i = 0; i < 20; i++)
        {
            await Log.AppendAsync([Queued((2 * i) + 1), Queued((2 * i) + 2)]);
        }

        var positions = (await Log.ReadAfterAsync(LogPosition.Start, 100)).Select(e => e.Position).ToList();

        Assert.Equal(40, positions.Count);
        Assert.All(positions.Zip(positions.Skip(1)), pair => Assert.True(pair.First < pair.Second, $"{pair.First} < {pair.Second}"));
        Assert.All(positions, p => Assert.True(p > LogPosition.Start));
        Assert.Equal(positions, positions.Select(p => LogPosition.Parse(p.ToString())));
    }

    [Fact]
    public async Task Count_is_the_number_of_entries()
    {
        Assert.Equal(0, await Log.CountAsync());

        await Log.AppendAsync(Events(1, 7));
        await Log.AppendAsync(Events(5, 9));

        Assert.Equal(9, await Log.CountAsync());
    }

    [Fact]
    public async Task TrimBefore_removes_only_the_entries_appended_before_the_cutoff()
    {
        await Log.AppendAsync(Events(1, 5));
        await LetTimePassAsync(TimeSpan.FromMilliseconds(20));
        await Log.AppendAsync(Events(6, 8));
        var all = await Log.ReadAfterAsync(LogPosition.Start, 100);
        var firstKept = all[5].Position;
        Assert.True(all[4].Position.Milliseconds < firstKept.Milliseconds, "the clock moved between the batches");

        var removed = await Log.TrimBeforeAsync(DateTimeOffset.FromUnixTimeMilliseconds(firstKept.Milliseconds));

        Assert.Equal(5, removed);
        Assert.Equal(3, await Log.CountAsync());
        Assert.Equal(all.Skip(5), await Log.ReadAfterAsync(LogPosition.Start, 100));
        Assert.Equal(all.Skip(5), await Log.ReadAfterAsync(all[1].Position, 100));
        Assert.Equal(0, await Log.TrimBeforeAsync(DateTimeOffset.FromUnixTimeMilliseconds(firstKept.Milliseconds)));
    }

    [Fact]
    public async Task A_trimmed_id_is_still_a_duplicate()
    {
        await Log.AppendAsync(Events(1, 3));
        await Log.TrimBeforeAsync(DateTimeOffset.UnixEpoch.AddYears(200));
        Assert.Equal(0, await Log.CountAsync());

        var outcome = await Log.AppendAsync(Events(1, 4));

        Assert.Equal([false, false, false, true], outcome.Appended);
    }

    [Fact]
    public async Task A_batch_retried_after_a_timeout_is_not_appended_twice()
    {
        var batch = Events(1, 12);

        var first = await Log.AppendAsync(batch);
        var retry = await Log.AppendAsync(batch);

        Assert.Equal(12, first.AppendedCount);
        Assert.Equal(Enumerable.Repeat(false, 12), retry.Appended);
        Assert.Equal(12, await Log.CountAsync());
        Assert.Equal(batch, (await Log.ReadAfterAsync(LogPosition.Start, 100)).Select(e => e.Event));
    }

    [Fact]
    public async Task Overlapping_batches_appended_concurrently_by_several_writers_append_each_event_once()
    {
        const int writers = 6;
        const int batchesPerWriter = 8;
        const int batchSize = 40;
        var logs = new List<IEventLog> { Log };
        for (var w = 1; w < writers; w++)
        {
            logs.Add(await OpenAnotherWriterAsync());
        }
        using var start = new SemaphoreSlim(0);

        // Writer w, batch b covers ids [10b + 3w + 1, 10b + 3w + batchSize]: every id is sent by several writers at once.
        var runs = logs.Select((writer, w) => Task.Run(async () =>
        {
            await start.WaitAsync();
            var outcomes = new List<(IReadOnlyList<AcdEvent> Batch, AppendOutcome Outcome)>();
            for (var b = 0; b < batchesPerWriter; b++)
            {
                var batch = Events((10 * b) + (3 * w) + 1, (10 * b) + (3 * w) + batchSize);
                outcomes.Add((batch, await writer.AppendAsync(batch)));
            }
            return outcomes;
        })).ToList();
        start.Release(writers);
        var results = (await Task.WhenAll(runs)).SelectMany(r => r).ToList();

        var distinctIds = results.SelectMany(r => r.Batch).Select(e => e.Id).Distinct().ToList();
        var read = await Log.ReadAfterAsync(LogPosition.Start, 10_000);
        Assert.Equal(distinctIds.Count, read.Count);
        Assert.Equal(distinctIds.Order(StringComparer.Ordinal), read.Select(e => e.Event.Id).Order(StringComparer.Ordinal));
        Assert.Equal(distinctIds.Count, results.Sum(r => r.Outcome.AppendedCount));
        Assert.Equal(distinctIds.Count, await Log.CountAsync());

        // What one call appended stands in the log in the order of its batch.
        var positionOf = read.ToDictionary(e => e.Event.Id, e => e.Position);
        foreach (var (batch, outcome) in results)
        {
            var positions = batch.Where((_, i) => outcome.Appended[i]).Select(e => positionOf[e.Id]).ToList();
            Assert.Equal(positions.Order(), positions);
        }
    }

    [Fact]
    public async Task A_batch_holding_a_null_event_is_rejected_whole()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Log.AppendAsync([Queued(1), null!]));

        Assert.Equal(0, await Log.CountAsync());
        Assert.True((await Log.AppendAsync([Queued(1)])).Appended[0]);
    }

    [Fact]
    public async Task Ping_answers()
    {
        var latency = await Log.PingAsync();

        Assert.True(latency >= TimeSpan.Zero && latency < TimeSpan.FromSeconds(5), $"{latency}");
    }

    protected static DateTimeOffset T0 { get; } = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Events <c>e{from}</c> to <c>e{to}</c>, every type of the contract in turn.</summary>
    protected static IReadOnlyList<AcdEvent> Events(int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(Event).ToList();

    protected static ContactQueued Queued(int n) => new($"e{n}", T0.AddSeconds(n), $"c{n}", "q1", ContactChannel.Chat, 2);

    /// <summary>Event number <paramref name="n"/>: one of each type in turn, with the optional fields set or not.</summary>
    protected static AcdEvent Event(int n)
    {
        var id = $"e{n}";
        var at = T0.AddMilliseconds(n * 1_250);
        return (n % 7) switch
        {
            0 => new ContactQueued(id, at, $"c{n}", "q1"),
            1 => new ContactQueued(id, at.ToOffset(TimeSpan.FromHours(1)), $"c{n}", "q2", ContactChannel.Email, 3),
            2 => new ContactAbandoned(id, at, $"c{n}", "q1"),
            3 => new ContactAnswered(id, at, $"c{n}", "q1", "a7"),
            4 => new ContactTransferred(id, at, $"c{n}", "q1", "q2"),
            5 => new ContactEnded(id, at, $"c{n}", "q1", "a7", n % 2 == 0 ? null : 12.5),
            _ => new AgentStateChanged(id, at, "a7", AgentState.NotReady, "lunch"),
        };
    }
}

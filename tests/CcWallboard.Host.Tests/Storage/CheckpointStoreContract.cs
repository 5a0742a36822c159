using System.Text;
using CcWallboard.Host.Storage;

namespace CcWallboard.Host.Tests.Storage;

/// <summary>
/// What every <see cref="ICheckpointStore"/> promises. A derived class supplies a fresh, empty store for each
/// test and runs all of these against it.
/// </summary>
public abstract class CheckpointStoreContract : IAsyncLifetime
{
    private ICheckpointStore? store;

    protected ICheckpointStore Store => store ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>A fresh, empty store for one test.</summary>
    protected abstract Task<ICheckpointStore> CreateStoreAsync();

    /// <summary>Another writer on the same checkpoint as <see cref="Store"/> (another connection where the store has them).</summary>
    protected abstract Task<ICheckpointStore> OpenAnotherWriterAsync();

    public virtual async Task InitializeAsync() => store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Load_with_nothing_saved_returns_null()
    {
        Assert.Null(await Store.LoadAsync());
    }

    [Fact]
    public async Task A_saved_checkpoint_loads_back_with_every_field_byte_exact()
    {
        var takenAt = new DateTimeOffset(2026, 11, 23, 14, 35, 7, TimeSpan.FromHours(5.5)).AddTicks(1_234_567);
        var saved = new EngineCheckpoint(new LogPosition(1_795_430_107_123, 42), takenAt, 7, EveryByteValue());

        await Store.SaveAsync(saved);
        var loaded = await Store.LoadAsync();

        AssertSame(saved, loaded);
    }

    [Fact]
    public async Task A_five_megabyte_state_round_trips_byte_exact()
    {
        var state = new byte[5 * 1024 * 1024];
        new Random(20261123).NextBytes(state);
        var saved = Checkpoint(1_000, 0, state);

        await Store.SaveAsync(saved);

        AssertSame(saved, await Store.LoadAsync());
    }

    [Fact]
    public async Task An_empty_state_round_trips_as_an_empty_array()
    {
        var saved = Checkpoint(1_000, 0, []);

        await Store.SaveAsync(saved);

        var loaded = await Store.LoadAsync();
        Assert.NotNull(loaded);
        Assert.Empty(loaded.State);
        AssertSame(saved, loaded);
    }

    [Fact]
    public async Task A_later_save_replaces_the_checkpoint()
    {
        await Store.SaveAsync(Checkpoint(1_000, 3, "first"u8.ToArray(), version: 1));
        var later = Checkpoint(2_000, 0, "second, and longer"u8.ToArray(), version: 2);

        await Store.SaveAsync(later);

        AssertSame(later, await Store.LoadAsync());
    }

    [Fact]
    public async Task A_save_at_the_same_position_replaces_the_checkpoint()
    {
        await Store.SaveAsync(Checkpoint(1_000, 3, "format 1"u8.ToArray(), version: 1));
        var again = Checkpoint(1_000, 3, "format 2"u8.ToArray(), version: 2);

        await Store.SaveAsync(again);

        AssertSame(again, await Store.LoadAsync());
    }

    [Fact]
    public async Task A_save_with_an_older_position_is_ignored()
    {
        var newer = Checkpoint(2_000, 5, "newer"u8.ToArray());
        await Store.SaveAsync(newer);

        await Store.SaveAsync(Checkpoint(2_000, 4, "older sequence"u8.ToArray()));
        await Store.SaveAsync(Checkpoint(1_999, 9, "older millisecond"u8.ToArray()));
        await Store.SaveAsync(Checkpoint(0, 0, "start"u8.ToArray()));

        AssertSame(newer, await Store.LoadAsync());
    }

    [Fact]
    public async Task The_stored_state_does_not_change_when_the_caller_reuses_its_arrays()
    {
        var state = "original"u8.ToArray();
        await Store.SaveAsync(Checkpoint(1_000, 0, state));

        state[0] = (byte)'X';
        var loaded = await Store.LoadAsync();
        loaded!.State[1] = (byte)'Y';

        Assert.Equal("original"u8.ToArray(), (await Store.LoadAsync())!.State);
    }

    [Fact]
    public async Task A_checkpoint_without_state_or_with_a_negative_position_is_rejected_and_nothing_is_stored()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Store.SaveAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Store.SaveAsync(Checkpoint(1_000, 0, null!)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.SaveAsync(Checkpoint(-1, 0, [1])));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.SaveAsync(Checkpoint(1_000, -1, [1])));

        Assert.Null(await Store.LoadAsync());
    }

    [Fact]
    public async Task A_save_with_a_cancelled_token_throws_and_stores_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.SaveAsync(Checkpoint(1_000, 0, [1]), cancelled.Token));

        Assert.Null(await Store.LoadAsync());
    }

    [Fact]
    public async Task Concurrent_saves_by_several_writers_keep_the_newest_and_a_reader_never_sees_one_go_back_or_torn()
    {
        const int writers = 4;
        const int savesPerWriter = 12;
        var stores = new List<ICheckpointStore> { Store };
        for (var w = 1; w < writers; w++)
        {
            stores.Add(await OpenAnotherWriterAsync());
        }
        using var start = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();

        // Writer w saves positions w + 1, w + 1 + writers, …: the writers' saves interleave and race.
        var runs = stores.Select((writer, w) => Task.Run(async () =>
        {
            await start.WaitAsync();
            for (var k = 0; k < savesPerWriter; k++)
            {
                await writer.SaveAsync(NumberedCheckpoint((k * writers) + w + 1));
            }
        })).ToList();
        var reader = Task.Run(async () =>
        {
            var last = LogPosition.Start;
            while (!stop.IsCancellationRequested)
            {
                if (await Store.LoadAsync() is { } loaded)
                {
                    Assert.True(loaded.Position >= last, $"the reader saw {last} and then {loaded.Position}");
                    AssertSame(NumberedCheckpoint((int)loaded.Position.Milliseconds), loaded);
                    last = loaded.Position;
                }
            }
        });
        start.Release(writers);
        try
        {
            await Task.WhenAll(runs);
        }
        finally
        {
            await stop.CancelAsync();
        }
        await reader;

        AssertSame(NumberedCheckpoint(writers * savesPerWriter), await Store.LoadAsync());
    }

    protected static DateTimeOffset T0 { get; } = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    protected static EngineCheckpoint Checkpoint(long milliseconds, long sequence, byte[] state, int version = 1) =>
        new(new LogPosition(milliseconds, sequence), T0.AddMilliseconds(milliseconds), version, state);

    /// <summary>Checkpoint number <paramref name="n"/>, whose state and version say which one it is.</summary>
    protected static EngineCheckpoint NumberedCheckpoint(int n) =>
        new(new LogPosition(n, 0), T0.AddSeconds(n), n % 3, Encoding.UTF8.GetBytes($"state of checkpoint {n}|" + new string('x', n * 100)));

    /// <summary>Every byte value 0–255, twice (zeros, invalid UTF-8 and all).</summary>
    protected static byte[] EveryByteValue() => Enumerable.Range(0, 512).Select(i => (byte)(i % 256)).ToArray();

    /// <summary>Every field equal, the time with its offset and the state byte for byte.</summary>
    protected static void AssertSame(EngineCheckpoint expected, EngineCheckpoint? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Position, actual.Position);
        Assert.Equal(expected.TakenAt, actual.TakenAt);
        Assert.Equal(expected.TakenAt.Offset, actual.TakenAt.Offset);
        Assert.Equal(expected.TakenAt.Ticks, actual.TakenAt.Ticks);
        Assert.Equal(expected.FormatVersion, actual.FormatVersion);
        Assert.True(expected.State.AsSpan().SequenceEqual(actual.State),
            $"the state differs: {expected.State.Length} bytes saved, {actual.State.Length} loaded");
    }
}

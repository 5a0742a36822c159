using CcWallboard.Host.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Host.Tests.Storage;

public sealed class InMemoryEventLogTests : EventLogContract
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(48);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private InMemoryEventLog? log;

    protected override Task<IEventLog> CreateLogAsync()
    {
        log = new InMemoryEventLog(time, MsOptions.Create(new StorageOptions { RetentionHours = Retention.TotalHours }),
            NullLogger<InMemoryEventLog>.Instance);
        return Task.FromResult<IEventLog>(log);
    }

    protected override Task<IEventLog> OpenAnotherWriterAsync() => Task.FromResult<IEventLog>(log!);

    protected override Task LetTimePassAsync(TimeSpan duration)
    {
        time.Advance(duration);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Positions_are_the_clock_in_milliseconds_and_a_sequence_within_one_millisecond()
    {
        var start = time.GetUtcNow().ToUnixTimeMilliseconds();
        await Log.AppendAsync(Events(1, 3));
        time.Advance(TimeSpan.FromMilliseconds(0.4));
        await Log.AppendAsync(Events(4, 4));
        time.Advance(TimeSpan.FromMilliseconds(2));
        await Log.AppendAsync(Events(5, 6));

        var positions = (await Log.ReadAfterAsync(LogPosition.Start, 10)).Select(e => e.Position.ToString());

        Assert.Equal([$"{start}-0", $"{start}-1", $"{start}-2", $"{start}-3", $"{start + 2}-0", $"{start + 2}-1"], positions);
    }

    [Fact]
    public void A_position_taken_when_the_clock_went_back_still_follows_the_last_one()
    {
        var last = new LogPosition(1_000, 4);

        Assert.Equal(new LogPosition(1_000, 5), InMemoryEventLog.Next(last, DateTimeOffset.FromUnixTimeMilliseconds(900)));
        Assert.Equal(new LogPosition(1_001, 0), InMemoryEventLog.Next(last, DateTimeOffset.FromUnixTimeMilliseconds(1_001)));
    }

    [Fact]
    public async Task An_id_mark_is_kept_for_the_retention_period_and_then_forgotten()
    {
        await Log.AppendAsync([Queued(1)]);

        time.Advance(Retention - TimeSpan.FromMilliseconds(1));
        Assert.False((await Log.AppendAsync([Queued(1)])).Appended[0]);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await Log.AppendAsync([Queued(1)])).Appended[0]);
        Assert.Equal(2, await Log.CountAsync());
    }
}

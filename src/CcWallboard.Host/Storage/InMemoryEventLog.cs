using CcWallboard.Core.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Storage;

/// <summary>
/// The embedded event log, used when no Redis is configured: the same contract as the Redis Stream, in
/// this process only (lost on restart). Positions are taken like Redis stream ids: the injected clock in
/// milliseconds and a sequence that keeps them strictly increasing when the clock stands still or goes
/// back. The mark of an appended id is kept for the retention period, even when its entry is trimmed.
/// </summary>
public sealed partial class InMemoryEventLog : IEventLog
{
    private readonly TimeProvider timeProvider;
    private readonly TimeSpan retention;
    private readonly Lock gate = new();

    // Sorted by position (appends only ever take a larger one).
    private readonly List<LoggedEvent> entries = [];

    // Id → when its mark expires; the queue holds the same marks in order of expiry.
    private readonly Dictionary<string, DateTimeOffset> marks = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset ExpiresAt)> marksByExpiry = new();
    private LogPosition last = LogPosition.Start;

    public InMemoryEventLog(TimeProvider timeProvider, IOptions<StorageOptions> options, ILogger<InMemoryEventLog> logger)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        this.timeProvider = timeProvider;
        retention = options.Value.Retention;
        LogInMemory(logger, retention.TotalHours);
    }

    public Task<AppendOutcome> AppendAsync(IReadOnlyList<AcdEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        cancellationToken.ThrowIfCancellationRequested();
        EnsureNoNulls(events);

        var appended = new bool[events.Count];
        lock (gate)
        {
            var now = timeProvider.GetUtcNow();
            ForgetExpiredMarks(now);
            var expiresAt = now + retention;
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (!marks.TryAdd(e.Id, expiresAt))
                {
                    continue;
                }
                marksByExpiry.Enqueue((e.Id, expiresAt));
                last = Next(last, now);
                entries.Add(new LoggedEvent(last, e));
                appended[i] = true;
            }
        }
        return Task.FromResult(new AppendOutcome(appended));
    }

    public Task<IReadOnlyList<LoggedEvent>> ReadAfterAsync(LogPosition after, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var start = FirstIndexAfter(after);
            var count = Math.Min(maxCount, entries.Count - start);
            IReadOnlyList<LoggedEvent> page = count > 0 ? entries.GetRange(start, count) : [];
            return Task.FromResult(page);
        }
    }

    public Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return Task.FromResult((long)entries.Count);
        }
    }

    public Task<long> TrimBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var minimum = new LogPosition(Math.Max(0, cutoff.ToUnixTimeMilliseconds()), 0);
        lock (gate)
        {
            var removed = FirstIndexAtOrAfter(minimum);
            entries.RemoveRange(0, removed);
            ForgetExpiredMarks(timeProvider.GetUtcNow());
            return Task.FromResult((long)removed);
        }
    }

    public Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(TimeSpan.Zero);
    }

    /// <summary>The position after <paramref name="previous"/> at <paramref name="now"/>, as Redis takes stream ids.</summary>
    internal static LogPosition Next(LogPosition previous, DateTimeOffset now)
    {
        var milliseconds = now.ToUnixTimeMilliseconds();
        return milliseconds > previous.Milliseconds
            ? new LogPosition(milliseconds, 0)
            : new LogPosition(previous.Milliseconds, previous.Sequence + 1);
    }

    internal static void EnsureNoNulls(IReadOnlyList<AcdEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is null)
            {
                throw new ArgumentException($"events[{i}] is null; nothing was appended.", nameof(events));
            }
        }
    }

    private void ForgetExpiredMarks(DateTimeOffset now)
    {
        while (marksByExpiry.TryPeek(out var oldest) && oldest.ExpiresAt <= now)
        {
            marksByExpiry.Dequeue();
            if (marks.TryGetValue(oldest.Id, out var expiresAt) && expiresAt == oldest.ExpiresAt)
            {
                marks.Remove(oldest.Id);
            }
        }
    }

    private int FirstIndexAfter(LogPosition position) =>
        FirstIndexAtOrAfter(new LogPosition(position.Milliseconds, position.Sequence + 1));

    private int FirstIndexAtOrAfter(LogPosition position)
    {
        int low = 0, high = entries.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (entries[middle].Position < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Event log: in memory (no ConnectionStrings:Redis); events are lost when the host stops; id marks kept {RetentionHours} h")]
    private static partial void LogInMemory(ILogger logger, double retentionHours);
}

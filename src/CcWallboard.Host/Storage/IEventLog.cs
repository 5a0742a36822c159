using System.Globalization;
using CcWallboard.Core.Events;

namespace CcWallboard.Host.Storage;

/// <summary>
/// The durable, append-only event log (a Redis Stream, or the embedded in-process log with the same
/// contract). Idempotent by event <c>id</c>: an id that was appended before is never appended again, so
/// a retried or replayed write cannot double-count.
/// </summary>
public interface IEventLog
{
    /// <summary>
    /// Appends, in the given order, the events whose ids were never appended. Each event and the mark of
    /// its id are written together or not at all. When the task completes the appended events are in the
    /// log and readable.
    /// </summary>
    Task<AppendOutcome> AppendAsync(IReadOnlyList<AcdEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <paramref name="maxCount"/> entries after <paramref name="after"/> (exclusive), oldest first.</summary>
    Task<IReadOnlyList<LoggedEvent>> ReadAfterAsync(LogPosition after, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Number of entries in the log.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the entries appended before <paramref name="cutoff"/> (retention); returns how many.</summary>
    Task<long> TrimBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);

    /// <summary>Round trip to the store; throws when it does not answer.</summary>
    Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default);
}

/// <summary>Which input events were appended and which were duplicates (same order as the input).</summary>
public sealed record AppendOutcome(IReadOnlyList<bool> Appended)
{
    public int AppendedCount => Appended.Count(a => a);

    public int DuplicateCount => Appended.Count(a => !a);
}

/// <summary>One entry of the log: where it stands and the event.</summary>
public sealed record LoggedEvent(LogPosition Position, AcdEvent Event);

/// <summary>
/// A position in the log, in the form of a Redis stream entry id: milliseconds of append time and a
/// sequence number (<c>1732352400000-0</c>). Both stores use it, so positions compare the same way.
/// </summary>
public readonly record struct LogPosition(long Milliseconds, long Sequence) : IComparable<LogPosition>
{
    /// <summary>Before every entry.</summary>
    public static LogPosition Start { get; } = new(0, 0);

    public int CompareTo(LogPosition other) =>
        Milliseconds != other.Milliseconds ? Milliseconds.CompareTo(other.Milliseconds) : Sequence.CompareTo(other.Sequence);

    public static bool operator <(LogPosition left, LogPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(LogPosition left, LogPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(LogPosition left, LogPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(LogPosition left, LogPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Milliseconds.ToString(CultureInfo.InvariantCulture)}-{Sequence.ToString(CultureInfo.InvariantCulture)}";

    public static LogPosition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? new LogPosition(long.Parse(text, CultureInfo.InvariantCulture), 0)
            : new LogPosition(long.Parse(text.AsSpan(0, dash), CultureInfo.InvariantCulture), long.Parse(text.AsSpan(dash + 1), CultureInfo.InvariantCulture));
    }
}

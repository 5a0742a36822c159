using CcWallboard.Core.Events;

namespace CcWallboard.Adapters;

/// <summary>
/// A file format an ACD writes (a queue_log, a call-detail-record export) that <c>ccwallboard import</c> turns into
/// normalized events. A converter reads the whole file in order, emits the events in time order, and reports every
/// line it cannot use with its number and the reason — it never stops at a bad line.
/// </summary>
public interface IEventFileFormat
{
    /// <summary>The word after <c>ccwallboard import</c>, e.g. <c>queue-log</c>.</summary>
    string Name { get; }

    /// <summary>One line for the list of formats.</summary>
    string Summary { get; }

    /// <summary>Converts <paramref name="input"/>; times without an offset are local to <paramref name="timeZone"/>.</summary>
    ImportSummary Convert(TextReader input, TimeZoneInfo timeZone, Action<AcdEvent> emit, Action<SkippedLine> skip);
}

/// <summary>A line the converter did not turn into events: its number (from 1) and why.</summary>
/// <param name="Malformed">True for a line that breaks the format (reported as an error); false for one that is valid but carries no event (e.g. a phantom call).</param>
public sealed record SkippedLine(long Line, string Reason, bool Malformed);

/// <summary>What a conversion did.</summary>
public sealed record ImportSummary(long Lines, long Events, long Skipped, long Malformed);

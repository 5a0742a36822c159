namespace CcWallboard.Core.Metrics;

/// <summary>
/// Everything one wallboard shows, as of one instant. Every push is a complete snapshot carrying a
/// per-board <see cref="Sequence"/>: a client keeps the highest it has seen and never needs a diff.
/// </summary>
public sealed record BoardSnapshot(
    string Board,
    string Title,
    long Sequence,
    DateTimeOffset AsOf,
    string TimeZone,
    DateOnly Day,
    int IntervalMinutes,
    IReadOnlyList<QueueSnapshot> Queues,
    QueueSnapshot Totals);

/// <summary>One queue's live figures (or a board's totals, where the id is <c>*</c>).</summary>
public sealed record QueueSnapshot(
    string Id,
    string Name,
    double ServiceLevelSeconds,
    double ServiceLevelTargetPercent,
    int CallsWaiting,
    /// <summary>Now − entry time of the oldest contact still waiting; null when none waits.</summary>
    double? LongestWaitSeconds,
    QueueFigures Today,
    QueueFigures Interval,
    AgentStateCounts Agents,
    /// <summary>Every interval of today up to now: the service-level trend.</summary>
    IReadOnlyList<IntervalPoint> Trend);

/// <summary>
/// The figures of one queue over one window (METRICS.md). A figure whose denominator is empty is null,
/// never 0 % or 100 %.
/// </summary>
public sealed record QueueFigures(
    DateTimeOffset WindowStart,
    int Offered,
    int Answered,
    /// <summary>Abandoned, short abandons excluded (they are in <see cref="ShortAbandoned"/>).</summary>
    int Abandoned,
    int ShortAbandoned,
    int AnsweredWithinThreshold,
    int AbandonedWithinThreshold,
    int TransferredOut,
    double? ServiceLevelPercent,
    double? AbandonmentRatePercent,
    double? AsaSeconds,
    double? AhtSeconds);

/// <summary>Agents by state; an agent who serves several queues is counted once in any total.</summary>
public sealed record AgentStateCounts(
    int LoggedIn,
    int Available,
    int Ringing,
    int OnContact,
    int Acw,
    int NotReady,
    IReadOnlyDictionary<string, int> NotReadyByReason);

/// <summary>One interval of the trend: its local start (with offset) and its service level, null when empty.</summary>
public sealed record IntervalPoint(DateTimeOffset Start, double? ServiceLevelPercent, int Offered);

namespace CcWallboard.Core.Metrics;

/// <summary>
/// Everything one wallboard shows, as of one instant. Every push is a complete snapshot carrying a
/// per-board <see cref="Sequence"/>: a client keeps the highest it has seen and never needs a diff.
/// </summary>
public sealed record BoardSnapshot(
    string Board,
    string Title,
    long Sequence,
    /// <summary>The wall-clock time of the snapshot (longest waits are measured to it).</summary>
    DateTimeOffset AsOf,
    /// <summary>The time the counted figures are final up to: <see cref="AsOf"/> minus the allowed lateness.</summary>
    DateTimeOffset FiguresAsOf,
    string TimeZone,
    DateOnly Day,
    int IntervalMinutes,
    IReadOnlyList<QueueSnapshot> Queues,
    QueueSnapshot Totals)
{
    /// <summary>
    /// The surge tile of a board that has one (<c>SurgeTile</c>): each of its queues' arrivals against forecast now;
    /// null on a board without the tile.
    /// </summary>
    public IReadOnlyList<BoardSurge>? Surges { get; init; }
}

/// <summary>A queue's surge judgement on a board's surge tile (the planner's, METRICS.md "Surges").</summary>
public sealed record BoardSurge(
    string QueueId,
    string Name,
    bool Active,
    int WindowMinutes,
    int Arrivals,
    double? ExpectedArrivals,
    double? RatioPercent);

/// <summary>What a <see cref="QueueSnapshot"/> is about.</summary>
public static class AggregateKinds
{
    public const string Queue = "queue";
    public const string Group = "group";
    public const string Board = "board";
    public const string Centre = "centre";
}

/// <summary>
/// The live figures of a queue, a queue group, a board's queues together, or the whole centre, in every
/// window: today, the current interval and each sliding window.
/// </summary>
public sealed record QueueSnapshot(
    string Id,
    string Name,
    /// <summary>queue, group, board or centre (<see cref="AggregateKinds"/>).</summary>
    string Kind,
    IReadOnlyList<string> QueueIds,
    double ServiceLevelSeconds,
    double ServiceLevelTargetPercent,
    int CallsWaiting,
    /// <summary>Now − entry time of the oldest contact still waiting; null when none waits.</summary>
    double? LongestWaitSeconds,
    /// <summary>Contacts waiting longer than their queue's threshold: certain service-level misses.</summary>
    int WaitingPastThreshold,
    QueueFigures Today,
    QueueFigures Interval,
    /// <summary>One entry per configured sliding window, shortest first.</summary>
    IReadOnlyList<QueueFigures> Sliding,
    AgentStateCounts Agents,
    /// <summary>Every interval of today up to now: the service-level trend.</summary>
    IReadOnlyList<IntervalPoint> Trend);

/// <summary>
/// The figures of one queue (or several) over one window (METRICS.md). A figure whose denominator is empty
/// is null, never 0 % or 100 %.
/// </summary>
public sealed record QueueFigures(
    /// <summary><c>today</c>, <c>interval</c>, or a sliding window such as <c>15m</c>.</summary>
    string Window,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int Offered,
    int Answered,
    /// <summary>Abandoned, short abandons excluded (they are in <see cref="ShortAbandoned"/>).</summary>
    int Abandoned,
    int ShortAbandoned,
    int AnsweredWithinThreshold,
    int AbandonedWithinThreshold,
    int TransferredOut,
    /// <summary>Contacts whose after-contact work ended in the window (the AHT denominator).</summary>
    int Handled,
    double? ServiceLevelPercent,
    /// <summary>Service level counting contacts still waiting past the threshold as misses; null unless the queue asks for it.</summary>
    double? ProjectedServiceLevelPercent,
    double? AbandonmentRatePercent,
    double? AsaSeconds,
    double? AhtSeconds,
    /// <summary>Time-weighted busy / (busy + available) of the agents serving these queues.</summary>
    double? OccupancyPercent);

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

using CcWallboard.Core.Events;

namespace CcWallboard.Core.Adherence;

/// <summary>
/// One agent's adherence now and over today (times in the centre's local time with their offset).
/// <list type="bullet">
/// <item><see cref="ScheduledSeconds"/>: today's time in scheduled activities other than off, up to now.</item>
/// <item><see cref="AdherencePercent"/> = in-adherence / (in-adherence + out-of-adherence): not-calculated time is in
/// neither, and logged-in time outside the schedule is out (and in the denominator) only when the centre counts work
/// outside the schedule. Null when nothing is counted (e.g. nothing scheduled yet).</item>
/// <item><see cref="ConformancePercent"/> = worked (logged-in, anywhere today) / scheduled to work (scheduled time
/// whose activity no logged-out state satisfies); above 100 % for an agent who works past the schedule.</item>
/// </list>
/// </summary>
/// <param name="Activity">The activity scheduled now; <c>off</c> outside the schedule.</param>
/// <param name="ActivityUntil">When the activity scheduled now ends (outside the schedule: when the next one starts); null when nothing more is scheduled today or later.</param>
/// <param name="Reason">The not-ready reason code, when the state is not ready.</param>
/// <param name="StateSince">When the agent entered the state; null before any state was seen.</param>
/// <param name="OutSince">When the agent's continuous time out of adherence began (it may be before today); null when not out.</param>
/// <param name="OutSeconds">How long the agent has been out of adherence, continuously, until now (0 when not out).</param>
/// <param name="WorkedOutsideScheduleSeconds">Logged-in time outside the schedule (part of <paramref name="WorkedSeconds"/>).</param>
/// <param name="Alert">The severity of the agent's RTA alert; null when there is none.</param>
public sealed record AgentAdherence(
    string AgentId,
    string Name,
    string? TeamId,
    string Activity,
    DateTimeOffset? ActivityUntil,
    AgentState State,
    string? Reason,
    DateTimeOffset? StateSince,
    AdherenceStatus Status,
    DateTimeOffset? OutSince,
    double OutSeconds,
    double ScheduledSeconds,
    double InAdherenceSeconds,
    double OutOfAdherenceSeconds,
    double NotCalculatedSeconds,
    double? AdherencePercent,
    double WorkedSeconds,
    double ScheduledToWorkSeconds,
    double WorkedOutsideScheduleSeconds,
    double? ConformancePercent,
    AlertSeverity? Alert);

/// <summary>
/// A team's (or, with id <see cref="AdherenceEngine.CentreId"/>, the centre's) adherence: percentages of the summed
/// seconds of its agents, never averages of their percentages.
/// </summary>
/// <param name="OutOfAdherenceNow">Agents out of adherence now.</param>
/// <param name="Alerts">The team's current RTA alerts, longest out first.</param>
public sealed record TeamAdherence(
    string TeamId,
    string Name,
    int Agents,
    double ScheduledSeconds,
    double InAdherenceSeconds,
    double OutOfAdherenceSeconds,
    double NotCalculatedSeconds,
    double? AdherencePercent,
    double WorkedSeconds,
    double ScheduledToWorkSeconds,
    double? ConformancePercent,
    int OutOfAdherenceNow,
    IReadOnlyList<AdherenceAlert> Alerts);

/// <summary>A real-time adherence alert: the agent has been out of adherence continuously since <see cref="OutSince"/>.</summary>
/// <param name="Activity">The activity scheduled when the alert was raised (<c>off</c> for work outside the schedule).</param>
public sealed record AdherenceAlert(
    string AgentId,
    string AgentName,
    string? TeamId,
    string Activity,
    DateTimeOffset OutSince,
    AlertSeverity Severity);

/// <summary>
/// An alert raised, escalated or cleared at <see cref="At"/>: the instant the threshold was passed (raised,
/// escalated) or the agent stopped being out (cleared); after an approval, a late event or a new schedule, the
/// engine's clock when the figures were re-counted.
/// </summary>
public sealed record AlertChange(AlertChangeKind Kind, DateTimeOffset At, AdherenceAlert Alert);

/// <summary>An exception: a period a supervisor approved as in adherence (e.g. an overrunning coaching session), with its audit: who, when, why.</summary>
public sealed record AdherenceApproval(
    string AgentId,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Reason,
    string ApprovedBy,
    DateTimeOffset ApprovedAt);

/// <summary>
/// The picture of an agent's day for the supervisor page: today's schedule (whole day, gaps are off), the actual
/// states and the resulting adherence up to now, and the approved exceptions (approvals).
/// </summary>
public sealed record AdherenceTimeline(
    string AgentId,
    DateTimeOffset DayStart,
    DateTimeOffset DayEnd,
    DateTimeOffset Now,
    IReadOnlyList<ScheduledSegment> Scheduled,
    IReadOnlyList<StateSegment> Actual,
    IReadOnlyList<AdherenceSegment> Adherence,
    IReadOnlyList<AdherenceApproval> Approvals);

/// <summary>A scheduled activity, clipped to the day.</summary>
public sealed record ScheduledSegment(string Activity, DateTimeOffset Start, DateTimeOffset End);

/// <summary>A stretch in one actual state; the last one ends now.</summary>
public sealed record StateSegment(AgentState State, string? Reason, DateTimeOffset Start, DateTimeOffset End);

/// <summary>A stretch with one adherence status.</summary>
public sealed record AdherenceSegment(AdherenceStatus Status, DateTimeOffset Start, DateTimeOffset End);

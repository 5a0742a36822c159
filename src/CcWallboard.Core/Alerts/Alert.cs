using CcWallboard.Core.Events;

namespace CcWallboard.Core.Alerts;

/// <summary>How serious a supervisor alert is.</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}

/// <summary>The configuration and wire names of severities: <c>info</c>, <c>warning</c>, <c>critical</c>.</summary>
public static class AlertSeverities
{
    public static string Of(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Warning => "warning",
        AlertSeverity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    public static bool TryParse(string? text, out AlertSeverity severity)
    {
        foreach (var candidate in Enum.GetValues<AlertSeverity>())
        {
            if (string.Equals(text?.Trim(), Of(candidate), StringComparison.OrdinalIgnoreCase))
            {
                severity = candidate;
                return true;
            }
        }
        severity = default;
        return false;
    }
}

/// <summary>Where an alert stands in its lifecycle: raised → acknowledged → cleared (acknowledging is optional).</summary>
public enum AlertStatus
{
    Raised,
    Acknowledged,
    Cleared,
}

/// <summary>What an alert is about.</summary>
public static class AlertSubjectKinds
{
    public const string Queue = "queue";
    public const string Group = "group";
    public const string Agent = "agent";
    /// <summary>The subject of a caller-supplied signal (a queue's id for surges).</summary>
    public const string Signal = "signal";
}

/// <summary>
/// A supervisor alert as of the engine's last evaluation (times in the centre's local time with their offset).
/// <see cref="Id"/> is derived from the rule, the subject and <see cref="RaisedAt"/>, so a replayed day gives the same
/// ids; a raise within the rule's cool-down after the clear rejoins this alert (<see cref="Rejoins"/> counts them,
/// <see cref="ClearedAt"/> empties again).
/// </summary>
/// <param name="Kind">The rule's kind when the alert was raised.</param>
/// <param name="SubjectKind">queue, group, agent or signal (<see cref="AlertSubjectKinds"/>).</param>
/// <param name="TeamId">The agent's team, for agent alerts.</param>
/// <param name="Teams">The teams whose supervisors see it (the rule's); empty means everyone.</param>
/// <param name="Value">The value when first raised: %, seconds or a count, by kind (out of adherence: seconds out).</param>
/// <param name="Threshold">The raise threshold then (out of adherence: the activity's alert threshold in seconds).</param>
/// <param name="ClearThreshold">The clear threshold; null for out of adherence, which clears with the RTA alert.</param>
/// <param name="WorstValue">The furthest the value went beyond the thresholds while raised.</param>
/// <param name="LastValue">The value at the last evaluation while raised (at the clear: the value that cleared it; null when it cleared for lack of a value).</param>
public sealed record Alert(
    string Id,
    string Rule,
    AlertRuleKind Kind,
    string Subject,
    string SubjectName,
    string SubjectKind,
    string? TeamId,
    IReadOnlyList<string> Teams,
    AlertSeverity Severity,
    DateTimeOffset RaisedAt,
    double Value,
    double Threshold,
    double? ClearThreshold,
    double WorstValue,
    double? LastValue,
    int Rejoins,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string? AcknowledgementNote,
    DateTimeOffset? ClearedAt)
{
    public AlertStatus Status => ClearedAt is not null ? AlertStatus.Cleared
        : AcknowledgedAt is not null ? AlertStatus.Acknowledged
        : AlertStatus.Raised;

    /// <summary>True when a supervisor of <paramref name="teamId"/> sees the alert (a rule naming no teams is for everyone).</summary>
    public bool IsVisibleTo(string teamId) => Teams.Count == 0 || Teams.Contains(teamId, StringComparer.Ordinal);
}

/// <summary>What happened to an alert.</summary>
public enum AlertChangeKind
{
    /// <summary>A new alert (a new id).</summary>
    Raised,
    /// <summary>A cleared alert raised again within its rule's cool-down: the same alert (same id) is active again.</summary>
    Rejoined,
    /// <summary>The alert's severity rose (an RTA alert turned severe).</summary>
    Escalated,
    /// <summary>A supervisor took ownership of it.</summary>
    Acknowledged,
    /// <summary>The value is back within the clear threshold (or there is no value, or its rule was removed).</summary>
    Cleared,
}

/// <summary>An alert change at <see cref="At"/> (the evaluation or acknowledgement instant), with the alert as it stands after it.</summary>
public sealed record AlertChange(AlertChangeKind Kind, DateTimeOffset At, Alert Alert);

/// <summary>The outcome of <see cref="AlertEngine.Acknowledge"/>.</summary>
public enum AcknowledgeStatus
{
    Acknowledged,
    /// <summary>No alert has the id (never raised, or from a day no longer kept).</summary>
    UnknownAlert,
    /// <summary>The alert has cleared: there is nothing to own.</summary>
    AlreadyCleared,
    /// <summary>Someone acknowledged it before: the first acknowledgement stands.</summary>
    AlreadyAcknowledged,
}

/// <param name="Message">What happened, for the person who asked (e.g. who acknowledged it first).</param>
/// <param name="Change">The acknowledged change; null when nothing changed.</param>
/// <param name="Alert">The alert as it stands; null for an unknown id.</param>
public sealed record AcknowledgeResult(AcknowledgeStatus Status, string Message, AlertChange? Change, Alert? Alert)
{
    public bool Succeeded => Status == AcknowledgeStatus.Acknowledged;
}

/// <summary>
/// The outcome of <see cref="AlertEngine.ReplaceRules"/>: either every error of the new rules (and the old rules stay),
/// or the changes the new rules caused (alerts of removed rules cleared).
/// </summary>
public sealed record ReplaceRulesResult(IReadOnlyList<FieldError> Errors, IReadOnlyList<AlertChange> Changes)
{
    public bool Applied => Errors.Count == 0;
}

namespace CcWallboard.Core.Alerts;

/// <summary>
/// One supervisor alert rule as configured (<c>Alerts:Rules:{i}</c>; docs/alerts.md). Text fields are parsed and
/// checked by <see cref="AlertRulesValidator"/>, so a bad rule is reported with its key and name instead of failing
/// the whole configuration's binding.
/// </summary>
public sealed class AlertRuleSettings
{
    /// <summary>Unique (case-insensitive) name; alerts keep it, and a changed rule keeps the active alerts of its name.</summary>
    public string Name { get; set; } = "";

    /// <summary>A rule kind (<see cref="AlertRuleKind"/>, case-insensitive), e.g. <c>ServiceLevelBelow</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>
    /// What the rule watches: for queue kinds a queue or queue-group id; for agent kinds an agent or team id (a team
    /// means each of its agents); for signal kinds the subject of the signal. <c>*</c> is every queue, every agent, or
    /// every subject the caller signals.
    /// </summary>
    public string Subject { get; set; } = AlertRuleKinds.Every;

    /// <summary>Raise threshold: beyond it (above or below, by kind) the condition holds. Some kinds default it from the queue.</summary>
    public double? RaiseAt { get; set; }

    /// <summary>
    /// Clear threshold (hysteresis): a raised alert clears once the value is back at or within it. At or below
    /// <see cref="RaiseAt"/> for "above" kinds, at or above it for "below" kinds; omitted means the kind's default.
    /// </summary>
    public double? ClearAt { get; set; }

    /// <summary>How long the condition must hold, continuously, before the alert is raised.</summary>
    public double MinDurationSeconds { get; set; }

    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>; omitted: warning (out of adherence: from the RTA alert).</summary>
    public string? Severity { get; set; }

    /// <summary>The teams whose supervisors see the alerts; empty means everyone.</summary>
    public List<string> Teams { get; set; } = [];

    /// <summary>A raise within this long after the alert cleared joins the same alert (same id) instead of a new one.</summary>
    public double CooldownSeconds { get; set; }

    /// <summary>
    /// ServiceLevelBelow and AbandonmentRateAbove: the window, <c>interval</c>, <c>today</c> or a sliding window such as
    /// <c>15m</c>; omitted means the shortest sliding window.
    /// </summary>
    public string? Window { get; set; }

    /// <summary>AgentStateLongerThan: <c>acw</c>, <c>on_contact</c>, <c>not_ready</c> (any reason) or <c>not_ready:REASON</c>.</summary>
    public string? State { get; set; }

    /// <summary>SignalAbove / SignalBelow: the signal's name (the caller's key is <c>NAME:SUBJECT</c>); Surge reads <c>surge</c>.</summary>
    public string? Signal { get; set; }
}

/// <summary>The built-in rule kinds.</summary>
public enum AlertRuleKind
{
    /// <summary>A queue's (or group's) service level in a window below RaiseAt %; no value (nothing counted) never raises.</summary>
    ServiceLevelBelow,
    /// <summary>The oldest waiting contact has waited more than RaiseAt seconds (none waiting is 0 s).</summary>
    LongestWaitAbove,
    /// <summary>Calls waiting minus available agents above RaiseAt (default 0).</summary>
    CallsWaitingAboveAvailable,
    /// <summary>Abandonment rate (%) in a window above RaiseAt; no value never raises.</summary>
    AbandonmentRateAbove,
    /// <summary>An agent in a state (acw, on_contact, not_ready[:reason]) for more than RaiseAt seconds.</summary>
    AgentStateLongerThan,
    /// <summary>An agent has a real-time adherence alert (the adherence engine's threshold per activity); severity from it.</summary>
    OutOfAdherence,
    /// <summary>The caller's <c>surge:SUBJECT</c> signal above RaiseAt (the planner computes it).</summary>
    Surge,
    /// <summary>Any caller-supplied signal <c>NAME:SUBJECT</c> above RaiseAt.</summary>
    SignalAbove,
    /// <summary>Any caller-supplied signal <c>NAME:SUBJECT</c> below RaiseAt.</summary>
    SignalBelow,
}

/// <summary>What each rule kind watches and how it compares.</summary>
public static class AlertRuleKinds
{
    /// <summary>The subject meaning every queue, every agent, or every signalled subject.</summary>
    public const string Every = "*";

    /// <summary>The signal a <see cref="AlertRuleKind.Surge"/> rule reads.</summary>
    public const string SurgeSignal = "surge";

    public static bool TryParse(string? text, out AlertRuleKind kind) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _);

    /// <summary>True when the alert is about a value rising above its threshold; false for "below" kinds.</summary>
    public static bool IsAbove(AlertRuleKind kind) => kind is not (AlertRuleKind.ServiceLevelBelow or AlertRuleKind.SignalBelow);

    public static bool IsQueueKind(AlertRuleKind kind) => kind is AlertRuleKind.ServiceLevelBelow or AlertRuleKind.LongestWaitAbove
        or AlertRuleKind.CallsWaitingAboveAvailable or AlertRuleKind.AbandonmentRateAbove;

    public static bool IsAgentKind(AlertRuleKind kind) => kind is AlertRuleKind.AgentStateLongerThan or AlertRuleKind.OutOfAdherence;

    public static bool IsSignalKind(AlertRuleKind kind) => kind is AlertRuleKind.Surge or AlertRuleKind.SignalAbove or AlertRuleKind.SignalBelow;

    /// <summary>Kinds that read a window of queue figures.</summary>
    public static bool HasWindow(AlertRuleKind kind) => kind is AlertRuleKind.ServiceLevelBelow or AlertRuleKind.AbandonmentRateAbove;

    /// <summary>Kinds whose RaiseAt may be omitted (it then comes from the queue, or is 0).</summary>
    public static bool RaiseAtIsOptional(AlertRuleKind kind) => kind is AlertRuleKind.ServiceLevelBelow or AlertRuleKind.LongestWaitAbove
        or AlertRuleKind.CallsWaitingAboveAvailable;
}

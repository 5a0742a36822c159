using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;

namespace CcWallboard.Core.Alerts;

/// <summary>
/// Checks alert rules against the centre and reports every problem at once: each error's field is the rule's key
/// (<c>Alerts:Rules:2:ClearAt</c>) and its reason starts with the rule's name (<c>rule 'sl-sales': …</c>).
/// <see cref="CentreOptionsValidator"/> runs it on the configured rules; <see cref="AlertEngine.ReplaceRules"/> runs it
/// before taking new rules.
/// </summary>
public static class AlertRulesValidator
{
    /// <summary>The configuration section of the rules.</summary>
    public const string Section = "Alerts:Rules";

    public static IReadOnlyList<FieldError> Validate(IReadOnlyList<AlertRuleSettings> rules, CentreOptions centre)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(centre);
        var errors = new List<FieldError>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var known = new KnownIds(centre);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var key = $"{Section}:{i}";
            if (rule is null)
            {
                errors.Add(new(key, "is empty"));
                continue;
            }
            var label = string.IsNullOrWhiteSpace(rule.Name) ? $"rule {i}" : $"rule '{rule.Name.Trim()}'";
            void Error(string field, string reason) => errors.Add(new($"{key}:{field}", $"{label}: {reason}"));

            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                Error("Name", "a name is required");
            }
            else if (!names.Add(rule.Name.Trim()))
            {
                Error("Name", $"the name '{rule.Name.Trim()}' is used by an earlier rule; names are unique");
            }

            if (!AlertRuleKinds.TryParse(rule.Kind, out var kind))
            {
                Error("Kind", string.IsNullOrWhiteSpace(rule.Kind)
                    ? $"a kind is required; expected one of {string.Join(", ", Enum.GetNames<AlertRuleKind>())}"
                    : $"'{rule.Kind}' is not a rule kind; expected one of {string.Join(", ", Enum.GetNames<AlertRuleKind>())}");
                continue;
            }

            if (rule.Severity is not null && !AlertSeverities.TryParse(rule.Severity, out _))
            {
                Error("Severity", $"'{rule.Severity}' is not a severity; expected info, warning or critical");
            }
            for (var j = 0; j < rule.Teams.Count; j++)
            {
                if (!known.Teams.Contains(rule.Teams[j]?.Trim() ?? ""))
                {
                    errors.Add(new($"{key}:Teams:{j}", $"{label}: team '{rule.Teams[j]}' is not configured under Teams"));
                }
            }
            if (!(rule.MinDurationSeconds >= 0) || double.IsInfinity(rule.MinDurationSeconds))
            {
                Error("MinDurationSeconds", $"must be zero or more seconds, not {rule.MinDurationSeconds}");
            }
            if (!(rule.CooldownSeconds >= 0) || double.IsInfinity(rule.CooldownSeconds))
            {
                Error("CooldownSeconds", $"must be zero or more seconds, not {rule.CooldownSeconds}");
            }

            ValidateSubject(rule, kind, known, Error);
            ValidateKindFields(rule, kind, centre, Error);
            ValidateThresholds(rule, kind, centre, known, Error);
        }
        return errors;
    }

    private static void ValidateSubject(AlertRuleSettings rule, AlertRuleKind kind, KnownIds known, Action<string, string> error)
    {
        var subject = rule.Subject?.Trim();
        if (string.IsNullOrEmpty(subject))
        {
            error("Subject", "a subject is required (an id, or * for every one)");
            return;
        }
        if (subject == AlertRuleKinds.Every)
        {
            return;
        }
        if (AlertRuleKinds.IsQueueKind(kind) && !known.Queues.Contains(subject) && !known.Groups.Contains(subject))
        {
            error("Subject", $"'{subject}' is not a configured queue or queue group ({kind} watches queues; * is every queue)");
        }
        else if (AlertRuleKinds.IsAgentKind(kind) && !known.Agents.Contains(subject) && !known.Teams.Contains(subject))
        {
            error("Subject", $"'{subject}' is not a configured agent or team ({kind} watches agents; * is every agent)");
        }
        else if (AlertRuleKinds.IsSignalKind(kind) && subject.Contains(':', StringComparison.Ordinal))
        {
            error("Subject", $"'{subject}' holds ':', which separates a signal's name from its subject");
        }
    }

    private static void ValidateKindFields(AlertRuleSettings rule, AlertRuleKind kind, CentreOptions centre, Action<string, string> error)
    {
        if (AlertRuleKinds.HasWindow(kind))
        {
            if (rule.Window is not null && AlertRule.WindowOf(rule.Window, centre) is null)
            {
                var sliding = string.Join(", ", centre.Centre.EffectiveSlidingWindowsMinutes.Select(AlertRule.WindowName));
                error("Window", $"'{rule.Window}' is not a window; expected {AlertRule.IntervalWindow}, {AlertRule.TodayWindow} or a configured sliding window ({sliding})");
            }
        }
        else if (rule.Window is not null)
        {
            error("Window", $"{kind} does not read a window (only {AlertRuleKind.ServiceLevelBelow} and {AlertRuleKind.AbandonmentRateAbove} do)");
        }

        if (kind == AlertRuleKind.AgentStateLongerThan)
        {
            if (string.IsNullOrWhiteSpace(rule.State))
            {
                error("State", "a state is required: acw, on_contact, not_ready or not_ready:REASON");
            }
            else if (!StateMatcher.TryParse(rule.State.Trim(), out var state) || !AlertRule.IsWatchableState(state))
            {
                error("State", $"'{rule.State}' is not a state this rule watches; expected acw, on_contact, not_ready or not_ready:REASON");
            }
        }
        else if (rule.State is not null)
        {
            error("State", $"{kind} does not watch an agent state (only {AlertRuleKind.AgentStateLongerThan} does)");
        }

        if (kind is AlertRuleKind.SignalAbove or AlertRuleKind.SignalBelow && string.IsNullOrWhiteSpace(rule.Signal))
        {
            error("Signal", $"{kind} needs the name of the signal it reads");
        }
        else if (!AlertRuleKinds.IsSignalKind(kind) && rule.Signal is not null)
        {
            error("Signal", $"{kind} does not read a signal (only {AlertRuleKind.Surge}, {AlertRuleKind.SignalAbove} and {AlertRuleKind.SignalBelow} do)");
        }
        else if (rule.Signal is not null && rule.Signal.Contains(':', StringComparison.Ordinal))
        {
            error("Signal", $"'{rule.Signal}' holds ':', which separates a signal's name from its subject");
        }
    }

    private static void ValidateThresholds(AlertRuleSettings rule, AlertRuleKind kind, CentreOptions centre, KnownIds known, Action<string, string> error)
    {
        if (kind == AlertRuleKind.OutOfAdherence)
        {
            if (rule.RaiseAt is not null)
            {
                error("RaiseAt", "out of adherence raises with the RTA alert, after the activity's threshold (Adherence:AlertAfterSeconds); remove RaiseAt");
            }
            if (rule.ClearAt is not null)
            {
                error("ClearAt", "out of adherence clears with the RTA alert, when the agent is back in adherence; remove ClearAt");
            }
            return;
        }
        var ok = true;
        if (rule.RaiseAt is null && !AlertRuleKinds.RaiseAtIsOptional(kind))
        {
            error("RaiseAt", $"{kind} needs a raise threshold");
            ok = false;
        }
        ok &= CheckRange("RaiseAt", rule.RaiseAt, kind, error);
        ok &= CheckRange("ClearAt", rule.ClearAt, kind, error);
        if (!ok)
        {
            return;
        }

        var above = AlertRuleKinds.IsAbove(kind);
        var parsed = AlertRule.Of(rule, centre);
        foreach (var (raise, clear, whose) in ResolvedThresholds(parsed, centre, known))
        {
            if (above ? clear > raise : clear < raise)
            {
                var why = above
                    ? $"an 'above' rule clears at or below its raise threshold (hysteresis), but ClearAt {clear} is above RaiseAt {raise}"
                    : $"a 'below' rule clears at or above its raise threshold (hysteresis), but ClearAt {clear} is below RaiseAt {raise}";
                error(rule.ClearAt is null ? "RaiseAt" : "ClearAt", whose is null ? why : $"{why} for {whose}");
                return;
            }
        }
    }

    /// <summary>The thresholds the rule resolves to: once, or per queue when a threshold defaults from the queue.</summary>
    private static IEnumerable<(double Raise, double Clear, string? Whose)> ResolvedThresholds(AlertRule rule, CentreOptions centre, KnownIds known)
    {
        var fromQueue = rule.Settings.RaiseAt is null && rule.Kind is AlertRuleKind.ServiceLevelBelow or AlertRuleKind.LongestWaitAbove;
        if (!fromQueue)
        {
            var raise = rule.RaiseFor(0, 0);
            yield return (raise, rule.ClearFor(raise), null);
            yield break;
        }
        if (known.GroupQueues.TryGetValue(rule.Subject, out var members))
        {
            // A group's figures carry the highest target and threshold of its queues (QueueSnapshot).
            var queues = centre.Queues.Where(q => members.Contains(q.Id)).ToList();
            if (queues.Count > 0)
            {
                var raise = rule.RaiseFor(queues.Max(q => q.ServiceLevelTargetPercent), queues.Max(q => q.ServiceLevelSeconds));
                yield return (raise, rule.ClearFor(raise), $"group '{rule.Subject}' (from its queues' service level)");
            }
            yield break;
        }
        foreach (var queue in centre.Queues.Where(q => rule.IsEvery || rule.Subject == q.Id))
        {
            var raise = rule.RaiseFor(queue.ServiceLevelTargetPercent, queue.ServiceLevelSeconds);
            yield return (raise, rule.ClearFor(raise), $"queue '{queue.Id}' (from its service level)");
        }
    }

    private static bool CheckRange(string field, double? value, AlertRuleKind kind, Action<string, string> error)
    {
        if (value is not { } v)
        {
            return true;
        }
        if (!double.IsFinite(v))
        {
            error(field, "must be a number");
            return false;
        }
        switch (kind)
        {
            case AlertRuleKind.ServiceLevelBelow or AlertRuleKind.AbandonmentRateAbove when v is < 0 or > 100:
                error(field, $"is a percentage: between 0 and 100, not {v}");
                return false;
            case AlertRuleKind.LongestWaitAbove or AlertRuleKind.AgentStateLongerThan when v < 0:
                error(field, $"is seconds: zero or more, not {v}");
                return false;
            default:
                return true;
        }
    }

    /// <summary>The ids a rule may name.</summary>
    private sealed class KnownIds
    {
        public KnownIds(CentreOptions centre)
        {
            Queues = [.. centre.Queues.Select(q => q.Id)];
            Groups = [.. centre.QueueGroups.Select(g => g.Id)];
            Teams = [.. centre.Teams.Select(t => t.Id)];
            Agents = [.. centre.Agents.Select(a => a.Id)];
            foreach (var group in centre.QueueGroups)
            {
                GroupQueues.TryAdd(group.Id, [.. group.Queues]);
            }
        }

        public HashSet<string> Queues { get; }
        public HashSet<string> Groups { get; }
        public HashSet<string> Teams { get; }
        public HashSet<string> Agents { get; }
        public Dictionary<string, HashSet<string>> GroupQueues { get; } = new(StringComparer.Ordinal);
    }
}

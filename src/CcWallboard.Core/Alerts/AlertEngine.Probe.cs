using CcWallboard.Core.Adherence;
using CcWallboard.Core.Metrics;
using RtaSeverity = CcWallboard.Core.Adherence.AlertSeverity;

namespace CcWallboard.Core.Alerts;

/// <summary>Reading each rule's value per subject out of the engines (the figures' definitions stay with them).</summary>
public sealed partial class AlertEngine
{
    /// <summary>Where a value stands against a rule's thresholds.</summary>
    private enum Condition
    {
        /// <summary>Back at or within the clear threshold, or no value: clears; never raises.</summary>
        Within,
        /// <summary>Between the two thresholds: a raised alert stays raised, nothing new is raised.</summary>
        Between,
        /// <summary>Beyond the raise threshold: raises once it has held for the minimum duration.</summary>
        Beyond,
    }

    /// <summary>One rule's reading for one subject.</summary>
    private readonly record struct Sample(
        string Subject,
        string SubjectName,
        string SubjectKind,
        string? TeamId,
        double? Value,
        double Threshold,
        double? ClearThreshold,
        Condition Condition,
        AlertSeverity? Severity)
    {
        public static Sample NoValue(string subject) =>
            new(subject, subject, AlertSubjectKinds.Signal, null, null, 0, null, Condition.Within, null);
    }

    /// <summary>The readings of one evaluation: each queue's view is read once however many rules watch it.</summary>
    private sealed class Probe(
        AlertEngine engine,
        QueueMetricsEngine metrics,
        AdherenceEngine? adherence,
        IReadOnlyDictionary<string, double>? signals,
        DateTimeOffset now)
    {
        private readonly Dictionary<string, QueueSnapshot?> _views = new(StringComparer.Ordinal);
        private IReadOnlyList<AgentStateNow>? _agentStates;
        private IReadOnlyList<AdherenceAlert>? _rtaAlerts;

        public IEnumerable<Sample> Samples(AlertRule rule) => rule.Kind switch
        {
            AlertRuleKind.ServiceLevelBelow or AlertRuleKind.LongestWaitAbove or AlertRuleKind.CallsWaitingAboveAvailable
                or AlertRuleKind.AbandonmentRateAbove => QueueSamples(rule),
            AlertRuleKind.AgentStateLongerThan => AgentStateSamples(rule),
            AlertRuleKind.OutOfAdherence => AdherenceSamples(rule),
            AlertRuleKind.Surge or AlertRuleKind.SignalAbove or AlertRuleKind.SignalBelow => SignalSamples(rule),
            _ => [],
        };

        private IEnumerable<Sample> QueueSamples(AlertRule rule)
        {
            IEnumerable<string> ids = rule.IsEvery ? engine._options.Queues.Select(q => q.Id) : [rule.Subject];
            foreach (var id in ids)
            {
                if (View(id) is not { } view)
                {
                    continue;
                }
                double? value = rule.Kind switch
                {
                    AlertRuleKind.ServiceLevelBelow => WindowOf(view, rule.Window)?.ServiceLevelPercent,
                    AlertRuleKind.AbandonmentRateAbove => WindowOf(view, rule.Window)?.AbandonmentRatePercent,
                    AlertRuleKind.LongestWaitAbove => view.LongestWaitSeconds ?? 0,
                    AlertRuleKind.CallsWaitingAboveAvailable => view.CallsWaiting - view.Agents.Available,
                    _ => null,
                };
                var raise = rule.RaiseFor(view.ServiceLevelTargetPercent, view.ServiceLevelSeconds);
                var clear = rule.ClearFor(raise);
                var kind = view.Kind == AggregateKinds.Group ? AlertSubjectKinds.Group : AlertSubjectKinds.Queue;
                yield return new Sample(id, view.Name, kind, null, value, raise, clear, ConditionOf(rule, value, raise, clear), null);
            }
        }

        private IEnumerable<Sample> AgentStateSamples(AlertRule rule)
        {
            _agentStates ??= metrics.AgentStates;
            var watched = rule.State!.Value;
            var raise = rule.RaiseFor(0, 0);
            var clear = rule.ClearFor(raise);
            foreach (var agent in _agentStates)
            {
                var settings = engine._agents.GetValueOrDefault(agent.AgentId);
                if (!rule.IsEvery && rule.Subject != agent.AgentId && rule.Subject != settings?.TeamId)
                {
                    continue;
                }
                double value = agent.Since is { } since && watched.Matches(agent.State, agent.Reason)
                    ? Math.Max(0, (now - since).TotalSeconds)
                    : 0;
                var name = string.IsNullOrWhiteSpace(settings?.Name) ? agent.AgentId : settings.Name;
                yield return new Sample(agent.AgentId, name, AlertSubjectKinds.Agent, settings?.TeamId, value, raise, clear,
                    ConditionOf(rule, value, raise, clear), null);
            }
        }

        private IEnumerable<Sample> AdherenceSamples(AlertRule rule)
        {
            if (adherence is null)
            {
                yield break;
            }
            _rtaAlerts ??= [.. adherence.Alerts.OrderBy(a => a.AgentId, StringComparer.Ordinal)];
            foreach (var alert in _rtaAlerts)
            {
                if (!rule.IsEvery && rule.Subject != alert.AgentId && rule.Subject != alert.TeamId)
                {
                    continue;
                }
                var outSeconds = Math.Max(0, (adherence.Now - alert.OutSince).TotalSeconds);
                var threshold = engine._options.Adherence.AlertAfter(alert.Activity);
                var severity = alert.Severity == RtaSeverity.Severe ? AlertSeverity.Critical : AlertSeverity.Warning;
                yield return new Sample(alert.AgentId, alert.AgentName, AlertSubjectKinds.Agent, alert.TeamId, outSeconds, threshold, null,
                    Condition.Beyond, severity);
            }
        }

        private IEnumerable<Sample> SignalSamples(AlertRule rule)
        {
            if (signals is null)
            {
                yield break;
            }
            var prefix = rule.Signal + ":";
            IEnumerable<string> subjects = rule.IsEvery
                ? signals.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.Length > prefix.Length)
                    .Select(k => k[prefix.Length..]).Order(StringComparer.Ordinal)
                : [rule.Subject];
            var raise = rule.RaiseFor(0, 0);
            var clear = rule.ClearFor(raise);
            foreach (var subject in subjects)
            {
                if (!signals.TryGetValue(prefix + subject, out var signal))
                {
                    continue;
                }
                double? value = double.IsFinite(signal) ? signal : null;
                var name = engine._queueNames.GetValueOrDefault(subject, subject);
                yield return new Sample(subject, name, AlertSubjectKinds.Signal, null, value, raise, clear, ConditionOf(rule, value, raise, clear), null);
            }
        }

        private QueueSnapshot? View(string id)
        {
            if (!_views.TryGetValue(id, out var view))
            {
                view = metrics.ViewOf(id, now);
                _views[id] = view;
            }
            return view;
        }

        private static QueueFigures? WindowOf(QueueSnapshot view, string? window) => window switch
        {
            AlertRule.TodayWindow => view.Today,
            AlertRule.IntervalWindow => view.Interval,
            _ => view.Sliding.FirstOrDefault(f => f.Window == window),
        };

        private static Condition ConditionOf(AlertRule rule, double? value, double raise, double clear) =>
            value is not { } v ? Condition.Within
            : rule.Raises(v, raise) ? Condition.Beyond
            : rule.Clears(v, clear) ? Condition.Within
            : Condition.Between;
    }
}

using System.Globalization;
using CcWallboard.Core.Alerts;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Time;
using AdherenceEngine = CcWallboard.Core.Adherence.AdherenceEngine;

namespace CcWallboard.Core.Tests.Alerts;

/// <summary>
/// A small centre for alert worked examples on fake time, in Europe/London on Monday 2026-11-23 (GMT, so local = UTC):
/// queues <c>sales</c> (T 20 s, target 80 %) and <c>service</c> (T 30 s, target 80 %), group <c>all</c>; agents a1 (sales)
/// and a2 (sales, service) in team <c>north</c>, a3 (service) in team <c>south</c>. Events go straight into a
/// <see cref="QueueMetricsEngine"/>; times are local "HH:mm" or "HH:mm:ss" of that date. Every change the alert engine
/// reports is kept in <see cref="Changes"/>.
/// </summary>
internal sealed class AlertScript
{
    public static readonly DateOnly Date = new(2026, 11, 23);
    private readonly Dictionary<string, double> _signals = new(StringComparer.Ordinal);
    private int _nextId;

    public AlertScript(params AlertRuleSettings[] rules)
        : this(null, rules)
    {
    }

    public AlertScript(Action<CentreOptions>? configure, params AlertRuleSettings[] rules)
    {
        Options = Centre();
        Options.Alerts.Rules = [.. rules];
        configure?.Invoke(Options);
        Calendar = CentreCalendar.For(Options.Centre);
        Metrics = new QueueMetricsEngine(Options, Calendar, Calendar.DayOf(At("12:00")).Start);
        Engine = new AlertEngine(Options);
    }

    public static CentreOptions Centre() => new()
    {
        Centre = new CentreSettings { Name = "Centre", TimeZone = "Europe/London", IntervalMinutes = 15 },
        Queues =
        [
            new QueueSettings { Id = "sales", Name = "Sales", ServiceLevelSeconds = 20, ServiceLevelTargetPercent = 80 },
            new QueueSettings { Id = "service", Name = "Service", ServiceLevelSeconds = 30, ServiceLevelTargetPercent = 80 },
        ],
        QueueGroups = [new QueueGroupSettings { Id = "all", Queues = ["sales", "service"] }],
        Teams = [new TeamSettings { Id = "north" }, new TeamSettings { Id = "south" }],
        Agents =
        [
            new AgentSettings { Id = "a1", Name = "Ann", TeamId = "north", Queues = ["sales"] },
            new AgentSettings { Id = "a2", Name = "Bob", TeamId = "north", Queues = ["sales", "service"] },
            new AgentSettings { Id = "a3", Name = "Cem", TeamId = "south", Queues = ["service"] },
        ],
    };

    public CentreOptions Options { get; }

    public CentreCalendar Calendar { get; }

    public QueueMetricsEngine Metrics { get; }

    public AlertEngine Engine { get; set; }

    public AdherenceEngine? Adherence { get; set; }

    public List<AlertChange> Changes { get; } = [];

    /// <summary>An instant of the script's date from local "HH:mm[:ss]".</summary>
    public DateTimeOffset At(string localTime) =>
        Calendar.ToInstant(Date.ToDateTime(TimeOnly.ParseExact(localTime, localTime.Length == 5 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture)));

    /// <summary>Sets a signal (e.g. <c>surge:sales</c>) for the evaluations that follow; null removes it.</summary>
    public AlertScript Signal(string key, double? value)
    {
        if (value is { } v)
        {
            _signals[key] = v;
        }
        else
        {
            _signals.Remove(key);
        }
        return this;
    }

    /// <summary>One evaluation at <paramref name="at"/> (the metrics and adherence engines are moved there first).</summary>
    public IReadOnlyList<AlertChange> Evaluate(DateTimeOffset at)
    {
        Metrics.AdvanceTo(at);
        Adherence?.AdvanceTo(at);
        var changes = Engine.Evaluate(at, Metrics, Adherence, _signals);
        Changes.AddRange(changes);
        return changes;
    }

    public IReadOnlyList<AlertChange> Evaluate(string at) => Evaluate(At(at));

    /// <summary>Evaluates every second from <paramref name="from"/> to <paramref name="to"/>, both included; returns the changes.</summary>
    public IReadOnlyList<AlertChange> EverySecond(string from, string to)
    {
        var changes = new List<AlertChange>();
        for (var t = At(from); t <= At(to); t = t.AddSeconds(1))
        {
            changes.AddRange(Evaluate(t));
        }
        return changes;
    }

    /// <summary>Holds a signal at <paramref name="value"/> and evaluates every second from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public IReadOnlyList<AlertChange> Hold(string key, double value, string from, string to) => Signal(key, value).EverySecond(from, to);

    public void Queued(string contact, string at, string queue = "sales") =>
        Metrics.Apply(new ContactQueued(NextId(), At(at), contact, queue));

    public void Answered(string contact, string at, string agent = "a1", string queue = "sales") =>
        Metrics.Apply(new ContactAnswered(NextId(), At(at), contact, queue, agent));

    public void Abandoned(string contact, string at, string queue = "sales") =>
        Metrics.Apply(new ContactAbandoned(NextId(), At(at), contact, queue));

    /// <summary>A contact queued at <paramref name="at"/> and answered <paramref name="waitSeconds"/> later.</summary>
    public void AnsweredAfter(string contact, string at, double waitSeconds, string queue = "sales", string agent = "a1")
    {
        Metrics.Apply(new ContactQueued(NextId(), At(at), contact, queue));
        Metrics.Apply(new ContactAnswered(NextId(), At(at).AddSeconds(waitSeconds), contact, queue, agent));
    }

    public void AbandonedAfter(string contact, string at, double waitSeconds, string queue = "sales")
    {
        Metrics.Apply(new ContactQueued(NextId(), At(at), contact, queue));
        Metrics.Apply(new ContactAbandoned(NextId(), At(at).AddSeconds(waitSeconds), contact, queue));
    }

    public void State(string agent, AgentState state, string at, string? reason = null)
    {
        var e = new AgentStateChanged(NextId(), At(at), agent, state, reason);
        Metrics.Apply(e);
        Adherence?.Apply(e);
    }

    private string NextId() => $"e{++_nextId}";

    /// <summary>A rule on a caller-supplied signal <c>load:sales</c>: an easy way to drive a value exactly.</summary>
    public static AlertRuleSettings LoadBelow(double raiseAt, double clearAt, double minDurationSeconds = 0, double cooldownSeconds = 0) => new()
    {
        Name = "load-low",
        Kind = nameof(AlertRuleKind.SignalBelow),
        Signal = "load",
        Subject = "sales",
        RaiseAt = raiseAt,
        ClearAt = clearAt,
        MinDurationSeconds = minDurationSeconds,
        CooldownSeconds = cooldownSeconds,
    };
}

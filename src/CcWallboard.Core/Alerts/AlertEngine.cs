using System.Security.Cryptography;
using System.Text;
using CcWallboard.Core.Adherence;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Alerts;

/// <summary>
/// Supervisor alerts (docs/alerts.md): evaluates every rule for every subject it covers on the caller's clock and keeps
/// each alert's lifecycle — raised → acknowledged → cleared, a raise within the cool-down after a clear rejoining the
/// same alert. A condition must hold continuously for the rule's minimum duration before it raises, and a raised alert
/// clears only once the value is back at or within the clear threshold (hysteresis), so a value between the two
/// thresholds changes nothing. A subject with no value (no service level yet, no RTA alert, no signal) never raises,
/// drops a condition waiting out its minimum duration and clears a raised alert.
/// <para>
/// Deterministic: the result depends only on the calls and their times (no clock of its own); alert ids come from the
/// rule, the subject and the raise time, so a replayed day gives the same history every time. Single-threaded: the
/// caller serialises every call (as it does for the metric and adherence engines it passes in).
/// </para>
/// </summary>
public sealed partial class AlertEngine
{
    private readonly CentreOptions _options;
    private readonly CentreCalendar _calendar;
    private readonly Dictionary<string, AgentSettings> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _queueNames = new(StringComparer.Ordinal);
    /// <summary>Rule name (case-insensitive) → the subjects with a condition pending, an alert active or recently cleared.</summary>
    private readonly Dictionary<string, RuleTracks> _tracks = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Today's alerts (and older ones still active), in the order they were raised.</summary>
    private readonly List<AlertRecord> _history = [];
    private readonly Dictionary<string, AlertRecord> _byId = new(StringComparer.Ordinal);
    private IReadOnlyList<AlertRuleSettings> _ruleSettings;
    private AlertRule[] _rules;
    private CentreDay? _day;
    private long? _now;
    private long _stamp;

    /// <summary>An engine with the centre's configured rules (the default set when it names none).</summary>
    /// <exception cref="ArgumentException">The configured rules are not valid (every error is in the message).</exception>
    public AlertEngine(CentreOptions options, CentreCalendar? calendar = null)
        : this(options, options?.Alerts.Rules ?? throw new ArgumentNullException(nameof(options)), calendar)
    {
    }

    /// <summary>An engine with <paramref name="rules"/> (the default set when empty).</summary>
    /// <exception cref="ArgumentException">The rules are not valid (every error is in the message).</exception>
    public AlertEngine(CentreOptions options, IReadOnlyList<AlertRuleSettings> rules, CentreCalendar? calendar = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentNullException.ThrowIfNull(rules);
        _calendar = calendar ?? CentreCalendar.For(options.Centre);
        foreach (var agent in options.Agents)
        {
            _agents.TryAdd(agent.Id, agent);
        }
        foreach (var queue in options.Queues)
        {
            _queueNames.TryAdd(queue.Id, queue.DisplayName);
        }
        foreach (var group in options.QueueGroups)
        {
            _queueNames.TryAdd(group.Id, group.DisplayName);
        }
        var effective = AlertSettings.Effective(rules, options);
        var errors = AlertRulesValidator.Validate(effective, options);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"the alert rules are not valid: {string.Join("; ", errors)}", nameof(rules));
        }
        _ruleSettings = effective;
        _rules = [.. effective.Select(r => AlertRule.Of(r, options))];
    }

    /// <summary>The rules in force (the default set when none was given).</summary>
    public IReadOnlyList<AlertRuleSettings> Rules => _ruleSettings;

    /// <summary>The time of the last evaluation (null before the first), in the centre's local time.</summary>
    public DateTimeOffset? Now => _now is { } now ? Local(now) : null;

    /// <summary>The alerts raised and not cleared, in the order they were raised.</summary>
    public IReadOnlyList<Alert> Active => [.. _history.Where(a => a.ClearedAt is null).Select(a => a.ToAlert())];

    /// <summary>Today's alerts — every alert active at some moment of the current centre day — in the order they were raised.</summary>
    public IReadOnlyList<Alert> History => [.. _history.Select(a => a.ToAlert())];

    /// <summary>One alert of today's history by id; null when there is none.</summary>
    public Alert? Find(string id) => _byId.TryGetValue(id, out var alert) ? alert.ToAlert() : null;

    /// <summary>
    /// Evaluates every rule for every subject it covers at <paramref name="now"/> (an earlier time than the last
    /// evaluation counts as the last one) and returns the changes, rule by rule in configuration order. Queue figures
    /// come from <paramref name="metrics"/> (longest waits measured to <paramref name="now"/>), agent states from it
    /// too, RTA alerts from <paramref name="adherence"/> (none without it), and signal values from
    /// <paramref name="signals"/>, keyed <c>NAME:SUBJECT</c> (e.g. <c>surge:sales</c>).
    /// </summary>
    public IReadOnlyList<AlertChange> Evaluate(
        DateTimeOffset now,
        QueueMetricsEngine metrics,
        AdherenceEngine? adherence = null,
        IReadOnlyDictionary<string, double>? signals = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var at = Math.Max(now.UtcTicks, _now ?? long.MinValue);
        _now = at;
        MoveDay(at);
        _stamp++;
        var changes = new List<AlertChange>();
        var probe = new Probe(this, metrics, adherence, signals, new DateTimeOffset(at, TimeSpan.Zero));
        foreach (var rule in _rules)
        {
            _tracks.TryGetValue(rule.Name, out var tracks);
            foreach (var sample in probe.Samples(rule))
            {
                tracks ??= NewTracks(rule);
                Step(rule, tracks, sample, at, changes);
            }
            if (tracks is null)
            {
                continue;
            }
            List<string>? unseen = null;
            foreach (var track in tracks.Subjects.Values)
            {
                if (track.Seen != _stamp)
                {
                    (unseen ??= []).Add(track.Subject);
                }
            }
            foreach (var subject in unseen ?? [])
            {
                Step(rule, tracks, Sample.NoValue(subject), at, changes);
            }
            Prune(rule, tracks, at);
        }
        return changes;
    }

    /// <summary>
    /// A supervisor takes ownership of an active alert. Unknown ids, cleared alerts and alerts acknowledged before are
    /// refused with a message saying why (the first acknowledgement stands).
    /// </summary>
    public AcknowledgeResult Acknowledge(string id, string by, string? note, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (!_byId.TryGetValue(id, out var alert))
        {
            return new(AcknowledgeStatus.UnknownAlert, $"there is no alert '{id}' today", null, null);
        }
        if (alert.ClearedAt is { } cleared)
        {
            return new(AcknowledgeStatus.AlreadyCleared,
                $"alert '{id}' ({alert.Rule}, {alert.Subject}) cleared at {cleared:O}; there is nothing to acknowledge", null, alert.ToAlert());
        }
        if (alert.AcknowledgedAt is { } acknowledged)
        {
            return new(AcknowledgeStatus.AlreadyAcknowledged,
                $"alert '{id}' ({alert.Rule}, {alert.Subject}) was acknowledged by {alert.AcknowledgedBy} at {acknowledged:O}", null, alert.ToAlert());
        }
        alert.AcknowledgedAt = Local(at.UtcTicks);
        alert.AcknowledgedBy = by.Trim();
        alert.AcknowledgementNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var snapshot = alert.ToAlert();
        return new(AcknowledgeStatus.Acknowledged, $"alert '{id}' acknowledged by {alert.AcknowledgedBy}",
            new AlertChange(AlertChangeKind.Acknowledged, alert.AcknowledgedAt.Value, snapshot), snapshot);
    }

    /// <summary>
    /// Takes new rules (the default set when empty) once every one is valid; otherwise returns every error and keeps the
    /// rules in force. A rule of the same name and kind keeps its active alerts (and its pending conditions); the
    /// alerts of a rule removed, or changed to another kind, are cleared at the last evaluation time.
    /// </summary>
    public ReplaceRulesResult ReplaceRules(IReadOnlyList<AlertRuleSettings> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var effective = AlertSettings.Effective(rules, _options);
        var errors = AlertRulesValidator.Validate(effective, _options);
        if (errors.Count > 0)
        {
            return new ReplaceRulesResult(errors, []);
        }
        var compiled = effective.Select(r => AlertRule.Of(r, _options)).ToArray();
        var byName = compiled.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        var changes = new List<AlertChange>();
        foreach (var name in _rules.Select(r => r.Name).Concat(_tracks.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.OrdinalIgnoreCase).ToList())
        {
            if (!_tracks.TryGetValue(name, out var tracks))
            {
                continue;
            }
            if (byName.TryGetValue(name, out var rule) && rule.Kind == tracks.Kind)
            {
                foreach (var track in tracks.Subjects.Values)
                {
                    if (track.Active is { } active)
                    {
                        active.Teams = rule.Teams;
                    }
                }
                continue;
            }
            foreach (var track in tracks.Subjects.Values)
            {
                if (track.Active is { } active)
                {
                    Clear(active, _now ?? active.RaisedAt.UtcTicks, changes);
                }
            }
            _tracks.Remove(name);
        }
        _ruleSettings = effective;
        _rules = compiled;
        return new ReplaceRulesResult([], changes);
    }

    /// <summary>The engine's state, to keep (e.g. in Redis) and <see cref="Restore"/> after a restart.</summary>
    public AlertEngineState Save()
    {
        var alerts = new List<Alert>(_history.Count);
        var kept = new HashSet<AlertRecord>(ReferenceEqualityComparer.Instance);
        foreach (var alert in _history)
        {
            kept.Add(alert);
            alerts.Add(alert.ToAlert());
        }
        var pending = new List<PendingAlert>();
        foreach (var tracks in _tracks.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            foreach (var track in tracks.Subjects.Values)
            {
                if (track.Recent is { } recent && kept.Add(recent))
                {
                    alerts.Add(recent.ToAlert());
                }
                if (track.Since is { } since)
                {
                    pending.Add(new PendingAlert(tracks.Name, track.Subject, Local(since)));
                }
            }
        }
        return new AlertEngineState(AlertEngineState.CurrentVersion, Now, alerts, pending);
    }

    /// <summary>
    /// Replaces the engine's state with a saved one (the rules stay those in force). Alerts of rules no longer in force
    /// (by name and kind) that were still active are cleared at the saved time; the changes are returned.
    /// </summary>
    public IReadOnlyList<AlertChange> Restore(AlertEngineState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Version != AlertEngineState.CurrentVersion)
        {
            throw new ArgumentException($"alert state version {state.Version} is not {AlertEngineState.CurrentVersion}", nameof(state));
        }
        _tracks.Clear();
        _history.Clear();
        _byId.Clear();
        _now = state.Now?.UtcTicks;
        _day = state.Now is { } now ? _calendar.DayOf(now) : null;
        var changes = new List<AlertChange>();
        var rules = _rules.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var saved in state.Alerts ?? [])
        {
            var alert = AlertRecord.From(saved);
            var rule = rules.TryGetValue(alert.Rule, out var r) && r.Kind == alert.Kind ? r : null;
            if (alert.ClearedAt is null && rule is null)
            {
                Clear(alert, _now ?? alert.RaisedAt.UtcTicks, changes);
            }
            if (alert.ClearedAt is null || _day is not { } day || alert.ClearedAt >= day.Start)
            {
                AddToHistory(alert);
            }
            if (rule is null)
            {
                continue;
            }
            var track = TrackOf(rule, alert.Subject);
            if (alert.ClearedAt is null)
            {
                track.Active = alert;
            }
            else if ((track.Recent is null || alert.ClearedAt > track.Recent.ClearedAt)
                && (_now ?? long.MinValue) - alert.ClearedAt.Value.UtcTicks <= rule.Cooldown.Ticks)
            {
                track.Recent = alert;
            }
        }
        foreach (var pending in state.Pending ?? [])
        {
            if (rules.TryGetValue(pending.Rule, out var rule))
            {
                TrackOf(rule, pending.Subject).Since = pending.Since.UtcTicks;
            }
        }
        return changes;
    }

    /// <summary>One evaluation of one rule for one subject.</summary>
    private void Step(AlertRule rule, RuleTracks tracks, in Sample sample, long at, List<AlertChange> changes)
    {
        if (!tracks.Subjects.TryGetValue(sample.Subject, out var track))
        {
            if (sample.Condition != Condition.Beyond)
            {
                return;
            }
            track = new Track(sample.Subject);
            tracks.Subjects.Add(sample.Subject, track);
        }
        track.Seen = _stamp;
        var severity = rule.Severity ?? sample.Severity ?? AlertSeverity.Warning;

        if (track.Active is { } active)
        {
            active.LastValue = sample.Value;
            if (sample.Value is { } value)
            {
                active.WorstValue = rule.Worse(active.WorstValue, value);
            }
            if (sample.Condition == Condition.Within)
            {
                track.Active = null;
                track.Recent = active;
                Clear(active, at, changes);
                return;
            }
            if (severity > active.Severity)
            {
                active.Severity = severity;
                changes.Add(new AlertChange(AlertChangeKind.Escalated, Local(at), active.ToAlert()));
            }
            return;
        }

        if (sample.Condition != Condition.Beyond || sample.Value is not { } raisedValue)
        {
            track.Since = null;
            return;
        }
        track.Since ??= at;
        if (at - track.Since.Value < rule.MinDuration.Ticks)
        {
            return;
        }
        track.Since = null;
        if (track.Recent is { ClearedAt: { } clearedAt } recent && at - clearedAt.UtcTicks <= rule.Cooldown.Ticks)
        {
            track.Recent = null;
            track.Active = recent;
            recent.ClearedAt = null;
            recent.Rejoins++;
            recent.LastValue = raisedValue;
            recent.WorstValue = rule.Worse(recent.WorstValue, raisedValue);
            recent.Severity = severity > recent.Severity ? severity : recent.Severity;
            recent.Teams = rule.Teams;
            AddToHistory(recent);
            changes.Add(new AlertChange(AlertChangeKind.Rejoined, Local(at), recent.ToAlert()));
            return;
        }
        var raised = new AlertRecord
        {
            Id = IdOf(rule.Name, sample.Subject, at),
            Rule = rule.Name,
            Kind = rule.Kind,
            Subject = sample.Subject,
            SubjectName = sample.SubjectName,
            SubjectKind = sample.SubjectKind,
            TeamId = sample.TeamId,
            Teams = rule.Teams,
            Severity = severity,
            RaisedAt = Local(at),
            Value = raisedValue,
            Threshold = sample.Threshold,
            ClearThreshold = sample.ClearThreshold,
            WorstValue = raisedValue,
            LastValue = raisedValue,
        };
        track.Recent = null;
        track.Active = raised;
        AddToHistory(raised);
        changes.Add(new AlertChange(AlertChangeKind.Raised, raised.RaisedAt, raised.ToAlert()));
    }

    private void Clear(AlertRecord alert, long at, List<AlertChange> changes)
    {
        alert.ClearedAt = Local(at);
        changes.Add(new AlertChange(AlertChangeKind.Cleared, alert.ClearedAt.Value, alert.ToAlert()));
    }

    /// <summary>Forgets subjects with nothing pending, active or rejoinable.</summary>
    private static void Prune(AlertRule rule, RuleTracks tracks, long at)
    {
        List<string>? idle = null;
        foreach (var track in tracks.Subjects.Values)
        {
            if (track.Recent is { ClearedAt: { } cleared } && at - cleared.UtcTicks > rule.Cooldown.Ticks)
            {
                track.Recent = null;
            }
            if (track.Active is null && track.Recent is null && track.Since is null)
            {
                (idle ??= []).Add(track.Subject);
            }
        }
        foreach (var subject in idle ?? [])
        {
            tracks.Subjects.Remove(subject);
        }
    }

    /// <summary>A new centre day: alerts cleared before it leave the history (active ones stay).</summary>
    private void MoveDay(long at)
    {
        if (_day is { } day && at < day.End.UtcTicks)
        {
            return;
        }
        var today = _calendar.DayOf(new DateTimeOffset(at, TimeSpan.Zero));
        _day = today;
        _history.RemoveAll(a => a.ClearedAt is { } cleared && cleared < today.Start);
        foreach (var id in _byId.Where(p => p.Value.ClearedAt is { } cleared && cleared < today.Start).Select(p => p.Key).ToList())
        {
            _byId.Remove(id);
        }
    }

    private void AddToHistory(AlertRecord alert)
    {
        if (_byId.TryAdd(alert.Id, alert))
        {
            _history.Add(alert);
        }
    }

    private RuleTracks NewTracks(AlertRule rule)
    {
        var tracks = new RuleTracks(rule.Name, rule.Kind);
        _tracks[rule.Name] = tracks;
        return tracks;
    }

    private Track TrackOf(AlertRule rule, string subject)
    {
        if (!_tracks.TryGetValue(rule.Name, out var tracks))
        {
            tracks = NewTracks(rule);
        }
        if (!tracks.Subjects.TryGetValue(subject, out var track))
        {
            track = new Track(subject);
            tracks.Subjects.Add(subject, track);
        }
        return track;
    }

    private DateTimeOffset Local(long ticks) => TimeZoneInfo.ConvertTime(new DateTimeOffset(ticks, TimeSpan.Zero), _calendar.TimeZone);

    /// <summary>An alert's id: the first 16 hex digits of SHA-256 over its rule, subject and raise instant (UTC ticks).</summary>
    internal static string IdOf(string rule, string subject, long raisedAtUtcTicks)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{rule}\n{subject}\n{raisedAtUtcTicks}"));
        return Convert.ToHexStringLower(hash, 0, 8);
    }

    /// <summary>One rule's subjects by id (ordinal order, so evaluation order never depends on arrival order).</summary>
    private sealed class RuleTracks(string name, AlertRuleKind kind)
    {
        public string Name { get; } = name;

        public AlertRuleKind Kind { get; } = kind;

        public SortedDictionary<string, Track> Subjects { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>One rule × subject: the condition's start while pending, the active alert, the last cleared one (for the cool-down).</summary>
    private sealed class Track(string subject)
    {
        public string Subject { get; } = subject;

        public long? Since { get; set; }

        public AlertRecord? Active { get; set; }

        public AlertRecord? Recent { get; set; }

        public long Seen { get; set; }
    }

    /// <summary>An alert while the engine keeps it: mutable; read out as an <see cref="Alert"/>.</summary>
    private sealed class AlertRecord
    {
        public required string Id { get; init; }
        public required string Rule { get; init; }
        public required AlertRuleKind Kind { get; init; }
        public required string Subject { get; init; }
        public required string SubjectName { get; init; }
        public required string SubjectKind { get; init; }
        public string? TeamId { get; init; }
        public required IReadOnlyList<string> Teams { get; set; }
        public AlertSeverity Severity { get; set; }
        public DateTimeOffset RaisedAt { get; init; }
        public double Value { get; init; }
        public double Threshold { get; init; }
        public double? ClearThreshold { get; init; }
        public double WorstValue { get; set; }
        public double? LastValue { get; set; }
        public int Rejoins { get; set; }
        public DateTimeOffset? AcknowledgedAt { get; set; }
        public string? AcknowledgedBy { get; set; }
        public string? AcknowledgementNote { get; set; }
        public DateTimeOffset? ClearedAt { get; set; }

        public Alert ToAlert() => new(Id, Rule, Kind, Subject, SubjectName, SubjectKind, TeamId, Teams, Severity, RaisedAt, Value,
            Threshold, ClearThreshold, WorstValue, LastValue, Rejoins, AcknowledgedAt, AcknowledgedBy, AcknowledgementNote, ClearedAt);

        public static AlertRecord From(Alert a) => new()
        {
            Id = a.Id,
            Rule = a.Rule,
            Kind = a.Kind,
            Subject = a.Subject,
            SubjectName = a.SubjectName,
            SubjectKind = a.SubjectKind,
            TeamId = a.TeamId,
            Teams = [.. a.Teams ?? []],
            Severity = a.Severity,
            RaisedAt = a.RaisedAt,
            Value = a.Value,
            Threshold = a.Threshold,
            ClearThreshold = a.ClearThreshold,
            WorstValue = a.WorstValue,
            LastValue = a.LastValue,
            Rejoins = a.Rejoins,
            AcknowledgedAt = a.AcknowledgedAt,
            AcknowledgedBy = a.AcknowledgedBy,
            AcknowledgementNote = a.AcknowledgementNote,
            ClearedAt = a.ClearedAt,
        };
    }
}

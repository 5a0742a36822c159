using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Adherence;

/// <summary>
/// Schedule adherence live (METRICS.md, "Schedule adherence"): folds the ordered agent-state stream against each
/// agent's schedule into today's seconds scheduled, in and out of adherence, not calculated, worked and scheduled
/// to work; knows each agent's status now and how long they have been out, continuously; raises, escalates and
/// clears real-time adherence (RTA) alerts; counts approved exceptions as in adherence. What satisfies what is
/// <see cref="AdherenceRules"/>.
/// <para>
/// Fed like <see cref="Metrics.QueueMetricsEngine"/>: <see cref="Apply"/> in time order and <see cref="AdvanceTo"/>
/// with the clock, because a schedule boundary changes adherence without any event. Each returns the alert changes
/// it caused, in time order, for the host to push. The day resets by the clock: it closes at the first instant
/// after its end, so the figures read at the end instant are the whole day's. An event older than the clock, an
/// approval, or a new schedule re-counts that agent's day from its recorded states.
/// Counting starts at <c>start</c> (the day's start when the engine is built from a replayed day): an agent is
/// logged out until a state is seen. Single-threaded: the caller serialises every call. The hot path (events and
/// clock advances) does not allocate once the working set has grown, except for the alert changes it reports.
/// </para>
/// </summary>
public sealed partial class AdherenceEngine
{
    /// <summary>The id under which the whole centre's roll-up is read.</summary>
    public const string CentreId = "*";

    private const long NotOut = long.MinValue;

    private readonly CentreOptions _options;
    private readonly CentreCalendar _calendar;
    private readonly AdherenceRules _rules;
    private readonly Dictionary<string, AgentSettings> _configured = new(StringComparer.Ordinal);
    private readonly List<AgentTrack> _agents = [];
    private readonly Dictionary<string, AgentTrack> _agentIndex = new(StringComparer.Ordinal);
    private readonly List<AdherenceApproval> _approvals = [];
    private readonly List<AlertChange> _changes = [];
    private readonly WakeHeap _wakes = new();
    private readonly List<AgentTrack> _due = [];
    private IReadOnlyDictionary<string, IReadOnlyList<ScheduledActivity>> _schedule;
    private CentreDay _day;
    private long _countFrom;
    private long _now;

    /// <param name="options">The centre: agents and teams, the state mapping and the adherence settings.</param>
    /// <param name="calendar">The centre's calendar: which day "today" is.</param>
    /// <param name="schedule">Agent id → the agent's scheduled activities in time order; a gap is off.</param>
    /// <param name="start">The engine's clock at the start: figures count from here.</param>
    public AdherenceEngine(
        CentreOptions options,
        CentreCalendar calendar,
        IReadOnlyDictionary<string, IReadOnlyList<ScheduledActivity>> schedule,
        DateTimeOffset start)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        _rules = new AdherenceRules(options);
        _now = start.UtcTicks;
        _countFrom = _now;
        _day = calendar.DayOf(start);
        foreach (var agent in options.Agents)
        {
            _configured.TryAdd(agent.Id, agent);
        }
        foreach (var agent in options.Agents)
        {
            TrackOf(agent.Id, null);
        }
        foreach (var agentId in schedule.Keys.Order(StringComparer.Ordinal))
        {
            TrackOf(agentId, null);
        }
    }

    public AdherenceRules Rules => _rules;

    public CentreCalendar Calendar => _calendar;

    /// <summary>The centre day the figures are for.</summary>
    public CentreDay Day => _day;

    /// <summary>The time the engine has reached (the last event or clock advance).</summary>
    public DateTimeOffset Now => new(_now, TimeSpan.Zero);

    public long EventsApplied { get; private set; }

    /// <summary>State changes older than today's counting start: they changed nothing.</summary>
    public long StaleAgentStates { get; private set; }

    /// <summary>
    /// Moves the clock: every agent's figures run to <paramref name="now"/> across schedule boundaries and approved
    /// periods, alerts whose threshold passed are raised or escalated, and a new day starts when the day has ended.
    /// </summary>
    public IReadOnlyList<AlertChange> AdvanceTo(DateTimeOffset now)
    {
        MoveTo(now.UtcTicks, null);
        return TakeChanges();
    }

    /// <summary>
    /// Folds one agent state change in. One older than the clock (a late event) is put into the agent's recorded
    /// states and the agent's day is re-counted; one older than today's counting start changes nothing.
    /// </summary>
    public IReadOnlyList<AlertChange> Apply(AgentStateChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var at = e.At.UtcTicks;
        var reason = e.State == AgentState.NotReady ? e.Reason : null;
        if (at < _now)
        {
            ApplyLate(e, at, reason);
            return TakeChanges();
        }
        _agentIndex.TryGetValue(e.AgentId, out var known);
        MoveTo(at, known);
        var agent = TrackOf(e.AgentId, _changes);
        EventsApplied++;
        agent.State = e.State;
        agent.Reason = reason;
        agent.StateSince = at;
        agent.History.Add(new StateChange(at, e.State, reason));
        Settle(agent, ref agent.Position, e.State, reason, _changes);
        Reschedule(agent);
        return TakeChanges();
    }

    /// <summary>
    /// Replaces the schedule (a new day's, or an intraday change): every agent's day so far is re-counted against it,
    /// and alerts follow the re-counted status.
    /// </summary>
    public IReadOnlyList<AlertChange> ReplaceSchedule(IReadOnlyDictionary<string, IReadOnlyList<ScheduledActivity>> schedule)
    {
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        foreach (var agentId in schedule.Keys.Order(StringComparer.Ordinal))
        {
            TrackOf(agentId, _changes);
        }
        foreach (var agent in _agents)
        {
            agent.Schedule = SpansOf(agent.Id);
            Recount(agent, _changes);
        }
        return TakeChanges();
    }

    /// <summary>
    /// Approves [<paramref name="start"/>, <paramref name="end"/>) of an agent as in adherence: the past part of today
    /// is re-counted at once, the rest counts as it comes; an alert the period covers now is cleared. The approval is
    /// kept in <see cref="Approvals"/> with its audit (the host stores it).
    /// </summary>
    public IReadOnlyList<AlertChange> Approve(string agentId, DateTimeOffset start, DateTimeOffset end, string reason, string approvedBy, DateTimeOffset approvedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(approvedBy);
        if (end <= start)
        {
            throw new ArgumentException($"an approved period ends after it starts ({start:O} – {end:O})", nameof(end));
        }
        _approvals.Add(new AdherenceApproval(agentId, start, end, reason, approvedBy, approvedAt));
        var agent = TrackOf(agentId, _changes);
        agent.Approved.Add(new ApprovalSpan(start.UtcTicks, end.UtcTicks));
        Recount(agent, _changes);
        return TakeChanges();
    }

    /// <summary>The approvals still relevant (those ended before today are dropped at the day's start), in the order given.</summary>
    public IReadOnlyList<AdherenceApproval> Approvals => [.. _approvals];

    /// <summary>
    /// Moves the clock to <paramref name="ticks"/>. Only the agents whose status, figures' classification or alert
    /// can change without an event by then (their wake instant has come: see <see cref="Reschedule"/>) are walked and
    /// settled, in the order of <see cref="_agents"/>, as are <paramref name="known"/> (the agent of the event being
    /// applied) when it lags. Every other agent's position stays where it is: walking it later in one piece counts
    /// and alerts exactly as walking it tick by tick would, and reads walk it to the clock (<see cref="PositionNow"/>).
    /// </summary>
    private void MoveTo(long ticks, AgentTrack? known)
    {
        if (ticks > _now)
        {
            var dayEnd = _day.End.UtcTicks;
            if (ticks > dayEnd)
            {
                foreach (var agent in _agents)
                {
                    Walk(agent, ref agent.Position, agent.State, agent.Reason, dayEnd, _changes, null);
                }
                StartDay(_calendar.DayOf(new DateTimeOffset(ticks, TimeSpan.Zero)));
            }
            while (_wakes.Count > 0 && _wakes.MinWake <= ticks)
            {
                _due.Add(_wakes.Pop());
            }
        }
        if (known is not null && known.HeapIndex >= 0 && known.Position.At < ticks)
        {
            _wakes.Remove(known);
            _due.Add(known);
        }
        if (_due.Count > 1)
        {
            _due.Sort(ByIndex);
        }
        foreach (var agent in _due)
        {
            Walk(agent, ref agent.Position, agent.State, agent.Reason, ticks, _changes, null);
            Settle(agent, ref agent.Position, agent.State, agent.Reason, _changes);
            Reschedule(agent);
        }
        _due.Clear();
        if (ticks > _now)
        {
            _now = ticks;
        }
    }

    /// <summary>
    /// Files the agent under the first instant after its position at which the clock must visit it: the next schedule
    /// boundary, the next approval boundary, or (out of adherence now) the instant just after the stretch passes its
    /// next alert threshold (an alert is raised once the stretch has lasted longer than the threshold). Until then
    /// its status is constant and no alert change can happen without an event.
    /// </summary>
    private void Reschedule(AgentTrack agent)
    {
        ref var p = ref agent.Position;
        var cursor = p.Cursor;
        var rule = RuleAt(agent, ref cursor, p.At, out var wake);
        IsApproved(agent, p.At, ref wake);
        if (p.Current == AdherenceStatus.Out)
        {
            var level = p.Status == AdherenceStatus.Out ? p.Level : null;
            var threshold = level switch
            {
                null => rule.AlertAfterTicks,
                AlertSeverity.Warning => rule.SevereAfterTicks,
                _ => -1,
            };
            if (threshold >= 0)
            {
                wake = Math.Min(wake, p.OutSinceNow + threshold + 1);
            }
        }
        _wakes.Set(agent, wake);
    }

    /// <summary>Today's counters restart; each agent's state, continuous out-of-adherence time and alert carry over.</summary>
    private void StartDay(CentreDay day)
    {
        _day = day;
        _countFrom = day.Start.UtcTicks;
        foreach (var agent in _agents)
        {
            agent.Position.Totals = default;
            agent.Position.At = _countFrom;
            agent.DayStart = agent.Position;
            agent.History.Clear();
            agent.History.Add(new StateChange(_countFrom, agent.State, agent.Reason));
            agent.Approved.RemoveAll(a => a.End <= _countFrom);
        }
        _approvals.RemoveAll(e => e.End.UtcTicks <= _countFrom);
        foreach (var agent in _agents)
        {
            _wakes.Set(agent, long.MinValue);
        }
    }

    private void ApplyLate(AgentStateChanged e, long at, string? reason)
    {
        if (at < _countFrom)
        {
            StaleAgentStates++;
            return;
        }
        var agent = TrackOf(e.AgentId, _changes);
        EventsApplied++;
        var history = agent.History;
        var i = history.Count;
        while (i > 0 && history[i - 1].At > at)
        {
            i--;
        }
        history.Insert(i, new StateChange(at, e.State, reason));
        if (i == history.Count - 1)
        {
            agent.State = e.State;
            agent.Reason = reason;
            agent.StateSince = at;
        }
        Recount(agent, _changes);
    }

    /// <summary>The agent's track, created (logged out since the counting start) and counted up to now when first named.</summary>
    private AgentTrack TrackOf(string agentId, List<AlertChange>? changes)
    {
        if (_agentIndex.TryGetValue(agentId, out var agent))
        {
            return agent;
        }
        _configured.TryGetValue(agentId, out var settings);
        agent = new AgentTrack(agentId, string.IsNullOrWhiteSpace(settings?.Name) ? agentId : settings.Name, settings?.TeamId)
        {
            Schedule = SpansOf(agentId),
            Index = _agents.Count,
        };
        agent.Position = new Position { At = _countFrom, Status = AdherenceStatus.Off, Current = AdherenceStatus.Off, OutSince = NotOut };
        agent.DayStart = agent.Position;
        agent.History.Add(new StateChange(_countFrom, AgentState.LoggedOut, null));
        _agents.Add(agent);
        _agentIndex[agentId] = agent;
        Recount(agent, changes);
        return agent;
    }

    /// <summary>
    /// The agent's schedule as spans in time order with their rules resolved; empty pieces are dropped and a piece
    /// overlapping the one before starts when that one ends.
    /// </summary>
    private ScheduledSpan[] SpansOf(string agentId)
    {
        if (!_schedule.TryGetValue(agentId, out var activities) || activities is null || activities.Count == 0)
        {
            return [];
        }
        var spans = new List<ScheduledSpan>(activities.Count);
        var cursor = long.MinValue;
        foreach (var activity in activities.Where(a => a.End > a.Start).OrderBy(a => a.Start))
        {
            var start = Math.Max(activity.Start.UtcTicks, cursor);
            var end = activity.End.UtcTicks;
            if (end <= start)
            {
                continue;
            }
            spans.Add(new ScheduledSpan(start, end, _rules.RuleFor(activity.Activity)));
            cursor = end;
        }
        return [.. spans];
    }

    private AlertChange[] TakeChanges()
    {
        if (_changes.Count == 0)
        {
            return [];
        }
        AlertChange[] changes = _changes.Count == 1 ? [_changes[0]] : [.. _changes.OrderBy(c => c.At.UtcTicks)];
        _changes.Clear();
        return changes;
    }

    private DateTimeOffset Local(long ticks) => TimeZoneInfo.ConvertTime(new DateTimeOffset(ticks, TimeSpan.Zero), _calendar.TimeZone);

    private static double Seconds(long ticks) => (double)ticks / TimeSpan.TicksPerSecond;

    /// <summary>One agent: schedule, current state, today's recorded states and approvals, and the counting position.</summary>
    private sealed class AgentTrack(string id, string name, string? teamId)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public string? TeamId { get; } = teamId;

        public ScheduledSpan[] Schedule { get; set; } = [];

        public AgentState State { get; set; } = AgentState.LoggedOut;

        public string? Reason { get; set; }

        /// <summary>When the current state began; <see cref="long.MinValue"/> before any state was seen.</summary>
        public long StateSince { get; set; } = long.MinValue;

        /// <summary>Today's states from the counting start, in order (several at one instant are kept, in the order applied).</summary>
        public List<StateChange> History { get; } = [];

        public List<ApprovalSpan> Approved { get; } = [];

        /// <summary>Figures and status counted up to <see cref="Position.At"/> (the clock, or the last instant the clock had to visit the agent).</summary>
        public Position Position;

        /// <summary>The position at today's counting start: where a re-count begins.</summary>
        public Position DayStart;

        /// <summary>The alert as the feed was last told it (null: none).</summary>
        public PublishedAlert? Published { get; set; }

        /// <summary>The agent's place in <see cref="_agents"/>: the order agents are walked in.</summary>
        public int Index { get; init; }

        /// <summary>When the clock must next visit the agent (see <see cref="Reschedule"/>).</summary>
        public long Wake { get; set; }

        /// <summary>The agent's slot in <see cref="_wakes"/>; -1 while out of it (being visited).</summary>
        public int HeapIndex { get; set; } = -1;
    }

    /// <summary>A cached delegate: <c>List.Sort(IComparer)</c> would allocate one per call.</summary>
    private static readonly Comparison<AgentTrack> ByIndex = (x, y) => x.Index.CompareTo(y.Index);

    /// <summary>Agents by <see cref="AgentTrack.Wake"/>: an indexed binary min-heap (each agent at most once).</summary>
    private sealed class WakeHeap
    {
        private readonly List<AgentTrack> _items = [];

        public int Count => _items.Count;

        public long MinWake => _items[0].Wake;

        /// <summary>Files the agent under <paramref name="wake"/>, adding it or moving it.</summary>
        public void Set(AgentTrack agent, long wake)
        {
            agent.Wake = wake;
            if (agent.HeapIndex < 0)
            {
                agent.HeapIndex = _items.Count;
                _items.Add(agent);
            }
            Fix(agent.HeapIndex);
        }

        public AgentTrack Pop()
        {
            var top = _items[0];
            RemoveAt(0);
            return top;
        }

        public void Remove(AgentTrack agent) => RemoveAt(agent.HeapIndex);

        private void RemoveAt(int i)
        {
            var removed = _items[i];
            var last = _items.Count - 1;
            if (i != last)
            {
                Put(i, _items[last]);
            }
            _items.RemoveAt(last);
            removed.HeapIndex = -1;
            if (i < _items.Count)
            {
                Fix(i);
            }
        }

        private void Fix(int i)
        {
            while (i > 0 && _items[i].Wake < _items[(i - 1) / 2].Wake)
            {
                Swap(i, (i - 1) / 2);
                i = (i - 1) / 2;
            }
            while (true)
            {
                var smallest = i;
                var left = (2 * i) + 1;
                var right = left + 1;
                if (left < _items.Count && _items[left].Wake < _items[smallest].Wake)
                {
                    smallest = left;
                }
                if (right < _items.Count && _items[right].Wake < _items[smallest].Wake)
                {
                    smallest = right;
                }
                if (smallest == i)
                {
                    return;
                }
                Swap(i, smallest);
                i = smallest;
            }
        }

        private void Swap(int i, int j)
        {
            var a = _items[i];
            Put(i, _items[j]);
            Put(j, a);
        }

        private void Put(int i, AgentTrack agent)
        {
            _items[i] = agent;
            agent.HeapIndex = i;
        }
    }

    private readonly record struct PublishedAlert(long OutSince, AlertSeverity Severity, string Activity);

    private readonly record struct ScheduledSpan(long Start, long End, ActivityRule Rule);

    private readonly record struct StateChange(long At, AgentState State, string? Reason);

    private readonly record struct ApprovalSpan(long Start, long End);

    /// <summary>
    /// Where counting stands: the instant reached, today's totals (ticks), the status of the time counted last and its
    /// out-of-adherence stretch, and the status from <see cref="At"/> on.
    /// </summary>
    private struct Position
    {
        public long At;
        /// <summary>Index of the first scheduled span that ends after <see cref="At"/>.</summary>
        public int Cursor;
        public Totals Totals;
        /// <summary>The status of the time counted last (just before <see cref="At"/>).</summary>
        public AdherenceStatus Status;
        /// <summary>Start of the continuous out-of-adherence stretch (<see cref="NotOut"/> when not out).</summary>
        public long OutSince;
        /// <summary>The stretch's alert: null until a threshold passed.</summary>
        public AlertSeverity? Level;
        public string? AlertActivity;
        /// <summary>The status from <see cref="At"/> on, for the agent's state then.</summary>
        public AdherenceStatus Current;

        /// <summary>When the agent's stretch out of adherence began, as of <see cref="At"/>; <see cref="NotOut"/> when not out then.</summary>
        public readonly long OutSinceNow =>
            Current != AdherenceStatus.Out ? NotOut : Status == AdherenceStatus.Out ? OutSince : At;
    }

    private struct Totals
    {
        public long Scheduled;
        public long ScheduledToWork;
        public long In;
        public long Out;
        public long NotCalculated;
        public long Worked;
        public long WorkedOutside;
    }
}

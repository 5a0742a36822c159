using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Tests.Metrics;

/// <summary>
/// The figures of shared/domain/METRICS.md recomputed from scratch over a whole list of events, as of one
/// instant: a deliberately plain batch implementation, written from the definitions and not from the engine,
/// that the incremental engine must agree with. It only borrows <see cref="CentreCalendar"/> for where days
/// and intervals begin.
/// <list type="bullet">
/// <item>Events: de-duplicated by id (the first wins), those after <c>now</c> dropped, sorted by time, then
/// queued &lt; answered/abandoned/transferred &lt; ended &lt; agent.state, then their order in the list.</item>
/// <item>Outcomes count at their outcome time; waits run from entering the queue to leaving it; an outcome of a
/// contact never seen queued (an orphan) counts in no figure.</item>
/// <item>Handle time = talk (answered → ended) + ACW (ended → the first non-acw state after it, when the agent is
/// in acw at the end or its first state after the end is acw; zero otherwise), counted at the end of ACW. Until
/// the agent's first state after the end (or its next answer, which shows no ACW followed) is known, the end of ACW
/// is not known and nothing is counted.</item>
/// <item>Agents serve a queue when configured for it, or from the time they first answer a contact in it;
/// an aggregate (queue, group, centre) counts each agent serving any of its queues once; the centre counts every
/// agent. Occupancy = busy (on_contact + acw) seconds / (busy + available) seconds over the agents serving.</item>
/// </list>
/// </summary>
internal sealed class BatchReference
{
    public const string CentreId = "*";

    private readonly CentreOptions _options;
    private readonly Dictionary<string, QueueSettings> _queues;
    private readonly DateTimeOffset _now;
    private readonly CentreDay _day;
    private readonly TimeSpan _interval;
    private readonly List<Outcome> _outcomes = [];
    private readonly List<HandledContact> _handled = [];
    private readonly Dictionary<(string Queue, string Contact), DateTimeOffset> _waiting = [];
    private readonly Dictionary<string, AgentHistory> _agents = new(StringComparer.Ordinal);

    private BatchReference(CentreOptions options, DateTimeOffset now)
    {
        _options = options;
        _queues = options.Queues.ToDictionary(q => q.Id, StringComparer.Ordinal);
        _now = now;
        var calendar = CentreCalendar.For(options.Centre);
        _day = calendar.DayOf(now);
        _interval = calendar.IntervalLength;
        foreach (var agent in options.Agents)
        {
            var history = AgentNamed(agent.Id);
            foreach (var queue in agent.Queues.Where(_queues.ContainsKey))
            {
                history.ServesFrom[queue] = DateTimeOffset.MinValue;
            }
        }
    }

    /// <summary>The figures as of <paramref name="now"/> from <paramref name="events"/> (in the order they were received).</summary>
    public static BatchReference Compute(CentreOptions options, IEnumerable<AcdEvent> events, DateTimeOffset now)
    {
        var reference = new BatchReference(options, now);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ordered = events
            .Where(e => seen.Add(e.Id))
            .Select((e, index) => (Event: e, Index: index))
            .Where(x => x.Event.At <= now)
            .OrderBy(x => x.Event.At)
            .ThenBy(x => Rank(x.Event))
            .ThenBy(x => x.Index)
            .Select(x => x.Event);
        foreach (var e in ordered)
        {
            reference.Walk(e);
        }
        return reference;
    }

    private static int Rank(AcdEvent e) => e switch
    {
        ContactQueued => 0,
        ContactAnswered or ContactAbandoned or ContactTransferred => 1,
        ContactEnded => 2,
        _ => 3,
    };

    // ---- the walk ----

    private readonly Dictionary<string, (string Queue, string Agent, DateTimeOffset At)> _answers = new(StringComparer.Ordinal);

    private void Walk(AcdEvent e)
    {
        switch (e)
        {
            case ContactQueued q when _queues.ContainsKey(q.QueueId):
                _waiting.TryAdd((q.QueueId, q.ContactId), q.At);
                break;
            case ContactAnswered a when _queues.ContainsKey(a.QueueId):
                var agent = AgentNamed(a.AgentId);
                agent.ServesFrom.TryAdd(a.QueueId, a.At);
                // Taking another contact settles the earlier ones: no ACW followed them (or it ended now).
                CompleteWraps(agent, a.At);
                _answers[a.ContactId] = (a.QueueId, a.AgentId, a.At);
                LeaveQueue(a.QueueId, a.ContactId, a.At, OutcomeKind.Answered);
                break;
            case ContactAbandoned b when _queues.ContainsKey(b.QueueId):
                LeaveQueue(b.QueueId, b.ContactId, b.At, OutcomeKind.Abandoned);
                break;
            case ContactTransferred t when _queues.ContainsKey(t.QueueId):
                LeaveQueue(t.QueueId, t.ContactId, t.At, OutcomeKind.Transferred);
                break;
            case ContactEnded end:
                if (_answers.Remove(end.ContactId, out var answer) && answer.Agent == end.AgentId)
                {
                    var who = AgentNamed(end.AgentId);
                    who.Wraps.Add(new Wrap(answer.Queue, (end.At - answer.At).TotalSeconds, end.At, InAcw: who.Current == AgentState.Acw));
                }
                break;
            case AgentStateChanged s:
                var history = AgentNamed(s.AgentId);
                if (s.State == AgentState.Acw)
                {
                    // In acw after the end: ACW runs on until the agent leaves acw.
                    for (var i = 0; i < history.Wraps.Count; i++)
                    {
                        history.Wraps[i] = history.Wraps[i] with { InAcw = true };
                    }
                }
                else
                {
                    CompleteWraps(history, s.At);
                }
                history.Changes.Add((s.At, s.State, s.State == AgentState.NotReady ? s.Reason : null));
                break;
        }
    }

    /// <summary>The agent's ended conversations whose ACW ends at <paramref name="at"/>, or had none.</summary>
    private void CompleteWraps(AgentHistory agent, DateTimeOffset at)
    {
        foreach (var wrap in agent.Wraps)
        {
            var acwEnd = wrap.InAcw ? at : wrap.EndedAt;
            _handled.Add(new HandledContact(wrap.Queue, acwEnd, wrap.TalkSeconds + (acwEnd - wrap.EndedAt).TotalSeconds));
        }
        agent.Wraps.Clear();
    }

    private void LeaveQueue(string queue, string contact, DateTimeOffset at, OutcomeKind kind)
    {
        if (_waiting.Remove((queue, contact), out var queuedAt))
        {
            _outcomes.Add(new Outcome(queue, at, kind, (at - queuedAt).TotalSeconds));
        }
    }

    private AgentHistory AgentNamed(string id)
    {
        if (!_agents.TryGetValue(id, out var agent))
        {
            agent = new AgentHistory();
            _agents[id] = agent;
        }
        return agent;
    }

    // ---- the reads ----

    /// <summary>Every queue, every queue group and the centre (<see cref="CentreId"/>).</summary>
    public IEnumerable<string> AggregateIds =>
        _options.Queues.Select(q => q.Id).Concat(_options.QueueGroups.Select(g => g.Id)).Append(CentreId);

    public ReferenceView ViewOf(string id)
    {
        var (kind, queues) = Resolve(id);
        var waiting = _waiting.Where(w => queues.Contains(w.Key.Queue)).ToList();
        var pastThreshold = waiting.Count(w => _queues[w.Key.Queue].CountWaitingPastThreshold
            && (_now - w.Value).TotalSeconds > _queues[w.Key.Queue].ServiceLevelSeconds);
        double? longest = waiting.Count == 0 ? null : (_now - waiting.Min(w => w.Value)).TotalSeconds;

        // Outcome windows are [from, until); a sliding window (now − W, now] is [now − W + 1 tick, now + 1 tick).
        var today = Figures("today", _day.Start, _now, queues, id, pastThreshold, _day.Start, _day.End, _day.Start, _now);
        var current = CurrentIntervalIndex();
        var interval = IntervalFigures(id, queues, current, pastThreshold);
        var sliding = new List<ReferenceFigures>();
        foreach (var minutes in _options.Centre.EffectiveSlidingWindowsMinutes)
        {
            var from = _now - TimeSpan.FromMinutes(minutes);
            sliding.Add(Figures($"{minutes}m", from, _now, queues, id, pastThreshold, from.AddTicks(1), _now.AddTicks(1), from, _now));
        }
        var trend = IntervalsOf(id);
        return new ReferenceView(id, kind, queues, waiting.Count, longest, pastThreshold, today, interval, sliding,
            AgentsNow(id, queues), trend);
    }

    /// <summary>Every interval of today up to the one holding now, with all figures.</summary>
    public IReadOnlyList<ReferenceFigures> IntervalsOf(string id)
    {
        if (!_intervals.TryGetValue(id, out var intervals))
        {
            var (_, queues) = Resolve(id);
            intervals = [.. Enumerable.Range(0, CurrentIntervalIndex() + 1).Select(i => IntervalFigures(id, queues, i, 0))];
            _intervals[id] = intervals;
        }
        return intervals;
    }

    private readonly Dictionary<string, List<ReferenceFigures>> _intervals = new(StringComparer.Ordinal);

    private (string Kind, IReadOnlySet<string> Queues) Resolve(string id)
    {
        if (id == CentreId)
        {
            return ("centre", _queues.Keys.ToHashSet(StringComparer.Ordinal));
        }
        if (_queues.ContainsKey(id))
        {
            return ("queue", new HashSet<string>([id], StringComparer.Ordinal));
        }
        var group = _options.QueueGroups.Single(g => g.Id == id);
        return ("group", group.Queues.Where(_queues.ContainsKey).ToHashSet(StringComparer.Ordinal));
    }

    private int CurrentIntervalIndex() => (int)((_now - _day.Start).Ticks / _interval.Ticks);

    private ReferenceFigures IntervalFigures(string id, IReadOnlySet<string> queues, int index, int pastThreshold)
    {
        var start = Min(_day.Start + (_interval * index), _day.End);
        var end = Min(start + _interval, _day.End);
        return Figures("interval", start, end, queues, id, pastThreshold, start, end, start, Min(end, _now));
    }

    private Dictionary<string, List<Outcome>>? _outcomesByQueue;
    private Dictionary<string, List<HandledContact>>? _handledByQueue;

    private List<Outcome> OutcomesOf(string queue)
    {
        _outcomesByQueue ??= _outcomes.GroupBy(o => o.Queue).ToDictionary(g => g.Key, g => g.OrderBy(o => o.At).ToList(), StringComparer.Ordinal);
        return _outcomesByQueue.GetValueOrDefault(queue) ?? [];
    }

    private List<HandledContact> HandledOf(string queue)
    {
        _handledByQueue ??= _handled.GroupBy(h => h.Queue).ToDictionary(g => g.Key, g => g.OrderBy(h => h.At).ToList(), StringComparer.Ordinal);
        return _handledByQueue.GetValueOrDefault(queue) ?? [];
    }

    /// <summary>The items of a list sorted by time that lie in [from, until) (a binary search for the first, so long days stay cheap).</summary>
    private static IEnumerable<T> Between<T>(List<T> sorted, DateTimeOffset from, DateTimeOffset until) where T : ITimed
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid].At < from)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        for (var i = lo; i < sorted.Count && sorted[i].At < until; i++)
        {
            yield return sorted[i];
        }
    }

    private interface ITimed
    {
        DateTimeOffset At { get; }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>One window's figures: outcomes and handled contacts timed in [from, until), occupancy over [busyFrom, busyTo].</summary>
    private ReferenceFigures Figures(string window, DateTimeOffset start, DateTimeOffset end, IReadOnlySet<string> queues,
        string aggregate, int pastThreshold, DateTimeOffset from, DateTimeOffset until, DateTimeOffset busyFrom, DateTimeOffset busyTo)
    {
        int answered = 0, answeredInT = 0, abandoned = 0, abandonedInT = 0, shortAbandoned = 0, transferred = 0, handled = 0;
        double waits = 0, handleSeconds = 0, met = 0, counted = 0;
        foreach (var queue in queues)
        {
            var settings = _queues[queue];
            var t = settings.ServiceLevelSeconds;
            // Per queue: A, A_T, B and B_T with short abandons S already taken out (METRICS.md).
            int a = 0, aT = 0, b = 0, bT = 0;
            foreach (var o in Between(OutcomesOf(queue), from, until))
            {
                switch (o.Kind)
                {
                    case OutcomeKind.Answered:
                        a++;
                        aT += o.WaitSeconds <= t ? 1 : 0;
                        waits += o.WaitSeconds;
                        break;
                    case OutcomeKind.Abandoned when settings.ShortAbandonSeconds > 0 && o.WaitSeconds < settings.ShortAbandonSeconds:
                        shortAbandoned++;
                        break;
                    case OutcomeKind.Abandoned:
                        b++;
                        bT += o.WaitSeconds <= t ? 1 : 0;
                        break;
                    case OutcomeKind.Transferred:
                        transferred++;
                        break;
                }
            }
            answered += a;
            answeredInT += aT;
            abandoned += b;
            abandonedInT += bT;
            // The terms of each queue's own formula add up; the percentages do not.
            switch (settings.ServiceLevelFormula)
            {
                case ServiceLevelFormula.AbandonsNegative: // A_T / (A + B)
                    met += aT;
                    counted += a + b;
                    break;
                case ServiceLevelFormula.AbandonsWithinThresholdIgnored: // A_T / (A + B − B_T)
                    met += aT;
                    counted += a + b - bT;
                    break;
                case ServiceLevelFormula.AbandonsPositive: // (A_T + B_T) / (A + B)
                    met += aT + bT;
                    counted += a + b;
                    break;
                case ServiceLevelFormula.AbandonsIgnored: // A_T / A
                    met += aT;
                    counted += a;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(queues), settings.ServiceLevelFormula, null);
            }
            foreach (var h in Between(HandledOf(queue), from, until))
            {
                handled++;
                handleSeconds += h.Seconds;
            }
        }
        var projects = queues.Any(q => _queues[q].CountWaitingPastThreshold);
        return new ReferenceFigures(window, start, end,
            Offered: answered + abandoned + shortAbandoned,
            answered, abandoned, shortAbandoned, answeredInT, abandonedInT, transferred, handled,
            ServiceLevelPercent: counted > 0 ? 100.0 * met / counted : null,
            ProjectedServiceLevelPercent: !projects ? null : counted + pastThreshold > 0 ? 100.0 * met / (counted + pastThreshold) : null,
            AbandonmentRatePercent: answered + abandoned > 0 ? 100.0 * abandoned / (answered + abandoned) : null,
            AsaSeconds: answered > 0 ? waits / answered : null,
            AhtSeconds: handled > 0 ? handleSeconds / handled : null,
            OccupancyPercent: Occupancy(aggregate, queues, busyFrom, busyTo));
    }

    /// <summary>Busy / (busy + available) seconds over [from, to] of the agents serving the aggregate, each from when it began serving.</summary>
    private double? Occupancy(string aggregate, IReadOnlySet<string> queues, DateTimeOffset from, DateTimeOffset to)
    {
        double busy = 0, available = 0;
        foreach (var (agent, since) in Serving(aggregate, queues))
        {
            var (b, a) = agent.SecondsBetween(Max(from, since), to);
            busy += b;
            available += a;
        }
        return busy + available > 0 ? 100.0 * busy / (busy + available) : null;
    }

    private readonly Dictionary<string, List<(AgentHistory Agent, DateTimeOffset Since)>> _serving = new(StringComparer.Ordinal);

    /// <summary>The agents who serve the aggregate at some time, and since when: the centre every agent, always; otherwise from the first time the agent served one of its queues.</summary>
    private List<(AgentHistory Agent, DateTimeOffset Since)> Serving(string aggregate, IReadOnlySet<string> queues)
    {
        if (!_serving.TryGetValue(aggregate, out var serving))
        {
            serving = [];
            foreach (var agent in _agents.Values)
            {
                var times = agent.ServesFrom.Where(s => queues.Contains(s.Key)).Select(s => s.Value).ToList();
                if (aggregate == CentreId)
                {
                    serving.Add((agent, DateTimeOffset.MinValue));
                }
                else if (times.Count > 0)
                {
                    serving.Add((agent, times.Min()));
                }
            }
            _serving[aggregate] = serving;
        }
        return serving;
    }

    private ReferenceAgents AgentsNow(string aggregate, IReadOnlySet<string> queues)
    {
        var states = new List<(AgentState State, string? Reason)>();
        foreach (var (agent, since) in Serving(aggregate, queues))
        {
            if (since <= _now)
            {
                states.Add(agent.StateNow);
            }
        }
        var reasons = states.Where(s => s.State == AgentState.NotReady)
            .GroupBy(s => s.Reason ?? "")
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new ReferenceAgents(
            LoggedIn: states.Count(s => s.State != AgentState.LoggedOut),
            Available: states.Count(s => s.State == AgentState.Available),
            Ringing: states.Count(s => s.State == AgentState.Ringing),
            OnContact: states.Count(s => s.State == AgentState.OnContact),
            Acw: states.Count(s => s.State == AgentState.Acw),
            NotReady: states.Count(s => s.State == AgentState.NotReady),
            reasons);
    }

    private enum OutcomeKind
    {
        Answered,
        Abandoned,
        Transferred,
    }

    private sealed record Outcome(string Queue, DateTimeOffset At, OutcomeKind Kind, double WaitSeconds) : ITimed;

    private sealed record HandledContact(string Queue, DateTimeOffset At, double Seconds) : ITimed;

    /// <summary>A conversation that ended and whose ACW end is not known yet.</summary>
    private sealed record Wrap(string Queue, double TalkSeconds, DateTimeOffset EndedAt, bool InAcw);

    private sealed class AgentHistory
    {
        /// <summary>Every state change in time order; before the first the agent is logged out.</summary>
        public List<(DateTimeOffset At, AgentState State, string? Reason)> Changes { get; } = [];

        public Dictionary<string, DateTimeOffset> ServesFrom { get; } = new(StringComparer.Ordinal);

        public List<Wrap> Wraps { get; } = [];

        /// <summary>The state after the last change walked so far.</summary>
        public AgentState Current => Changes.Count == 0 ? AgentState.LoggedOut : Changes[^1].State;

        private double[]? _busyBefore;
        private double[]? _availableBefore;

        /// <summary>The state after every change (all of them lie at or before now).</summary>
        public (AgentState State, string? Reason) StateNow => Changes.Count == 0 ? (AgentState.LoggedOut, null) : (Changes[^1].State, Changes[^1].Reason);

        /// <summary>Busy and available seconds in [from, to]: integrals from the first change, by prefix sums.</summary>
        public (double Busy, double Available) SecondsBetween(DateTimeOffset from, DateTimeOffset to)
        {
            if (to <= from || Changes.Count == 0)
            {
                return (0, 0);
            }
            var (busyTo, availableTo) = IntegralTo(to);
            var (busyFrom, availableFrom) = IntegralTo(from);
            return (busyTo - busyFrom, availableTo - availableFrom);
        }

        /// <summary>Busy and available seconds from the first change up to <paramref name="at"/>.</summary>
        private (double Busy, double Available) IntegralTo(DateTimeOffset at)
        {
            if (_busyBefore is null || _availableBefore is null)
            {
                _busyBefore = new double[Changes.Count];
                _availableBefore = new double[Changes.Count];
                for (var i = 1; i < Changes.Count; i++)
                {
                    var seconds = (Changes[i].At - Changes[i - 1].At).TotalSeconds;
                    _busyBefore[i] = _busyBefore[i - 1] + (IsBusy(Changes[i - 1].State) ? seconds : 0);
                    _availableBefore[i] = _availableBefore[i - 1] + (Changes[i - 1].State == AgentState.Available ? seconds : 0);
                }
            }
            // The last change at or before `at`.
            int lo = 0, hi = Changes.Count - 1, found = -1;
            while (lo <= hi)
            {
                var mid = (lo + hi) / 2;
                if (Changes[mid].At <= at)
                {
                    found = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
            if (found < 0)
            {
                return (0, 0);
            }
            var since = (at - Changes[found].At).TotalSeconds;
            return (_busyBefore[found] + (IsBusy(Changes[found].State) ? since : 0),
                _availableBefore[found] + (Changes[found].State == AgentState.Available ? since : 0));
        }

        private static bool IsBusy(AgentState state) => state is AgentState.OnContact or AgentState.Acw;
    }
}

internal sealed record ReferenceFigures(
    string Window,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Offered,
    int Answered,
    int Abandoned,
    int ShortAbandoned,
    int AnsweredWithinThreshold,
    int AbandonedWithinThreshold,
    int TransferredOut,
    int Handled,
    double? ServiceLevelPercent,
    double? ProjectedServiceLevelPercent,
    double? AbandonmentRatePercent,
    double? AsaSeconds,
    double? AhtSeconds,
    double? OccupancyPercent);

internal sealed record ReferenceAgents(int LoggedIn, int Available, int Ringing, int OnContact, int Acw, int NotReady,
    IReadOnlyDictionary<string, int> NotReadyByReason);

internal sealed record ReferenceView(
    string Id,
    string Kind,
    IReadOnlySet<string> QueueIds,
    int CallsWaiting,
    double? LongestWaitSeconds,
    int WaitingPastThreshold,
    ReferenceFigures Today,
    ReferenceFigures Interval,
    IReadOnlyList<ReferenceFigures> Sliding,
    ReferenceAgents Agents,
    IReadOnlyList<ReferenceFigures> Trend);

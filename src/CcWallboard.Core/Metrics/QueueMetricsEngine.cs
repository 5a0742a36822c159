using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Metrics;

/// <summary>
/// Folds the event stream into the live state of a centre — contacts waiting, agents' states, and each
/// queue's outcome counters for today and for every interval of today — and reads figures out of it.
/// Outcomes count in the window of their outcome time, handle time at the end of ACW (METRICS.md).
/// Single-threaded: the caller serialises <see cref="Apply"/>, <see cref="AdvanceTo"/> and the reads.
/// </summary>
public sealed class QueueMetricsEngine
{
    private readonly CentreCalendar _calendar;
    private readonly Dictionary<string, QueueState> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentStatus> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<(string QueueId, string ContactId), DateTimeOffset> _waiting = [];
    private readonly int _maxIntervals;
    private CentreDay _day;

    public QueueMetricsEngine(CentreOptions options, CentreCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        // A 25-hour day holds the most intervals.
        _maxIntervals = (int)Math.Ceiling(TimeSpan.FromHours(25) / calendar.IntervalLength);
        foreach (var queue in options.Queues)
        {
            _queues[queue.Id] = new QueueState(queue, _maxIntervals);
        }
        foreach (var agent in options.Agents)
        {
            var status = new AgentStatus();
            foreach (var queueId in agent.Queues)
            {
                status.Queues.Add(queueId);
            }
            _agents[agent.Id] = status;
        }
        _day = calendar.DayOf(now);
    }

    /// <summary>The centre day the counters are for.</summary>
    public CentreDay Day => _day;

    /// <summary>Outcomes for contacts never seen queued (e.g. the host started mid-call): counted here, not in the figures.</summary>
    public long Orphans { get; private set; }

    public long EventsApplied { get; private set; }

    /// <summary>Starts a new day (resetting today's counters) when the clock has passed the day's end.</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        if (now < _day.End)
        {
            return;
        }
        _day = _calendar.DayOf(now);
        foreach (var queue in _queues.Values)
        {
            queue.ResetDay();
        }
    }

    /// <summary>Folds one event into the state.</summary>
    public void Apply(AcdEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.At >= _day.End)
        {
            AdvanceTo(e.At);
        }
        EventsApplied++;
        switch (e)
        {
            case ContactQueued queued:
                _waiting[(queued.QueueId, queued.ContactId)] = queued.At;
                QueueOf(queued.QueueId);
                break;
            case ContactAnswered answered:
                OnAnswered(answered);
                break;
            case ContactAbandoned abandoned:
                OnAbandoned(abandoned);
                break;
            case ContactTransferred transferred:
                OnTransferred(transferred);
                break;
            case ContactEnded ended:
                OnEnded(ended);
                break;
            case AgentStateChanged changed:
                OnAgentState(changed);
                break;
        }
    }

    private void OnAnswered(ContactAnswered e)
    {
        var queue = QueueOf(e.QueueId);
        var agent = AgentOf(e.AgentId);
        agent.Queues.Add(e.QueueId);
        agent.Talking = new ActiveContact(e.QueueId, e.ContactId, e.At);
        if (!_waiting.Remove((e.QueueId, e.ContactId), out var queuedAt))
        {
            Orphans++;
            return;
        }
        var wait = (e.At - queuedAt).TotalSeconds;
        var withinThreshold = wait <= queue.Settings.ServiceLevelSeconds;
        Count(queue, e.At, (ref OutcomeCounters c) =>
        {
            c.Answered++;
            c.AnsweredWaitSeconds += wait;
            if (withinThreshold)
            {
                c.AnsweredWithinThreshold++;
            }
        });
    }

    private void OnAbandoned(ContactAbandoned e)
    {
        var queue = QueueOf(e.QueueId);
        if (!_waiting.Remove((e.QueueId, e.ContactId), out var queuedAt))
        {
            Orphans++;
            return;
        }
        var wait = (e.At - queuedAt).TotalSeconds;
        var isShort = wait < queue.Settings.ShortAbandonSeconds;
        var withinThreshold = wait <= queue.Settings.ServiceLevelSeconds;
        Count(queue, e.At, (ref OutcomeCounters c) =>
        {
            if (isShort)
            {
                c.ShortAbandoned++;
                return;
            }
            c.Abandoned++;
            if (withinThreshold)
            {
                c.AbandonedWithinThreshold++;
            }
        });
    }

    private void OnTransferred(ContactTransferred e)
    {
        if (!_waiting.Remove((e.QueueId, e.ContactId)))
        {
            Orphans++;
            return;
        }
        Count(QueueOf(e.QueueId), e.At, (ref OutcomeCounters c) => c.TransferredOut++);
    }

    private void OnEnded(ContactEnded e)
    {
        var agent = AgentOf(e.AgentId);
        if (agent.Talking is not { } talking || talking.ContactId != e.ContactId)
        {
            return;
        }
        agent.Talking = null;
        CompleteHandle(agent, agent.Wrapping?.EndedAt ?? e.At);
        agent.Wrapping = new WrapUp(talking.QueueId, (e.At - talking.AnsweredAt).TotalSeconds, e.At, agent.State == AgentState.Acw);
    }

    private void OnAgentState(AgentStateChanged e)
    {
        var agent = AgentOf(e.AgentId);
        if (agent.Wrapping is { } wrapping)
        {
            if (e.State == AgentState.Acw)
            {
                agent.Wrapping = wrapping with { InAcw = true };
            }
            else
            {
                // ACW runs from the end of the conversation until the agent leaves acw; none if there was no acw.
                CompleteHandle(agent, wrapping.InAcw ? e.At : wrapping.EndedAt);
            }
        }
        agent.State = e.State;
        agent.Reason = e.State == AgentState.NotReady ? e.Reason : null;
        agent.Since = e.At;
    }

    private void CompleteHandle(AgentStatus agent, DateTimeOffset acwEnd)
    {
        if (agent.Wrapping is not { } wrapping)
        {
            return;
        }
        agent.Wrapping = null;
        var handle = wrapping.TalkSeconds + Math.Max(0, (acwEnd - wrapping.EndedAt).TotalSeconds);
        Count(QueueOf(wrapping.QueueId), acwEnd, (ref OutcomeCounters c) =>
        {
            c.Handled++;
            c.HandleSeconds += handle;
        });
    }

    private delegate void CounterUpdate(ref OutcomeCounters counters);

    /// <summary>Applies an update to today's counters and the interval's, when the outcome lies in today.</summary>
    private void Count(QueueState queue, DateTimeOffset at, CounterUpdate update)
    {
        if (!_day.Contains(at))
        {
            return;
        }
        update(ref queue.Today);
        update(ref queue.Intervals[_day.IntervalIndexOf(at, _calendar.IntervalLength)]);
    }

    private QueueState QueueOf(string queueId)
    {
        if (!_queues.TryGetValue(queueId, out var queue))
        {
            queue = new QueueState(new QueueSettings { Id = queueId }, _maxIntervals);
            _queues[queueId] = queue;
        }
        return queue;
    }

    private AgentStatus AgentOf(string agentId)
    {
        if (!_agents.TryGetValue(agentId, out var agent))
        {
            agent = new AgentStatus();
            _agents[agentId] = agent;
        }
        return agent;
    }

    /// <summary>The live view of one board's queues and their totals as of <paramref name="now"/>.</summary>
    public BoardSnapshot SnapshotOf(BoardSettings board, string title, long sequence, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(board);
        var queues = new List<QueueState>(board.Queues.Count);
        foreach (var id in board.Queues)
        {
            queues.Add(QueueOf(id));
        }
        var currentInterval = _day.Contains(now) ? _day.IntervalIndexOf(now, _calendar.IntervalLength) : _day.IntervalCount(_calendar.IntervalLength) - 1;
        var snapshots = queues.Select(q => QueueSnapshotOf(q.Settings.Id, q.Settings.DisplayName, [q], now, currentInterval)).ToList();
        var totals = QueueSnapshotOf("*", title, queues, now, currentInterval);
        return new BoardSnapshot(board.Name, title, sequence, now, _calendar.TimeZone.Id, _day.Date,
            (int)_calendar.IntervalLength.TotalMinutes, snapshots, totals);
    }

    private QueueSnapshot QueueSnapshotOf(string id, string name, IReadOnlyList<QueueState> queues, DateTimeOffset now, int currentInterval)
    {
        var waiting = 0;
        DateTimeOffset? oldest = null;
        foreach (var ((queueId, _), queuedAt) in _waiting)
        {
            if (queues.Any(q => q.Settings.Id == queueId))
            {
                waiting++;
                if (oldest is null || queuedAt < oldest)
                {
                    oldest = queuedAt;
                }
            }
        }

        var trend = new List<IntervalPoint>(currentInterval + 1);
        for (var i = 0; i <= currentInterval; i++)
        {
            var index = i;
            var figures = Figures(queues, q => q.Intervals[index], IntervalStartOf(index));
            trend.Add(new IntervalPoint(figures.WindowStart, figures.ServiceLevelPercent, figures.Offered));
        }

        var settings = queues.Count == 1 ? queues[0].Settings : null;
        return new QueueSnapshot(
            id,
            name,
            settings?.ServiceLevelSeconds ?? queues.Max(q => q.Settings.ServiceLevelSeconds),
            settings?.ServiceLevelTargetPercent ?? queues.Max(q => q.Settings.ServiceLevelTargetPercent),
            waiting,
            oldest is { } since ? Math.Max(0, (now - since).TotalSeconds) : null,
            Figures(queues, q => q.Today, TimeZoneInfo.ConvertTime(_day.Start, _calendar.TimeZone)),
            Figures(queues, q => q.Intervals[currentInterval], IntervalStartOf(currentInterval)),
            AgentsServing(queues),
            trend);
    }

    private DateTimeOffset IntervalStartOf(int index) => _day.IntervalStart(index, _calendar.IntervalLength, _calendar.TimeZone);

    /// <summary>Figures over several queues: counts add up; each queue's service level keeps its own threshold and formula.</summary>
    private static QueueFigures Figures(IReadOnlyList<QueueState> queues, Func<QueueState, OutcomeCounters> window, DateTimeOffset windowStart)
    {
        var sum = default(OutcomeCounters);
        double met = 0, counted = 0;
        foreach (var queue in queues)
        {
            var counters = window(queue);
            sum.Add(counters);
            var (m, c) = ServiceLevel.Terms(counters, queue.Settings.ServiceLevelFormula);
            met += m;
            counted += c;
        }
        return new QueueFigures(windowStart, sum.Offered, sum.Answered, sum.Abandoned, sum.ShortAbandoned,
            sum.AnsweredWithinThreshold, sum.AbandonedWithinThreshold, sum.TransferredOut,
            ServiceLevel.PercentOf(met, counted), ServiceLevel.AbandonmentRatePercent(sum),
            ServiceLevel.AsaSeconds(sum), ServiceLevel.AhtSeconds(sum));
    }

    /// <summary>Agents by state among those serving any of <paramref name="queues"/>, each agent once.</summary>
    private AgentStateCounts AgentsServing(IReadOnlyList<QueueState> queues)
    {
        int loggedIn = 0, available = 0, ringing = 0, onContact = 0, acw = 0, notReady = 0;
        var byReason = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var agent in _agents.Values)
        {
            if (agent.State == AgentState.LoggedOut || !queues.Any(q => agent.Queues.Contains(q.Settings.Id)))
            {
                continue;
            }
            loggedIn++;
            switch (agent.State)
            {
                case AgentState.Available: available++; break;
                case AgentState.Ringing: ringing++; break;
                case AgentState.OnContact: onContact++; break;
                case AgentState.Acw: acw++; break;
                case AgentState.NotReady:
                    notReady++;
                    var reason = agent.Reason ?? "unspecified";
                    byReason[reason] = byReason.GetValueOrDefault(reason) + 1;
                    break;
            }
        }
        return new AgentStateCounts(loggedIn, available, ringing, onContact, acw, notReady, byReason);
    }

    private sealed class QueueState(QueueSettings settings, int maxIntervals)
    {
        public QueueSettings Settings { get; } = settings;

        public OutcomeCounters Today;

        /// <summary>One slot per interval of the day.</summary>
        public OutcomeCounters[] Intervals { get; } = new OutcomeCounters[maxIntervals];

        public void ResetDay()
        {
            Today = default;
            Array.Clear(Intervals);
        }
    }

    private sealed class AgentStatus
    {
        public AgentState State { get; set; } = AgentState.LoggedOut;
        public string? Reason { get; set; }
        public DateTimeOffset Since { get; set; }
        public HashSet<string> Queues { get; } = new(StringComparer.Ordinal);
        public ActiveContact? Talking { get; set; }
        public WrapUp? Wrapping { get; set; }
    }

    private readonly record struct ActiveContact(string QueueId, string ContactId, DateTimeOffset AnsweredAt);

    private readonly record struct WrapUp(string QueueId, double TalkSeconds, DateTimeOffset EndedAt, bool InAcw);
}

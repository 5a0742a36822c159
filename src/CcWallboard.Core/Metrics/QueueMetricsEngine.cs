using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Metrics;

/// <summary>
/// Folds the ordered event stream into the live state of a centre — contacts waiting, agents' states, each
/// queue's outcome counters for today, every interval of today and the sliding windows, and occupancy —
/// and reads figures out of it for queues, queue groups, boards and the centre. Outcomes count in the
/// window of their outcome time, handle time at the end of ACW (METRICS.md).
/// Events must come in time order (<see cref="CentreMetrics"/> puts them in order and drops duplicates);
/// one that comes out of order is still counted in the windows it belongs to.
/// Single-threaded: the caller serialises <see cref="Apply"/>, <see cref="AdvanceTo"/> and the reads.
/// The hot path (<see cref="Apply"/>) does not allocate once the working set has grown.
/// </summary>
public sealed partial class QueueMetricsEngine
{
    private readonly CentreCalendar _calendar;
    private readonly TimeSpan _interval;
    private readonly int _maxIntervals;
    private readonly QueueState[] _queues;
    private readonly Dictionary<string, int> _queueIndex = new(StringComparer.Ordinal);
    private readonly Aggregate[] _aggregates;
    private readonly Dictionary<string, int> _aggregateIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentStatus> _agents = new(StringComparer.Ordinal);
    private readonly StretchBlocks _stretchBlocks = new();
    private readonly BlockPool<AgentTally.Breakpoint> _breakpointBlocks = AgentTally.NewBlocks();
    private readonly Dictionary<(int Queue, string ContactId), long> _waiting = [];
    private readonly Dictionary<(int Queue, string ContactId), UnmatchedOutcome> _unmatched = [];
    private readonly Queue<(long At, int Queue, string ContactId)> _unmatchedOrder = new();
    private readonly SlidingOutcomes _sliding;
    private readonly string[] _windowNames;
    private readonly int _centre;
    private CentreDay _day;
    private long _now;

    public QueueMetricsEngine(CentreOptions options, CentreCalendar calendar, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(options);
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _interval = calendar.IntervalLength;
        // A 25-hour day holds the most intervals.
        _maxIntervals = (int)Math.Ceiling(TimeSpan.FromHours(25) / _interval);
        _now = start.UtcTicks;
        _day = calendar.DayOf(start);

        var windows = options.Centre.EffectiveSlidingWindowsMinutes.Select(m => TimeSpan.FromMinutes(m)).ToList();
        _windowNames = [.. windows.Select(w => $"{w.TotalMinutes:0}m")];
        _queues = [.. options.Queues.Select(q => new QueueState(q, _maxIntervals))];
        for (var i = 0; i < _queues.Length; i++)
        {
            _queueIndex[_queues[i].Settings.Id] = i;
        }
        _sliding = new SlidingOutcomes(windows, _queues.Length);

        var aggregates = new List<Aggregate>();
        foreach (var queue in options.Queues)
        {
            aggregates.Add(NewAggregate(queue.Id, queue.DisplayName, AggregateKinds.Queue, [queue.Id]));
        }
        foreach (var group in options.QueueGroups)
        {
            aggregates.Add(NewAggregate(group.Id, group.DisplayName, AggregateKinds.Group, group.Queues));
        }
        foreach (var board in options.Boards)
        {
            aggregates.Add(NewAggregate(BoardKey(board.Name), board.Title ?? board.Name, AggregateKinds.Board, board.Queues));
        }
        _centre = aggregates.Count;
        aggregates.Add(NewAggregate(CentreId, options.Centre.Name, AggregateKinds.Centre, options.Queues.Select(q => q.Id)));
        _aggregates = [.. aggregates];
        for (var i = 0; i < _aggregates.Length; i++)
        {
            _aggregateIndex.TryAdd(_aggregates[i].Id, i);
        }

        foreach (var agent in options.Agents)
        {
            var status = new AgentStatus(agent.Id, _stretchBlocks);
            foreach (var queueId in agent.Queues)
            {
                if (_queueIndex.TryGetValue(queueId, out var q))
                {
                    status.Queues.Add(q);
                }
            }
            status.Aggregates = AggregatesServing(status.Queues);
            _agents[agent.Id] = status;
        }
        _sliding.AdvanceTo(_now);

        Aggregate NewAggregate(string id, string name, string kind, IEnumerable<string> queueIds) =>
            new(id, name, kind, [.. queueIds.Where(_queueIndex.ContainsKey).Select(q => _queueIndex[q]).Distinct()],
                new AgentTally(_maxIntervals, windows, _now, _breakpointBlocks));
    }

    /// <summary>The id under which the whole centre's figures are read.</summary>
    public const string CentreId = "*";

    private static string BoardKey(string board) => "board:" + board;

    /// <summary>The centre day the counters are for.</summary>
    public CentreDay Day => _day;

    /// <summary>The time the engine has reached (the last event or clock advance).</summary>
    public DateTimeOffset Now => new(_now, TimeSpan.Zero);

    public CentreCalendar Calendar => _calendar;

    /// <summary>Outcomes for contacts never seen queued (e.g. the host started mid-call): counted here, not in the figures.</summary>
    public long Orphans { get; private set; }

    /// <summary>Events naming a queue that is not configured: counted here, not in the figures.</summary>
    public long UnknownQueueEvents { get; private set; }

    public long EventsApplied { get; private set; }

    public IReadOnlyList<string> SlidingWindowNames => _windowNames;

    /// <summary>Moves the engine's clock: sliding windows move, and a new day starts (resetting today's counters) when the day has ended.</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        if (ticks <= _now)
        {
            return;
        }
        if (ticks >= _day.End.UtcTicks)
        {
            StartDayOf(now);
        }
        _now = ticks;
        _sliding.AdvanceTo(ticks);
    }

    private void StartDayOf(DateTimeOffset now)
    {
        foreach (var aggregate in _aggregates)
        {
            aggregate.Tally.IntegrateTo(_day.End.UtcTicks, _day, _interval);
        }
        _day = _calendar.DayOf(now);
        foreach (var queue in _queues)
        {
            queue.ResetDay();
        }
        foreach (var aggregate in _aggregates)
        {
            aggregate.Tally.ResetDay();
            aggregate.Tally.IntegrateTo(_day.Start.UtcTicks, _day, _interval);
        }
    }

    /// <summary>Folds one event into the state.</summary>
    public void Apply(AcdEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        AdvanceTo(e.At);
        EventsApplied++;
        switch (e)
        {
            case ContactQueued queued:
                OnQueued(queued);
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

    private bool TryQueue(string queueId, out int queue)
    {
        if (_queueIndex.TryGetValue(queueId, out queue))
        {
            return true;
        }
        UnknownQueueEvents++;
        return false;
    }

    private void OnQueued(ContactQueued e)
    {
        if (!TryQueue(e.QueueId, out var queue))
        {
            return;
        }
        var key = (queue, e.ContactId);
        if (_unmatched.Remove(key, out var outcome) && outcome.At >= e.At.UtcTicks)
        {
            // Its outcome came first (the queued event was late): count it now, with its true wait.
            Orphans--;
            CountOutcome(queue, outcome.Kind, e.At.UtcTicks, outcome.At);
            return;
        }
        if (_waiting.TryAdd(key, e.At.UtcTicks))
        {
            _queues[queue].Waiting++;
        }
    }

    /// <summary>
    /// The contact leaves the queue with <paramref name="kind"/>; counted now when it was seen queued, otherwise kept
    /// a while as an orphan in case its queued event comes late.
    /// </summary>
    private void LeaveQueue(int queue, string contactId, OutcomeKind kind, long at)
    {
        if (_waiting.Remove((queue, contactId), out var queuedAt))
        {
            _queues[queue].Waiting--;
            CountOutcome(queue, kind, queuedAt, at);
            return;
        }
        Orphans++;
        if (_unmatched.TryAdd((queue, contactId), new UnmatchedOutcome(kind, at)))
        {
            _unmatchedOrder.Enqueue((at, queue, contactId));
        }
        while (_unmatchedOrder.TryPeek(out var oldest) && oldest.At < at - UnmatchedHorizon.Ticks)
        {
            _unmatchedOrder.Dequeue();
            _unmatched.Remove((oldest.Queue, oldest.ContactId));
        }
    }

    /// <summary>How long an outcome whose contact was never seen queued waits for a late queued event.</summary>
    private static readonly TimeSpan UnmatchedHorizon = TimeSpan.FromHours(1);

    private void CountOutcome(int queue, OutcomeKind kind, long queuedAt, long at)
    {
        var settings = _queues[queue].Settings;
        var wait = Seconds(at - queuedAt);
        var delta = default(OutcomeCounters);
        switch (kind)
        {
            case OutcomeKind.Answered:
                delta.Answered = 1;
                delta.AnsweredWaitSeconds = wait;
                delta.AnsweredWithinThreshold = wait <= settings.ServiceLevelSeconds ? 1 : 0;
                break;
            case OutcomeKind.Abandoned when wait < settings.ShortAbandonSeconds:
                delta.ShortAbandoned = 1;
                break;
            case OutcomeKind.Abandoned:
                delta.Abandoned = 1;
                delta.AbandonedWithinThreshold = wait <= settings.ServiceLevelSeconds ? 1 : 0;
                break;
            case OutcomeKind.TransferredOut:
                delta.TransferredOut = 1;
                break;
        }
        Count(queue, at, delta);
    }

    private void OnAnswered(ContactAnswered e)
    {
        if (!TryQueue(e.QueueId, out var queue))
        {
            return;
        }
        var agent = AgentOf(e.AgentId, e.At.UtcTicks);
        if (agent.Wrapping is { } wrapping && e.At.UtcTicks >= wrapping.EndedAt)
        {
            // A new answer ends the previous contact's wrap-up (for sources that send no agent states, e.g. call records).
            CompleteHandle(agent, wrapping.InAcw ? e.At.UtcTicks : wrapping.EndedAt);
        }
        ServeQueue(agent, queue, e.At.UtcTicks);
        agent.StartContact(new ActiveContact(queue, e.ContactId, e.At.UtcTicks));
        LeaveQueue(queue, e.ContactId, OutcomeKind.Answered, e.At.UtcTicks);
    }

    private void OnAbandoned(ContactAbandoned e)
    {
        if (TryQueue(e.QueueId, out var queue))
        {
            LeaveQueue(queue, e.ContactId, OutcomeKind.Abandoned, e.At.UtcTicks);
        }
    }

    private void OnTransferred(ContactTransferred e)
    {
        if (TryQueue(e.QueueId, out var queue))
        {
            LeaveQueue(queue, e.ContactId, OutcomeKind.TransferredOut, e.At.UtcTicks);
        }
    }

    private void OnEnded(ContactEnded e)
    {
        var at = e.At.UtcTicks;
        var agent = AgentOf(e.AgentId, at);
        if (agent.EndContact(e.ContactId) is not { } talking)
        {
            return;
        }
        var talk = Seconds(at - talking.AnsweredAt);
        if (at < agent.Since && agent.AcwAfter(at) is { } acw)
        {
            // The end came late, after the agent's states moved on: its ACW is read from the agent's recent states.
            if (acw.Until is { } acwEnd)
            {
                CountHandle(talking.Queue, talk + Seconds(acwEnd - at), acwEnd);
            }
            else
            {
                agent.Wrapping = new WrapUp(talking.Queue, talk, at, InAcw: true);
            }
            return;
        }
        if (at < agent.Since)
        {
            CountHandle(talking.Queue, talk, at); // no ACW followed it
            return;
        }
        CompleteHandle(agent, agent.Wrapping?.EndedAt ?? at);
        agent.Wrapping = new WrapUp(talking.Queue, talk, at, agent.State == AgentState.Acw);
    }

    private void OnAgentState(AgentStateChanged e)
    {
        var at = e.At.UtcTicks;
        var agent = AgentOf(e.AgentId, at);
        var reason = e.State == AgentState.NotReady ? e.Reason ?? AgentTally.NoReason : null;
        if (at < agent.Since)
        {
            OnLateAgentState(agent, e.State, reason, at);
            return;
        }
        if (agent.Wrapping is { } wrapping)
        {
            if (e.State == AgentState.Acw)
            {
                agent.Wrapping = wrapping with { InAcw = true };
            }
            else
            {
                // ACW runs from the end of the conversation until the agent leaves acw; none if there was no acw.
                CompleteHandle(agent, wrapping.InAcw ? at : wrapping.EndedAt);
            }
        }
        foreach (var index in agent.Aggregates)
        {
            _aggregates[index].Tally.Move(agent.State, agent.Reason, e.State, reason, at, _day, _interval);
        }
        agent.State = e.State;
        agent.Reason = reason;
        agent.Since = at;
        agent.Remember(at, e.State, AgentHistoryHorizon.Ticks);
    }

    /// <summary>
    /// End of a replayed feed: contacts whose conversation ended with no ACW after it (and no later event of their agent)
    /// are counted with their talk time. Wrap-ups still in ACW stay open.
    /// </summary>
    public void CompleteEndedContacts()
    {
        foreach (var agent in _agents.Values)
        {
            if (agent.Wrapping is { InAcw: false } wrapping && agent.State != AgentState.Acw)
            {
                CompleteHandle(agent, wrapping.EndedAt);
            }
        }
    }

    /// <summary>How far back an agent's states are kept to place a state change or a contact end that comes late.</summary>
    private static readonly TimeSpan AgentHistoryHorizon = TimeSpan.FromHours(1);

    /// <summary>
    /// A state change older than the agent's current state: the agent's state now stays; the stretch from the change
    /// to the agent's next known change is re-counted in occupancy (today, intervals, sliding windows).
    /// </summary>
    private void OnLateAgentState(AgentStatus agent, AgentState state, string? reason, long at)
    {
        _ = reason;
        if (agent.ReplaceStretch(at, state) is not { } replaced)
        {
            StaleAgentStates++; // older than the history kept: nothing to correct
            return;
        }
        foreach (var index in agent.Aggregates)
        {
            _aggregates[index].Tally.Recount(at, replaced.Until, replaced.Was, state, _day, _interval);
        }
    }

    /// <summary>State changes too old to place in the agent's recent history: they changed nothing.</summary>
    public long StaleAgentStates { get; private set; }

    private void CompleteHandle(AgentStatus agent, long acwEnd)
    {
        if (agent.Wrapping is not { } wrapping)
        {
            return;
        }
        agent.Wrapping = null;
        CountHandle(wrapping.Queue, wrapping.TalkSeconds + Math.Max(0, Seconds(acwEnd - wrapping.EndedAt)), acwEnd);
    }

    private void CountHandle(int queue, double handleSeconds, long at)
    {
        var delta = default(OutcomeCounters);
        delta.Handled = 1;
        delta.HandleSeconds = handleSeconds;
        Count(queue, at, delta);
    }

    /// <summary>Counts an outcome in today's and its interval's counters (when it lies in today) and in the sliding windows.</summary>
    private void Count(int queue, long at, in OutcomeCounters delta)
    {
        if (at >= _day.Start.UtcTicks && at < _day.End.UtcTicks)
        {
            var state = _queues[queue];
            state.Today.Add(delta);
            state.Intervals[(at - _day.Start.UtcTicks) / _interval.Ticks].Add(delta);
        }
        _sliding.Add(at, queue, delta);
    }

    private AgentStatus AgentOf(string agentId, long at)
    {
        if (!_agents.TryGetValue(agentId, out var agent))
        {
            agent = new AgentStatus(agentId, _stretchBlocks);
            agent.Aggregates = [_centre];
            _agents[agentId] = agent;
            _ = at;
        }
        return agent;
    }

    /// <summary>An agent who answers a queue serves it from then on (the centre learns skills it was not told about).</summary>
    private void ServeQueue(AgentStatus agent, int queue, long at)
    {
        if (!agent.Queues.Add(queue))
        {
            return;
        }
        var before = agent.Aggregates;
        agent.Aggregates = AggregatesServing(agent.Queues);
        foreach (var index in agent.Aggregates)
        {
            if (Array.IndexOf(before, index) < 0)
            {
                _aggregates[index].Tally.Enter(agent.State, agent.Reason, at, _day, _interval);
            }
        }
    }

    private int[] AggregatesServing(HashSet<int> queues)
    {
        var result = new List<int>();
        for (var i = 0; i < _aggregates.Length; i++)
        {
            if (i == _centre || _aggregates[i].Queues.Any(queues.Contains))
            {
                result.Add(i);
            }
        }
        return [.. result];
    }

    private static double Seconds(long ticks) => (double)ticks / TimeSpan.TicksPerSecond;

    private sealed class QueueState(QueueSettings settings, int maxIntervals)
    {
        public QueueSettings Settings { get; } = settings;

        public OutcomeCounters Today;

        /// <summary>One slot per interval of the day.</summary>
        public OutcomeCounters[] Intervals { get; } = new OutcomeCounters[maxIntervals];

        public int Waiting { get; set; }

        public void ResetDay()
        {
            Today = default;
            Array.Clear(Intervals);
        }
    }

    /// <summary>A queue, a group, a board's queues, or the centre: outcomes are summed over <see cref="Queues"/>; agents counted once in <see cref="Tally"/>.</summary>
    private sealed record Aggregate(string Id, string Name, string Kind, int[] Queues, AgentTally Tally);

    private sealed class AgentStatus(string id, StretchBlocks blocks)
    {
        public string Id { get; } = id;
        public AgentState State { get; set; } = AgentState.LoggedOut;
        public string? Reason { get; set; }
        public long Since { get; set; }
        public HashSet<int> Queues { get; } = [];
        public int[] Aggregates { get; set; } = [];
        /// <summary>The contacts the agent is handling (several for chat; one for voice), oldest first.</summary>
        public List<ActiveContact> Talking { get; } = [];

        /// <summary>Maximum contacts kept per agent: an agent who never ends any does not grow without bound.</summary>
        private const int MaxConcurrent = 16;

        public void StartContact(ActiveContact contact)
        {
            if (Talking.Count == MaxConcurrent)
            {
                Talking.RemoveAt(0);
            }
            Talking.Add(contact);
        }

        public ActiveContact? EndContact(string contactId)
        {
            for (var i = 0; i < Talking.Count; i++)
            {
                if (Talking[i].ContactId == contactId)
                {
                    var contact = Talking[i];
                    Talking.RemoveAt(i);
                    return contact;
                }
            }
            return null;
        }
        public WrapUp? Wrapping { get; set; }

        /// <summary>The agent's recent states, oldest first; the last is the current one.</summary>
        public StateHistory History { get; } = new(blocks);

        public void Remember(long at, AgentState state, long horizon)
        {
            History.Add(new StateStretch(at, state));
            while (History.Count > 1 && History[1].Start < at - horizon)
            {
                History.RemoveFirst();
            }
        }

        /// <summary>Puts a late change into the history; returns the state it replaces and until when, or null when it is older than the history.</summary>
        public (AgentState Was, long Until)? ReplaceStretch(long at, AgentState state)
        {
            var i = History.LastStartingBy(at);
            if (i < 0 || i + 1 >= History.Count)
            {
                return null;
            }
            var was = History[i].State;
            History.Insert(i + 1, new StateStretch(at, state));
            return (was, History[i + 2].Start);
        }

        /// <summary>The ACW that followed a contact ended at <paramref name="at"/>: from the history, until when (null while still in ACW).</summary>
        public (long Start, long? Until)? AcwAfter(long at)
        {
            var i = History.LastStartingBy(at);
            var j = i >= 0 && History[i].State == AgentState.Acw ? i
                : i + 1 < History.Count && History[i + 1].State == AgentState.Acw ? i + 1
                : -1;
            if (j < 0)
            {
                return null;
            }
            return (History[j].Start, j + 1 < History.Count ? History[j + 1].Start : null);
        }
    }

    private enum OutcomeKind
    {
        Answered,
        Abandoned,
        TransferredOut,
    }

    private readonly record struct UnmatchedOutcome(OutcomeKind Kind, long At);

    private readonly record struct ActiveContact(int Queue, string ContactId, long AnsweredAt);

    private readonly record struct WrapUp(int Queue, double TalkSeconds, long EndedAt, bool InAcw);
}

using CcWallboard.Core.Events;

namespace CcWallboard.Adapters.Asterisk;

/// <summary>
/// Turns queue_log lines, in the order Asterisk wrote them, into normalized events (shared/domain/EVENTS.md; the
/// mapping and its decisions are in docs/adapters.md, "Asterisk queue_log").
/// <para>
/// Stateful: it follows each agent (the call it is on, paused or not and why, logged in or not) so that it can say
/// which state an agent is in after a line, and emits an <c>agent.state</c> only when that state changes. Contact
/// lines need no state: each maps to its event on its own.
/// </para>
/// <para>
/// Event ids are built from the line (time as written, call, queue, agent, event) plus the kind of event, so reading
/// the same file again gives the same ids and the host drops the repeats; identical lines within one second are
/// told apart by their order (<c>~2</c>, <c>~3</c>).
/// </para>
/// </summary>
public sealed class QueueLogMapper
{
    private static readonly Dictionary<string, LineKind> Kinds = new(StringComparer.Ordinal)
    {
        ["ENTERQUEUE"] = LineKind.Queued,
        ["CONNECT"] = LineKind.Answered,
        ["COMPLETEAGENT"] = LineKind.Ended,
        ["COMPLETECALLER"] = LineKind.Ended,
        ["TRANSFER"] = LineKind.Ended,
        ["BLINDTRANSFER"] = LineKind.Ended,
        ["ATTENDEDTRANSFER"] = LineKind.Ended,
        ["ABANDON"] = LineKind.LeftUnanswered,
        ["EXITWITHTIMEOUT"] = LineKind.LeftUnanswered,
        ["EXITWITHKEY"] = LineKind.LeftUnanswered,
        ["EXITEMPTY"] = LineKind.LeftUnanswered,
        ["RINGNOANSWER"] = LineKind.RingEnded,
        ["RINGCANCELED"] = LineKind.RingEnded,
        ["PAUSE"] = LineKind.Paused,
        ["PAUSEALL"] = LineKind.Paused,
        ["UNPAUSE"] = LineKind.Unpaused,
        ["UNPAUSEALL"] = LineKind.Unpaused,
        ["ADDMEMBER"] = LineKind.MemberAdded,
        ["AGENTLOGIN"] = LineKind.LoggedIn,
        ["AGENTCALLBACKLOGIN"] = LineKind.LoggedIn,
        ["REMOVEMEMBER"] = LineKind.MemberRemoved,
        ["AGENTLOGOFF"] = LineKind.LoggedOut,
        ["AGENTCALLBACKLOGOFF"] = LineKind.LoggedOut,
        ["QUEUESTART"] = LineKind.Restarted,
        // Known, and carrying nothing the contract has: a reload, the caller's DID, a caller refused entry (never
        // queued, so never offered), an agent who hung up during the announcement (the caller stays queued), an
        // incompatible bridge (the caller stays queued), a member's penalty change, free-form INFO.
        ["CONFIGRELOAD"] = LineKind.Informational,
        ["DID"] = LineKind.Informational,
        ["INFO"] = LineKind.Informational,
        ["JOINEMPTY"] = LineKind.Informational,
        ["JOINUNAVAIL"] = LineKind.Informational,
        ["FULL"] = LineKind.Informational,
        ["AGENTDUMP"] = LineKind.Informational,
        ["SYSCOMPAT"] = LineKind.Informational,
        ["PENALTY"] = LineKind.Informational,
    };

    private readonly TimeZoneInfo _timeZone;
    private readonly Dictionary<string, AgentTrack> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _linesThisSecond = new(StringComparer.Ordinal);
    private DateTimeOffset _second = DateTimeOffset.MinValue;

    /// <param name="timeZone">The zone whose offset the events' times carry (queue_log times are UTC epochs).</param>
    public QueueLogMapper(TimeZoneInfo timeZone) => _timeZone = timeZone ?? throw new ArgumentNullException(nameof(timeZone));

    /// <summary>Parses and maps one line of text (without its line break).</summary>
    public QueueLogMapping Map(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return QueueLogMapping.Skipped("blank line");
        }
        return QueueLogLine.TryParse(text, out var line, out var reason) ? Map(line) : QueueLogMapping.Rejected(reason);
    }

    /// <summary>Maps one parsed line.</summary>
    public QueueLogMapping Map(QueueLogLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!Kinds.TryGetValue(line.Event, out var kind))
        {
            return QueueLogMapping.Skipped($"unknown event '{line.Event}'; not in the event contract");
        }
        return kind switch
        {
            LineKind.Queued or LineKind.Answered or LineKind.Ended or LineKind.LeftUnanswered => MapContactLine(line, kind),
            LineKind.Restarted => Restart(line),
            LineKind.Informational => QueueLogMapping.Skipped($"{line.Event} changes no contact or agent state"),
            _ => MapAgentLine(line, kind),
        };
    }

    private QueueLogMapping MapContactLine(QueueLogLine line, LineKind kind)
    {
        var needsAgent = kind is LineKind.Answered or LineKind.Ended;
        if (!line.HasCall || !line.HasQueue || (needsAgent && !line.HasAgent))
        {
            return QueueLogMapping.Rejected(needsAgent
                ? $"{line.Event} needs a call id, a queue and an agent"
                : $"{line.Event} needs a call id and a queue");
        }
        var id = IdOf(line);
        var at = TimeOf(line);
        switch (kind)
        {
            case LineKind.Queued:
                return QueueLogMapping.Of([new ContactQueued($"{id}/queued", at, line.CallId, line.Queue)]);
            case LineKind.LeftUnanswered:
                return QueueLogMapping.Of([new ContactAbandoned($"{id}/abandoned", at, line.CallId, line.Queue)]);
            case LineKind.Answered:
            {
                var agent = AgentOf(line.Agent);
                agent.Contact = (line.Queue, line.CallId);
                return WithAgentState(new ContactAnswered($"{id}/answered", at, line.CallId, line.Queue, line.Agent), agent, line.Agent, id, at);
            }
            default:
            {
                var agent = AgentOf(line.Agent);
                if (agent.Contact == (line.Queue, line.CallId))
                {
                    agent.Contact = null;
                }
                // Asterisk's "holdtime" (data1) is the wait in the queue, not hold during the conversation: the
                // contract's holdSeconds stays unset, since queue_log does not record on-hold time.
                return WithAgentState(new ContactEnded($"{id}/ended", at, line.CallId, line.Queue, line.Agent), agent, line.Agent, id, at);
            }
        }
    }

    private QueueLogMapping MapAgentLine(QueueLogLine line, LineKind kind)
    {
        if (!line.HasAgent)
        {
            return QueueLogMapping.Rejected($"{line.Event} needs an agent");
        }
        var agent = AgentOf(line.Agent);
        switch (kind)
        {
            case LineKind.Paused:
                var reason = line.DataAt(0).Trim();
                // PAUSEALL is written without the reason, next to the per-queue PAUSE lines that carry it: a pause
                // without a reason keeps the one already known.
                agent.PauseReason = reason.Length > 0 ? reason : agent.Paused ? agent.PauseReason : null;
                agent.Paused = true;
                break;
            case LineKind.Unpaused:
                agent.Paused = false;
                agent.PauseReason = null;
                break;
            case LineKind.MemberAdded:
                if (line.HasQueue)
                {
                    agent.Queues.Add(line.Queue);
                }
                agent.LoggedIn = true;
                break;
            case LineKind.LoggedIn:
                agent.LoggedIn = true;
                break;
            case LineKind.MemberRemoved when line.HasQueue:
                agent.Queues.Remove(line.Queue);
                if (agent.Queues.Count == 0)
                {
                    agent.LogOut();
                }
                break;
            case LineKind.MemberRemoved:
            case LineKind.LoggedOut:
                agent.LogOut();
                break;
            case LineKind.RingEnded:
                // A missed or cancelled ring: no contact outcome; the agent, rung because it was free, is free again.
                break;
        }
        var id = IdOf(line);
        var change = AgentStateChange(agent, line.Agent, id, TimeOf(line));
        if (change is null)
        {
            var (state, _) = agent.State;
            return QueueLogMapping.Skipped($"{line.Event}: {line.Agent} stays {WireNames.Of(state)}");
        }
        return QueueLogMapping.Of([change]);
    }

    private QueueLogMapping Restart(QueueLogLine line)
    {
        // app_queue (re)started: calls in progress are gone with the old process, so no agent is on one any more.
        foreach (var agent in _agents.Values)
        {
            agent.Contact = null;
        }
        return QueueLogMapping.Skipped($"{line.Event}: the queues (re)started; calls in progress are forgotten");
    }

    private static QueueLogMapping WithAgentState(ContactEvent contact, AgentTrack agent, string agentId, string id, DateTimeOffset at) =>
        AgentStateChange(agent, agentId, id, at) is { } change ? QueueLogMapping.Of([contact, change]) : QueueLogMapping.Of([contact]);

    private static AgentStateChanged? AgentStateChange(AgentTrack agent, string agentId, string id, DateTimeOffset at)
    {
        var state = agent.State;
        if (agent.Emitted == state)
        {
            return null;
        }
        agent.Emitted = state;
        return new AgentStateChanged($"{id}/state", at, agentId, state.State, state.Reason);
    }

    /// <summary>The line's id: its own fields, plus its rank among identical lines of the same second.</summary>
    private string IdOf(QueueLogLine line)
    {
        var id = $"ast-{line.CallId}-{line.Event}-{line.EpochText}-{line.Queue}-{line.Agent}";
        if (line.At != _second)
        {
            _second = line.At;
            _linesThisSecond.Clear();
        }
        var seen = _linesThisSecond.GetValueOrDefault(id) + 1;
        _linesThisSecond[id] = seen;
        return seen == 1 ? id : $"{id}~{seen}";
    }

    private DateTimeOffset TimeOf(QueueLogLine line) => TimeZoneInfo.ConvertTime(line.At, _timeZone);

    private AgentTrack AgentOf(string agentId)
    {
        if (!_agents.TryGetValue(agentId, out var agent))
        {
            agent = new AgentTrack();
            _agents.Add(agentId, agent);
        }
        return agent;
    }

    private enum LineKind
    {
        Queued,
        Answered,
        Ended,
        LeftUnanswered,
        RingEnded,
        Paused,
        Unpaused,
        MemberAdded,
        LoggedIn,
        MemberRemoved,
        LoggedOut,
        Restarted,
        Informational,
    }

    /// <summary>What the lines so far say about one agent.</summary>
    private sealed class AgentTrack
    {
        /// <summary>The call the agent is on (one at a time, as the engine counts talk); null when free.</summary>
        public (string Queue, string CallId)? Contact { get; set; }

        /// <summary>Null until a login or logout line says; an agent seen working is taken as logged in.</summary>
        public bool? LoggedIn { get; set; }

        /// <summary>The queues an ADDMEMBER put the agent in and no REMOVEMEMBER took it out of.</summary>
        public HashSet<string> Queues { get; } = new(StringComparer.Ordinal);

        public bool Paused { get; set; }

        public string? PauseReason { get; set; }

        /// <summary>The state last emitted for the agent; null before the first.</summary>
        public (AgentState State, string? Reason)? Emitted { get; set; }

        /// <summary>A call outranks everything (a member removed mid-call is still talking), then logout, then pause.</summary>
        public (AgentState State, string? Reason) State =>
            Contact is not null ? (AgentState.OnContact, null)
            : LoggedIn == false ? (AgentState.LoggedOut, null)
            : Paused ? (AgentState.NotReady, PauseReason)
            : (AgentState.Available, null);

        public void LogOut()
        {
            Queues.Clear();
            LoggedIn = false;
            Paused = false;
            PauseReason = null;
        }
    }
}

/// <summary>What one queue_log line gave: its events, or (with none) why not and whether the line is malformed.</summary>
public sealed record QueueLogMapping(IReadOnlyList<AcdEvent> Events, string? Reason, bool Malformed)
{
    public static QueueLogMapping Of(IReadOnlyList<AcdEvent> events) => new(events, null, false);

    /// <summary>A valid line that carries no event (e.g. QUEUESTART, an unknown event).</summary>
    public static QueueLogMapping Skipped(string reason) => new([], reason, false);

    /// <summary>A line that breaks the format.</summary>
    public static QueueLogMapping Rejected(string reason) => new([], reason, true);
}

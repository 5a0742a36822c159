using System.Globalization;
using CcWallboard.Core.Events;

namespace CcWallboard.Adapters.Asterisk.Ami;

/// <summary>
/// Turns manager-interface events, in the order Asterisk sent them, into normalized events (shared/domain/EVENTS.md;
/// the mapping and its decisions are in docs/adapters.md, "Asterisk manager interface (AMI)"). It makes the same
/// decisions as <see cref="QueueLogMapper"/>, so that both give the same events for the same session.
/// <para>
/// Stateful: it knows the callers waiting in each queue and follows each agent (the call it is on, paused or not and
/// why, member of which queues, device reachable or not), emits an <c>agent.state</c> only when an agent's state
/// changes, and compares all of it with a <c>QueueStatus</c> answer after a (re)connection
/// (<see cref="Resynchronise"/>).
/// </para>
/// <para>
/// Times: an event's time is its <c>Timestamp</c> header (manager.conf <c>timestampevents=yes</c>) when present, else
/// the time it was received. Event ids are built from the event (Uniqueid, event name, time, queue, member) plus the
/// kind of event, so the same timestamped events always give the same ids.
/// </para>
/// </summary>
public sealed class AmiEventMapper
{
    /// <summary>The word used in ids for a part that does not apply, as queue_log writes it.</summary>
    private const string None = "NONE";

    private static readonly Dictionary<string, EventKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["QueueCallerJoin"] = EventKind.Joined,
        ["QueueCallerLeave"] = EventKind.Left,
        ["QueueCallerAbandon"] = EventKind.Abandoned,
        ["AgentConnect"] = EventKind.Connected,
        ["AgentComplete"] = EventKind.Completed,
        ["AgentRingNoAnswer"] = EventKind.RingEnded,
        ["QueueMemberPause"] = EventKind.Paused,
        ["QueueMemberPaused"] = EventKind.Paused, // Asterisk 1.8–11
        ["QueueMemberStatus"] = EventKind.MemberStatus,
        ["QueueMemberAdded"] = EventKind.MemberAdded,
        ["QueueMemberRemoved"] = EventKind.MemberRemoved,
        // Known, and carrying nothing the contract has: a member rung (no ringing state: as with queue_log), an agent
        // who hung up during the announcement, a member's penalty or ring-in-use change, the answers to QueueStatus and
        // QueueSummary outside a resynchronisation, and the system's own events.
        ["AgentCalled"] = EventKind.Informational,
        ["AgentDump"] = EventKind.Informational,
        ["QueueMemberPenalty"] = EventKind.Informational,
        ["QueueMemberRinginuse"] = EventKind.Informational,
        ["QueueParams"] = EventKind.Informational,
        ["QueueMember"] = EventKind.Informational,
        ["QueueEntry"] = EventKind.Informational,
        ["QueueStatusComplete"] = EventKind.Informational,
        ["QueueSummary"] = EventKind.Informational,
        ["QueueSummaryComplete"] = EventKind.Informational,
        ["FullyBooted"] = EventKind.Informational,
        ["Reload"] = EventKind.Informational,
        ["Shutdown"] = EventKind.Informational,
    };

    private readonly TimeZoneInfo _timeZone;
    private readonly Dictionary<(string Queue, string CallId), CallerTrack> _callers = [];
    private readonly HashSet<(string Queue, string CallId)> _leaving = [];
    private readonly Dictionary<string, AgentTrack> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _idsThisTime = new(StringComparer.Ordinal);
    private string _idTime = "";
    private long _sequence;

    /// <param name="timeZone">The zone whose offset the events' times carry (AMI times are UTC epochs).</param>
    /// <param name="leaveGrace">
    /// How long a caller who left the queue (<c>QueueCallerLeave</c>) may wait for the <c>AgentConnect</c> or
    /// <c>QueueCallerAbandon</c> that says why, before it counts as abandoned (a timeout, an exit key, an empty queue:
    /// Asterisk raises nothing else for those). Default 2 s.
    /// </param>
    public AmiEventMapper(TimeZoneInfo timeZone, TimeSpan? leaveGrace = null)
    {
        _timeZone = timeZone ?? throw new ArgumentNullException(nameof(timeZone));
        LeaveGrace = leaveGrace ?? TimeSpan.FromSeconds(2);
        ArgumentOutOfRangeException.ThrowIfLessThan(LeaveGrace, TimeSpan.Zero, nameof(leaveGrace));
    }

    public TimeSpan LeaveGrace { get; }

    /// <summary>Callers the mapper believes waiting (joined, not answered, not abandoned, not left).</summary>
    public int WaitingCallers => _callers.Values.Count(c => c.LeftAt is null);

    /// <summary>When (in receipt time) the oldest caller who left without a reason counts as abandoned; null when none is pending.</summary>
    public DateTimeOffset? NextLeaveDeadline
    {
        get
        {
            DateTimeOffset? next = null;
            foreach (var caller in _leaving.Select(key => _callers[key]))
            {
                if (next is null || caller.LeftReceivedAt + LeaveGrace < next)
                {
                    next = caller.LeftReceivedAt + LeaveGrace;
                }
            }
            return next;
        }
    }

    /// <summary>The state the mapper believes <paramref name="agentId"/> is in, or null for an agent it never heard of.</summary>
    public (AgentState State, string? Reason)? StateOf(string agentId) =>
        _agents.TryGetValue(agentId, out var agent) ? agent.State : null;

    /// <summary>Maps one message, received at <paramref name="receivedAt"/> (the time provider's now).</summary>
    public AmiMapping Map(AmiMessage message, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        _sequence++;
        if (message.Event is not { } name)
        {
            return AmiMapping.Skipped($"a response ({message.Response}), not an event");
        }
        if (!TryTimeOf(message, receivedAt, out var time, out var reason))
        {
            return AmiMapping.Rejected(reason);
        }
        var expired = ExpireLeaves(time.At, receivedAt);
        var mapping = !Kinds.TryGetValue(name, out var kind) ? AmiMapping.Skipped($"event '{name}' is not one the contract needs")
            : kind == EventKind.Informational ? AmiMapping.Skipped($"{name} changes no contact or agent state")
            : kind is EventKind.Joined or EventKind.Left or EventKind.Abandoned or EventKind.Connected or EventKind.Completed
                ? MapCallEvent(message, name, kind, time, receivedAt)
                : MapMemberEvent(message, name, kind, time);
        return expired.Count == 0 ? mapping : mapping with { Events = [.. expired, .. mapping.Events] };
    }

    /// <summary>
    /// Callers who left the queue without a reason at least <see cref="LeaveGrace"/> before <paramref name="now"/>
    /// (receipt time), as <c>contact.abandoned</c> at the time they left. For a quiet connection, where no later event
    /// comes to settle them.
    /// </summary>
    public IReadOnlyList<AcdEvent> ExpireLeaves(DateTimeOffset now) => ExpireLeaves(DateTimeOffset.MinValue, now);

    /// <summary>A mark to pass to <see cref="Resynchronise"/>: take it as the <c>QueueStatus</c> action is sent.</summary>
    public long BeginResynchronisation() => _sequence;

    /// <summary>
    /// Compares what the mapper believes with a <c>QueueStatus</c> answer, at <paramref name="now"/>, and emits what
    /// differs: <c>agent.state</c> for each member whose state is not the one believed, <c>contact.queued</c> at now − Wait
    /// for a caller waiting that it did not know, and <c>contact.abandoned</c> at now for a caller it believed waiting
    /// that is no longer in the queue (it left while the connection was down, its outcome unseen). Callers and agents
    /// that events received since <paramref name="since"/> (<see cref="BeginResynchronisation"/>) speak of are newer
    /// than the answer or as new, and are left as those events say.
    /// </summary>
    public AmiMapping Resynchronise(AmiQueueStatus status, DateTimeOffset now, long since)
    {
        ArgumentNullException.ThrowIfNull(status);
        var events = new List<AcdEvent>(ExpireLeaves(now));
        var time = EventTime.Of(now, _timeZone);
        var covered = status.Queues;
        var entries = status.Entries.Select(e => (e.Queue, e.UniqueId)).ToHashSet();

        foreach (var (key, caller) in _callers.OrderBy(c => c.Key.Queue, StringComparer.Ordinal).ThenBy(c => c.Key.CallId, StringComparer.Ordinal).ToList())
        {
            if (caller.LeftAt is null && caller.Since <= since && covered.Contains(key.Queue) && !entries.Contains(key))
            {
                RemoveCaller(key);
                events.Add(new ContactAbandoned($"{Id(key.CallId, "QueueStatus", time.Text, key.Queue, None)}/abandoned", time.At, key.CallId, key.Queue));
            }
        }
        foreach (var entry in status.Entries)
        {
            var key = (entry.Queue, entry.UniqueId);
            if (_callers.ContainsKey(key))
            {
                continue;
            }
            _callers[key] = new CallerTrack(_sequence);
            var joined = EventTime.Of(now - TimeSpan.FromSeconds(entry.WaitSeconds), _timeZone);
            events.Add(new ContactQueued($"{Id(entry.UniqueId, "QueueEntry", joined.Text, entry.Queue, None)}/queued", joined.At, entry.UniqueId, entry.Queue));
        }

        var listed = status.Members.GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var name in listed.Keys.Union(_agents.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var agent = AgentOf(name);
            if (agent.Since > since)
            {
                continue;
            }
            if (listed.TryGetValue(name, out var rows))
            {
                agent.Resynchronise(rows, covered);
            }
            else if (covered.Count > 0)
            {
                // A member of none of the queues the answer covers (QueueStatus is asked for all queues).
                agent.Queues.ExceptWith(covered);
                if (agent.Queues.Count == 0)
                {
                    agent.LogOut();
                }
            }
            if (AgentStateChange(agent, name, Id(None, "QueueStatus", time.Text, None, name), time.At) is { } change)
            {
                events.Add(change);
            }
        }
        return events.Count == 0 ? AmiMapping.Skipped("QueueStatus: in step with the queues") : AmiMapping.Of(events);
    }

    private AmiMapping MapCallEvent(AmiMessage message, string name, EventKind kind, EventTime time, DateTimeOffset receivedAt)
    {
        var queue = Field(message, "Queue");
        var callId = Field(message, "Uniqueid");
        var member = MemberOf(message);
        if (kind == EventKind.Completed)
        {
            return queue is null || member is null
                ? AmiMapping.Rejected($"{name} needs a queue and a member")
                : Complete(name, queue, callId, member, time);
        }
        var needsAgent = kind == EventKind.Connected;
        if (queue is null || callId is null || (needsAgent && member is null))
        {
            return AmiMapping.Rejected(needsAgent ? $"{name} needs a Uniqueid, a queue and a member" : $"{name} needs a Uniqueid and a queue");
        }
        var key = (queue, callId);
        var id = IdOf(callId, name, time.Text, queue, member ?? None);
        switch (kind)
        {
            case EventKind.Joined:
            {
                var queued = new ContactQueued($"{id}/queued", time.At, callId, queue);
                var left = _callers.GetValueOrDefault(key) is { LeftAt: { } leftAt } earlier
                    ? new ContactAbandoned($"{earlier.LeaveId}/abandoned", leftAt, callId, queue)
                    : null; // it left without a reason and is back (e.g. the dialplan queues it again after a timeout)
                RemoveCaller(key);
                _callers[key] = new CallerTrack(_sequence);
                return AmiMapping.Of(left is null ? [queued] : [left, queued]);
            }
            case EventKind.Left:
                if (!_callers.TryGetValue(key, out var caller) || caller.LeftAt is not null)
                {
                    return AmiMapping.Skipped($"{name}: {callId} is not waiting in {queue} (answered or abandoned already)");
                }
                caller.Leave(time.At, receivedAt, id, _sequence);
                _leaving.Add(key);
                return AmiMapping.Skipped($"{name}: {callId} left {queue}; AgentConnect or QueueCallerAbandon says why (abandoned if neither comes within {LeaveGrace.TotalSeconds:0.#} s)");
            case EventKind.Abandoned:
                RemoveCaller(key);
                return AmiMapping.Of([new ContactAbandoned($"{id}/abandoned", time.At, callId, queue)]);
            default:
            {
                RemoveCaller(key);
                var agent = AgentOf(member!);
                agent.Touch(_sequence);
                agent.Contact = new CallTrack(queue, callId, Unconfirmed: false);
                agent.JoinQueue(queue);
                // HoldTime is the caller's wait: the time from its QueueCallerJoin to now.
                return WithAgentState(new ContactAnswered($"{id}/answered", time.At, callId, queue, member!), agent, member!, id, time.At);
            }
        }
    }

    /// <summary>
    /// The end of a conversation. AgentComplete names the caller's channel only while that channel still exists: when
    /// the caller hung up first Asterisk may leave Uniqueid out, and the call is then the one the agent is on.
    /// </summary>
    private AmiMapping Complete(string name, string queue, string? callId, string member, EventTime time)
    {
        var agent = AgentOf(member);
        agent.Touch(_sequence);
        if (agent.Contact is { } contact && contact.Queue == queue && (callId is null || contact.Unconfirmed || contact.CallId == callId))
        {
            callId ??= contact.CallId;
            agent.Contact = null;
        }
        var id = IdOf(callId ?? None, name, time.Text, queue, member);
        if (callId is null)
        {
            return AgentStateChange(agent, member, id, time.At) is { } change
                ? AmiMapping.Of([change]) with { Reason = $"{name} without Uniqueid, and {member} is on no known call: no contact.ended" }
                : AmiMapping.Skipped($"{name} without Uniqueid, and {member} is on no known call");
        }
        // Asterisk's HoldTime is the wait in the queue, not hold during the conversation: holdSeconds stays unset.
        return WithAgentState(new ContactEnded($"{id}/ended", time.At, callId, queue, member), agent, member, id, time.At);
    }

    private AmiMapping MapMemberEvent(AmiMessage message, string name, EventKind kind, EventTime time)
    {
        var member = MemberOf(message);
        if (member is null)
        {
            return AmiMapping.Rejected($"{name} needs a member (MemberName or Interface)");
        }
        var queue = Field(message, "Queue");
        var paused = AmiQueueStatus.Flag(message["Paused"]);
        if (kind == EventKind.Paused && paused is null)
        {
            return AmiMapping.Rejected($"{name} needs Paused 1 or 0, not '{message["Paused"]}'");
        }
        var agent = AgentOf(member);
        agent.Touch(_sequence);
        switch (kind)
        {
            case EventKind.Paused:
            case EventKind.MemberStatus:
            case EventKind.MemberAdded:
                if (queue is not null || kind == EventKind.MemberAdded)
                {
                    agent.JoinQueue(queue);
                }
                if (paused is { } isPaused)
                {
                    agent.Pause(isPaused, message.FirstOf("PausedReason", "Reason"));
                }
                if (AmiQueueStatus.Number(message["Status"]) is { } device)
                {
                    agent.DeviceUnavailable = IsUnreachable(device);
                }
                break;
            case EventKind.MemberRemoved:
                agent.LeaveQueue(queue);
                break;
            case EventKind.RingEnded:
                // A missed ring: no contact outcome; the agent, rung because it was free, is free again.
                break;
        }
        var id = IdOf(None, name, time.Text, queue ?? None, member);
        if (AgentStateChange(agent, member, id, time.At) is { } change)
        {
            return AmiMapping.Of([change]);
        }
        var (state, _) = agent.State;
        return AmiMapping.Skipped($"{name}: {member} stays {WireNames.Of(state)}");
    }

    private List<AcdEvent> ExpireLeaves(DateTimeOffset eventTime, DateTimeOffset receivedAt)
    {
        var expired = new List<AcdEvent>();
        if (_leaving.Count == 0)
        {
            return expired;
        }
        foreach (var (key, caller) in _leaving.Select(key => (key, _callers[key])).OrderBy(c => c.Item2.LeftSequence).ToList())
        {
            if (eventTime >= caller.LeftAt!.Value + LeaveGrace || receivedAt >= caller.LeftReceivedAt + LeaveGrace)
            {
                RemoveCaller(key);
                // A timeout, an exit key or an empty queue: Asterisk raises only QueueCallerLeave for those; like
                // queue_log's EXITWITHTIMEOUT/EXITWITHKEY/EXITEMPTY they count as abandoned, when the caller left.
                expired.Add(new ContactAbandoned($"{caller.LeaveId}/abandoned", caller.LeftAt.Value, key.CallId, key.Queue));
            }
        }
        return expired;
    }

    private void RemoveCaller((string Queue, string CallId) key)
    {
        _callers.Remove(key);
        _leaving.Remove(key);
    }

    /// <summary>4 invalid, 5 unavailable: Asterisk's QueueSummary does not count such a member as logged in.</summary>
    private static bool IsUnreachable(int deviceState) => deviceState is 4 or 5;

    private static AmiMapping WithAgentState(ContactEvent contact, AgentTrack agent, string agentId, string id, DateTimeOffset at) =>
        AgentStateChange(agent, agentId, id, at) is { } change ? AmiMapping.Of([contact, change]) : AmiMapping.Of([contact]);

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

    private bool TryTimeOf(AmiMessage message, DateTimeOffset receivedAt, out EventTime time, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? reason)
    {
        reason = null;
        if (message["Timestamp"] is not { } text)
        {
            time = EventTime.Of(receivedAt, _timeZone);
            return true;
        }
        if (!TryParseEpoch(text, out var at))
        {
            time = default;
            reason = $"Timestamp '{(text.Length > 40 ? text[..40] : text)}' is not seconds since 1970";
            return false;
        }
        time = new EventTime(TimeZoneInfo.ConvertTime(at, _timeZone), text);
        return true;
    }

    /// <summary>The event's id: its own fields, plus its rank among identical ones of the same time.</summary>
    private string IdOf(string callId, string eventName, string timeText, string queue, string member)
    {
        var id = Id(callId, eventName, timeText, queue, member);
        if (timeText != _idTime)
        {
            _idTime = timeText;
            _idsThisTime.Clear();
        }
        var seen = _idsThisTime.GetValueOrDefault(id) + 1;
        _idsThisTime[id] = seen;
        return seen == 1 ? id : $"{id}~{seen}";
    }

    private static string Id(string callId, string eventName, string timeText, string queue, string member) =>
        $"ami-{callId}-{eventName}-{timeText}-{queue}-{member}";

    private static string? Field(AmiMessage message, string key) => message[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>The member as queue_log names it: its MemberName (the name in queues.conf), else its interface.</summary>
    private static string? MemberOf(AmiMessage message) => message.FirstOf("MemberName", "Name", "Interface", "Location");

    private AgentTrack AgentOf(string agentId)
    {
        if (!_agents.TryGetValue(agentId, out var agent))
        {
            agent = new AgentTrack();
            _agents.Add(agentId, agent);
        }
        return agent;
    }

    /// <summary>
    /// Digits with an optional fraction only (Asterisk writes <c>%ld.%06lu</c>), up to 9999-12-30 (a day short of the
    /// last one a DateTimeOffset holds, so that any zone's offset can be applied).
    /// </summary>
    private static bool TryParseEpoch(string text, out DateTimeOffset at)
    {
        at = default;
        if (text.Length == 0 || text.Length > 32 || !char.IsAsciiDigit(text[0]) || text.Any(c => !char.IsAsciiDigit(c) && c != '.'))
        {
            return false;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_214_399m)
        {
            return false;
        }
        at = DateTimeOffset.UnixEpoch.AddTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    private enum EventKind
    {
        Joined,
        Left,
        Abandoned,
        Connected,
        Completed,
        RingEnded,
        Paused,
        MemberStatus,
        MemberAdded,
        MemberRemoved,
        Informational,
    }

    /// <summary>An event's time in the configured zone, and as written in its id (the Timestamp, or the receipt epoch).</summary>
    private readonly record struct EventTime(DateTimeOffset At, string Text)
    {
        public static EventTime Of(DateTimeOffset at, TimeZoneInfo zone)
        {
            var ticks = at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
            var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
            if (rest < 0)
            {
                seconds--;
                rest += TimeSpan.TicksPerSecond;
            }
            var text = string.Create(CultureInfo.InvariantCulture, $"{seconds}.{rest / TimeSpan.TicksPerMicrosecond:D6}");
            return new EventTime(TimeZoneInfo.ConvertTime(at, zone), text);
        }
    }

    /// <summary>A caller known to be in a queue; after QueueCallerLeave, when it left and with which event.</summary>
    private sealed class CallerTrack(long since)
    {
        /// <summary>The message that made it known.</summary>
        public long Since { get; } = since;

        public DateTimeOffset? LeftAt { get; private set; }

        public DateTimeOffset LeftReceivedAt { get; private set; }

        public long LeftSequence { get; private set; }

        public string LeaveId { get; private set; } = "";

        public void Leave(DateTimeOffset at, DateTimeOffset receivedAt, string id, long sequence)
        {
            LeftAt = at;
            LeftReceivedAt = receivedAt;
            LeaveId = id;
            LeftSequence = sequence;
        }
    }

    /// <summary>
    /// A call an agent is on. <paramref name="Unconfirmed"/> after a resynchronisation: QueueStatus says the agent is on
    /// a call, not which (<paramref name="CallId"/> is the one known before, or null).
    /// </summary>
    private sealed record CallTrack(string Queue, string? CallId, bool Unconfirmed);

    /// <summary>What the events so far say about one agent.</summary>
    private sealed class AgentTrack
    {
        /// <summary>The call the agent is on (one at a time, as the engine counts talk); null when free.</summary>
        public CallTrack? Contact { get; set; }

        /// <summary>Null until an event says; false after its removal from its last queue.</summary>
        public bool? LoggedIn { get; private set; }

        /// <summary>The queues the agent is known to be a member of.</summary>
        public HashSet<string> Queues { get; } = new(StringComparer.Ordinal);

        public bool Paused { get; private set; }

        public string? PauseReason { get; private set; }

        /// <summary>Its device is invalid or unavailable (e.g. a phone not registered).</summary>
        public bool DeviceUnavailable { get; set; }

        /// <summary>The last message that spoke of the agent.</summary>
        public long Since { get; private set; }

        /// <summary>The state last emitted for the agent; null before the first.</summary>
        public (AgentState State, string? Reason)? Emitted { get; set; }

        /// <summary>A call outranks everything (a member removed mid-call is still talking), then logout, then pause.</summary>
        public (AgentState State, string? Reason) State =>
            Contact is not null ? (AgentState.OnContact, null)
            : LoggedIn == false || DeviceUnavailable ? (AgentState.LoggedOut, null)
            : Paused ? (AgentState.NotReady, PauseReason)
            : (AgentState.Available, null);

        public void Touch(long sequence) => Since = sequence;

        public void JoinQueue(string? queue)
        {
            if (queue is not null)
            {
                Queues.Add(queue);
            }
            LoggedIn = true;
        }

        public void LeaveQueue(string? queue)
        {
            if (queue is not null)
            {
                Queues.Remove(queue);
            }
            if (queue is null || Queues.Count == 0)
            {
                LogOut();
            }
        }

        /// <summary>The latest pause or unpause, in any queue, decides; a pause without a reason keeps the one known.</summary>
        public void Pause(bool paused, string? reason)
        {
            reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            PauseReason = paused ? reason ?? (Paused ? PauseReason : null) : null;
            Paused = paused;
        }

        public void LogOut()
        {
            Queues.Clear();
            LoggedIn = false;
            Paused = false;
            PauseReason = null;
            DeviceUnavailable = false;
        }

        /// <summary>Takes what QueueStatus says of the agent in the queues it covers.</summary>
        public void Resynchronise(List<AmiQueueMember> rows, IReadOnlyCollection<string> covered)
        {
            Queues.ExceptWith(covered);
            foreach (var row in rows)
            {
                Queues.Add(row.Queue);
            }
            LoggedIn = true;
            DeviceUnavailable = rows.All(r => r.Status is { } status && IsUnreachable(status));
            // Paused in every queue it is in: it takes no call. Paused in some only: it still takes calls.
            var paused = rows.All(r => r.Paused);
            Pause(paused, paused ? rows.Select(r => r.PausedReason).FirstOrDefault(r => !string.IsNullOrWhiteSpace(r)) : null);
            var inCall = rows.FirstOrDefault(r => r.InCall);
            if (inCall is not null)
            {
                // On a call: the one known, or another answered while the connection was down (QueueStatus does not
                // say which). The next AgentComplete of the agent in that queue ends it, whatever its Uniqueid.
                Contact = Contact is { } known && known.Queue == inCall.Queue
                    ? known with { Unconfirmed = true }
                    : new CallTrack(inCall.Queue, null, Unconfirmed: true);
            }
            else
            {
                // A call known ended while the connection was down: its AgentComplete is lost, so no contact.ended.
                Contact = null;
            }
        }
    }
}

/// <summary>What one manager event gave: its events, or (with none) why not and whether the event is malformed.</summary>
public sealed record AmiMapping(IReadOnlyList<AcdEvent> Events, string? Reason, bool Malformed)
{
    public static AmiMapping Of(IReadOnlyList<AcdEvent> events) => new(events, null, false);

    /// <summary>A valid event that carries no normalized event (QueueCallerLeave, an unknown event, a response).</summary>
    public static AmiMapping Skipped(string reason) => new([], reason, false);

    /// <summary>An event that lacks what its kind needs (a Uniqueid, a queue, a member) or has an unreadable Timestamp.</summary>
    public static AmiMapping Rejected(string reason) => new([], reason, true);
}

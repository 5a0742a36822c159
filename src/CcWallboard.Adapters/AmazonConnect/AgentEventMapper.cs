using System.Diagnostics.CodeAnalysis;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;

namespace CcWallboard.Adapters.AmazonConnect;

/// <summary>
/// Turns agent event stream records into normalized events (shared/domain/EVENTS.md; the mapping and its decisions are
/// in docs/adapters.md, "Amazon Connect agent event stream").
/// <para>
/// Every record carries the agent's whole snapshot, so the mapper compares it with what it already knows of the agent
/// (its memory, or the record's <c>PreviousAgentSnapshot</c> for an agent it meets for the first time) and emits only
/// what differs: a contact answered, a contact ended, a new agent state. A HEART_BEAT is read the same way, so a
/// mapper started mid-day learns each agent's state from its next record, and a heartbeat with nothing new emits
/// nothing.
/// </para>
/// <para>
/// Ids are deterministic: a contact's events are named by its <c>ContactId</c> and kind (a contact is answered once,
/// whichever record shows it), an agent state by the record's <c>EventId</c>. A record seen again (Kinesis delivers at
/// least once) gives again exactly the events it gave the first time; a record older than the agent's latest gives none.
/// </para>
/// Not thread-safe: one caller at a time.
/// </summary>
public sealed class AgentEventMapper
{
    /// <summary>Initiation methods of contacts that never waited in a queue: the agent works on them, no queue counts them.</summary>
    private static readonly HashSet<string> NotQueuedWork = new(StringComparer.OrdinalIgnoreCase) { "OUTBOUND", "EXTERNAL_OUTBOUND", "MONITOR" };

    private readonly Dictionary<string, StateMatcher> _statusStates;
    private readonly Dictionary<string, string> _queueIds;
    private readonly int _remembered;
    private readonly Dictionary<string, AgentMemory> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<AcdEvent>> _recent = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentOrder = new();

    public AgentEventMapper(AgentEventMapperOptions? options = null)
    {
        options ??= new AgentEventMapperOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }
        _statusStates = new Dictionary<string, StateMatcher>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, state) in options.StatusStates)
        {
            if (StateMatcher.TryParse(state, out var matcher))
            {
                _statusStates[name.Trim()] = matcher;
            }
        }
        _queueIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (queueId, connectQueues) in options.Queues)
        {
            foreach (var connectQueue in connectQueues)
            {
                _queueIds[connectQueue.Trim()] = queueId;
            }
        }
        _remembered = options.RememberedRecords;
    }

    /// <summary>The events one record gives, in order: contacts queued, answered and ended, then the agent's new state.</summary>
    public IReadOnlyList<AcdEvent> Map(AgentEventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_recent.TryGetValue(record.EventId, out var again))
        {
            return again;
        }

        if (!_agents.TryGetValue(record.AgentId, out var agent))
        {
            agent = new AgentMemory();
            _agents.Add(record.AgentId, agent);
        }
        IReadOnlyList<AcdEvent> events = [];
        if (record.EventTimestamp >= agent.LatestRecordAt)
        {
            // A record older than one already applied is stale: the newer snapshot said more, and said it later.
            events = Apply(record, agent);
            agent.LatestRecordAt = record.EventTimestamp;
        }
        Remember(record.EventId, events);
        return events;
    }

    private List<AcdEvent> Apply(AgentEventRecord record, AgentMemory agent)
    {
        var events = new List<AcdEvent>();
        var current = record.Current?.Contacts ?? [];
        var previous = record.Previous?.Contacts ?? [];

        // Every contact the agent had before or has now: a contact that left the snapshot after its conversation ended.
        var contactIds = new List<string>();
        foreach (var id in previous.Select(c => c.ContactId).Concat(current.Select(c => c.ContactId)).Concat(agent.Contacts.Keys))
        {
            if (!contactIds.Contains(id, StringComparer.Ordinal))
            {
                contactIds.Add(id);
            }
        }
        foreach (var contactId in contactIds)
        {
            Follow(record, agent, contactId, Find(current, contactId), Find(previous, contactId), events);
        }

        var (state, reason) = StateOf(record);
        if (agent.State != state || !string.Equals(agent.Reason, reason, StringComparison.Ordinal))
        {
            events.Add(new AgentStateChanged($"connect-{record.EventId}-state", record.EventTimestamp, record.AgentId, state, reason));
            agent.State = state;
            agent.Reason = reason;
        }
        return events;
    }

    /// <summary>What one contact's new snapshot says that the mapper has not said yet.</summary>
    private void Follow(AgentEventRecord record, AgentMemory agent, string contactId, AgentContact? now, AgentContact? before,
        List<AcdEvent> events)
    {
        if (!agent.Contacts.TryGetValue(contactId, out var memory))
        {
            memory = new ContactMemory();
        }
        var latest = now ?? before;

        if (memory.AnsweredAt is null && latest is not null && (WasConnected(now) || WasConnected(before)))
        {
            var answeredAt = now?.ConnectedToAgentTimestamp ?? before?.ConnectedToAgentTimestamp
                ?? (now?.State == ContactState.Connected ? now.StateStartTimestamp : null)
                ?? record.EventTimestamp;
            memory.AnsweredAt = answeredAt;
            if (TryQueueOf(latest, out var queueId))
            {
                memory.QueueId = queueId;
                if ((now?.QueueTimestamp ?? before?.QueueTimestamp) is { } queuedAt && queuedAt <= answeredAt)
                {
                    events.Add(new ContactQueued($"connect-{contactId}-queued", queuedAt, contactId, queueId, ChannelOf(latest)));
                }
                events.Add(new ContactAnswered($"connect-{contactId}-answered", answeredAt, contactId, queueId, record.AgentId));
            }
        }

        if (memory.AnsweredAt is { } answered && !memory.Ended)
        {
            var over = now is null || now.State is ContactState.Ended or ContactState.Missed or ContactState.Rejected or ContactState.Error;
            var onHold = now?.State == ContactState.ConnectedOnHold;
            if (onHold && memory.HoldSince is null)
            {
                memory.HoldSince = record.EventTimestamp;
                memory.HoldSeen = true;
            }
            if (over)
            {
                // ENDED's StateStartTimestamp is when the conversation ended (and ACW began); a contact gone from the
                // snapshot without showing ENDED ended when the record says so.
                var endedAt = (now?.State == ContactState.Ended ? now.StateStartTimestamp : null)
                    ?? (now is null && before?.State == ContactState.Ended ? before.StateStartTimestamp : null)
                    ?? record.EventTimestamp;
                endedAt = endedAt < answered ? answered : endedAt;
                if (memory.HoldSince is { } since)
                {
                    memory.HoldSeconds += Math.Max(0, (endedAt - since).TotalSeconds);
                    memory.HoldSince = null;
                }
                if (memory.QueueId is { } queueId)
                {
                    events.Add(new ContactEnded($"connect-{contactId}-ended", endedAt, contactId, queueId, record.AgentId,
                        memory.HoldSeen ? Math.Round(memory.HoldSeconds, 3) : null));
                }
                memory.Ended = true;
            }
            else if (!onHold && memory.HoldSince is { } since)
            {
                memory.HoldSeconds += Math.Max(0, (record.EventTimestamp - since).TotalSeconds);
                memory.HoldSince = null;
            }
        }

        if (now is null)
        {
            agent.Contacts.Remove(contactId);
        }
        else
        {
            agent.Contacts[contactId] = memory;
        }
    }

    private static bool WasConnected(AgentContact? contact) =>
        contact is not null && (contact.ConnectedToAgentTimestamp is not null
            || contact.State is ContactState.Connected or ContactState.ConnectedOnHold);

    /// <summary>The centre's queue of a contact that waited in one; false for work no queue counts.</summary>
    private bool TryQueueOf(AgentContact contact, [NotNullWhen(true)] out string? queueId)
    {
        queueId = null;
        if (contact.InitiationMethod is { } method && NotQueuedWork.Contains(method))
        {
            return false;
        }
        if ((contact.QueueArn is not null && _queueIds.TryGetValue(contact.QueueArn, out queueId))
            || (contact.QueueName is not null && _queueIds.TryGetValue(contact.QueueName, out queueId)))
        {
            return true;
        }
        // An agent's own queue has no name: it counts only when listed by ARN.
        queueId = string.IsNullOrWhiteSpace(contact.QueueName) ? null : contact.QueueName;
        return queueId is not null;
    }

    private static ContactChannel ChannelOf(AgentContact contact) => contact.Channel switch
    {
        "CHAT" => ContactChannel.Chat,
        "EMAIL" => ContactChannel.Email,
        "TASK" or "TASKS" => ContactChannel.Message,
        _ when string.Equals(contact.InitiationMethod, "CALLBACK", StringComparison.Ordinal) => ContactChannel.Callback,
        _ => ContactChannel.Voice,
    };

    /// <summary>
    /// The agent's state after the record: working on a contact outranks the status the agent set (an agent may set
    /// a custom status, or Offline, while a contact is still open); then ACW for a contact that ended but is still
    /// in the snapshot; then a contact ringing; then the status.
    /// </summary>
    private (AgentState State, string? Reason) StateOf(AgentEventRecord record)
    {
        if (record.EventType == AgentEventType.Logout || record.Current is not { } snapshot)
        {
            return (AgentState.LoggedOut, null);
        }
        var contacts = snapshot.Contacts;
        if (contacts.Any(c => c.State is ContactState.Connected or ContactState.ConnectedOnHold))
        {
            return (AgentState.OnContact, null);
        }
        if (contacts.Any(c => c.State == ContactState.Ended))
        {
            return (AgentState.Acw, null);
        }
        if (contacts.Any(c => c.State is ContactState.Connecting or ContactState.Incoming))
        {
            return (AgentState.Ringing, null);
        }
        return snapshot.Status is { } status ? StateOf(status) : (AgentState.LoggedOut, null);
    }

    private (AgentState State, string? Reason) StateOf(AgentStatus status)
    {
        var name = status.Name.Trim();
        if (_statusStates.TryGetValue(name, out var configured))
        {
            return configured.State == AgentState.NotReady ? (configured.State, configured.Reason ?? ReasonOf(name)) : (configured.State, null);
        }
        return status.Type switch
        {
            "ROUTABLE" => (AgentState.Available, null),
            "OFFLINE" => (AgentState.LoggedOut, null),
            "CUSTOM" => (AgentState.NotReady, ReasonOf(name)),
            // Records without a type: the two system statuses by their names, every other status is custom.
            _ when string.Equals(name, "Available", StringComparison.OrdinalIgnoreCase) => (AgentState.Available, null),
            _ when string.Equals(name, "Offline", StringComparison.OrdinalIgnoreCase) => (AgentState.LoggedOut, null),
            _ => (AgentState.NotReady, ReasonOf(name)),
        };
    }

    [SuppressMessage("Globalization", "CA1308:Normalize strings to uppercase", Justification = "Reason codes of the contract are lower case.")]
    private static string ReasonOf(string statusName) => statusName.ToLowerInvariant();

    private static AgentContact? Find(IReadOnlyList<AgentContact> contacts, string contactId)
    {
        foreach (var contact in contacts)
        {
            if (string.Equals(contact.ContactId, contactId, StringComparison.Ordinal))
            {
                return contact;
            }
        }
        return null;
    }

    private void Remember(string eventId, IReadOnlyList<AcdEvent> events)
    {
        if (_remembered == 0)
        {
            return;
        }
        _recent[eventId] = events;
        _recentOrder.Enqueue(eventId);
        while (_recentOrder.Count > _remembered)
        {
            _recent.Remove(_recentOrder.Dequeue());
        }
    }

    private sealed class AgentMemory
    {
        public DateTimeOffset LatestRecordAt { get; set; } = DateTimeOffset.MinValue;

        /// <summary>The state last emitted; null until the first record.</summary>
        public AgentState? State { get; set; }

        public string? Reason { get; set; }

        /// <summary>The contacts of the agent's latest snapshot.</summary>
        public Dictionary<string, ContactMemory> Contacts { get; } = new(StringComparer.Ordinal);
    }

    private sealed class ContactMemory
    {
        /// <summary>When it was connected to the agent; null while it was not.</summary>
        public DateTimeOffset? AnsweredAt { get; set; }

        /// <summary>The centre's queue, when a queue counts the contact.</summary>
        public string? QueueId { get; set; }

        public bool Ended { get; set; }

        public DateTimeOffset? HoldSince { get; set; }

        public double HoldSeconds { get; set; }

        public bool HoldSeen { get; set; }
    }
}

namespace CcWallboard.Core.Events;

/// <summary>
/// One normalized ACD event (shared/domain/EVENTS.md). Every source turns its input into these.
/// <see cref="Id"/> is unique per event from its source; <see cref="At"/> is the event time at the source.
/// </summary>
public abstract record AcdEvent(string Id, DateTimeOffset At)
{
    /// <summary>The contract's <c>type</c> string, e.g. <c>contact.queued</c>.</summary>
    public abstract string Type { get; }
}

/// <summary>An event about one contact in one queue.</summary>
public abstract record ContactEvent(string Id, DateTimeOffset At, string ContactId, string QueueId) : AcdEvent(Id, At);

/// <summary>The contact entered the queue.</summary>
public sealed record ContactQueued(string Id, DateTimeOffset At, string ContactId, string QueueId,
    ContactChannel Channel = ContactChannel.Voice, int? Priority = null)
    : ContactEvent(Id, At, ContactId, QueueId)
{
    public override string Type => EventTypes.ContactQueued;
}

/// <summary>An agent answered the contact: its wait ends.</summary>
public sealed record ContactAnswered(string Id, DateTimeOffset At, string ContactId, string QueueId, string AgentId)
    : ContactEvent(Id, At, ContactId, QueueId)
{
    public override string Type => EventTypes.ContactAnswered;
}

/// <summary>The customer left the queue before an answer: its wait ends.</summary>
public sealed record ContactAbandoned(string Id, DateTimeOffset At, string ContactId, string QueueId)
    : ContactEvent(Id, At, ContactId, QueueId)
{
    public override string Type => EventTypes.ContactAbandoned;
}

/// <summary>The contact left this queue unanswered for another (overflow).</summary>
public sealed record ContactTransferred(string Id, DateTimeOffset At, string ContactId, string QueueId, string ToQueueId)
    : ContactEvent(Id, At, ContactId, QueueId)
{
    public override string Type => EventTypes.ContactTransferred;
}

/// <summary>The conversation ended (talk, hold included, is over).</summary>
public sealed record ContactEnded(string Id, DateTimeOffset At, string ContactId, string QueueId, string AgentId,
    double? HoldSeconds = null)
    : ContactEvent(Id, At, ContactId, QueueId)
{
    public override string Type => EventTypes.ContactEnded;
}

/// <summary>The agent's state changed; <see cref="Reason"/> carries the not-ready reason code.</summary>
public sealed record AgentStateChanged(string Id, DateTimeOffset At, string AgentId, AgentState State, string? Reason = null)
    : AcdEvent(Id, At)
{
    public override string Type => EventTypes.AgentState;
}

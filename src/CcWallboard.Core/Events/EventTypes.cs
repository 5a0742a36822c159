namespace CcWallboard.Core.Events;

/// <summary>The <c>type</c> strings of the event contract.</summary>
public static class EventTypes
{
    public const string ContactQueued = "contact.queued";
    public const string ContactAnswered = "contact.answered";
    public const string ContactAbandoned = "contact.abandoned";
    public const string ContactTransferred = "contact.transferred";
    public const string ContactEnded = "contact.ended";
    public const string AgentState = "agent.state";

    public static IReadOnlyList<string> All { get; } =
        [ContactQueued, ContactAnswered, ContactAbandoned, ContactTransferred, ContactEnded, AgentState];
}

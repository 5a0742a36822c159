namespace CcWallboard.Core.Events;

/// <summary>
/// The contract's rules for an event already in object form (from an in-process source): ids present, and
/// an event time not further in the future than the allowed skew. JSON input is checked by <see cref="AcdEventJson"/>.
/// </summary>
public static class AcdEventRules
{
    public static IReadOnlyList<FieldError> Check(AcdEvent e, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        ArgumentNullException.ThrowIfNull(e);
        var errors = new List<FieldError>();
        Required(e.Id, "id", errors);
        switch (e)
        {
            case ContactEvent contact:
                Required(contact.ContactId, "contactId", errors);
                Required(contact.QueueId, "queueId", errors);
                break;
            case AgentStateChanged agent:
                Required(agent.AgentId, "agentId", errors);
                break;
        }
        switch (e)
        {
            case ContactAnswered answered:
                Required(answered.AgentId, "agentId", errors);
                break;
            case ContactEnded ended:
                Required(ended.AgentId, "agentId", errors);
                break;
            case ContactTransferred transferred:
                Required(transferred.ToQueueId, "toQueueId", errors);
                break;
        }
        if (e.At - now > maxFutureSkew)
        {
            errors.Add(new FieldError("at", $"lies more than {maxFutureSkew.TotalSeconds:0} s in the future"));
        }
        return errors;
    }

    private static void Required(string? value, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, "is required"));
        }
    }
}

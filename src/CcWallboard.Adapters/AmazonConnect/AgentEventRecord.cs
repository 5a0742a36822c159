using System.Globalization;
using System.Text.Json;
using CcWallboard.Core.Events;

namespace CcWallboard.Adapters.AmazonConnect;

/// <summary>
/// One record of the Amazon Connect agent event stream (the <c>AgentEvent</c> object of the Amazon Connect
/// Administrator Guide, "Agent event streams data model"), reduced to what the wallboard uses. Keys are matched in any
/// case (<c>EventType</c>, <c>eventType</c>, <c>eventtype</c>) and unknown keys are ignored.
/// </summary>
/// <param name="EventId">The event's UUID: the same record delivered twice carries the same id.</param>
/// <param name="AgentId">The agent's Amazon Connect user name (<c>Configuration.Username</c>), else the last part of <c>AgentARN</c>.</param>
/// <param name="Current"><c>CurrentAgentSnapshot</c>; may be absent on a LOGOUT only.</param>
/// <param name="Previous"><c>PreviousAgentSnapshot</c>; documented as not applicable to LOGIN and LOGOUT.</param>
public sealed record AgentEventRecord(
    string EventId,
    AgentEventType EventType,
    DateTimeOffset EventTimestamp,
    string AgentId,
    string? AgentArn,
    AgentSnapshot? Current,
    AgentSnapshot? Previous)
{
    /// <summary>Parses one record from JSON text.</summary>
    public static AgentEventParseResult Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement);
        }
        catch (JsonException ex)
        {
            return AgentEventParseResult.Rejected([new FieldError("$", $"not valid JSON: {ex.Message}")]);
        }
    }

    /// <summary>
    /// Parses one record. Every missing or invalid field the mapping needs is reported with its JSON path (in the
    /// documented spelling, e.g. <c>CurrentAgentSnapshot.Contacts[1].State</c>) and the reason.
    /// </summary>
    public static AgentEventParseResult Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return AgentEventParseResult.Rejected([new FieldError("$", "a record must be a JSON object")]);
        }

        var errors = new List<FieldError>();
        var eventId = RecordJson.RequiredString(json, "EventId", "EventId", errors);
        var eventType = ReadEventType(json, errors);
        var at = RecordJson.RequiredTime(json, "EventTimestamp", "EventTimestamp", errors);
        var agentArn = RecordJson.OptionalString(json, "AgentARN", "AgentARN", errors);

        // A LOGOUT needs no snapshot: the agent is logged out whatever it says.
        var snapshotRequired = eventType != AgentEventType.Logout;
        var current = AgentSnapshot.Read(json, "CurrentAgentSnapshot", snapshotRequired, snapshotRequired, errors);
        var previous = AgentSnapshot.Read(json, "PreviousAgentSnapshot", required: false, statusRequired: false, errors);

        var agentId = current?.Username ?? previous?.Username ?? LastPartOf(agentArn);
        if (agentId is null && !errors.Exists(e => e.Field is "AgentARN" or "CurrentAgentSnapshot"))
        {
            errors.Add(new FieldError("CurrentAgentSnapshot.Configuration.Username",
                "is required when AgentARN does not name the agent (neither gives an agent id)"));
        }

        return errors.Count == 0
            ? AgentEventParseResult.Accepted(new AgentEventRecord(eventId!, eventType!.Value, at!.Value, agentId!, agentArn, current, previous))
            : AgentEventParseResult.Rejected(errors);
    }

    private static AgentEventType? ReadEventType(JsonElement json, List<FieldError> errors)
    {
        var text = RecordJson.RequiredString(json, "EventType", "EventType", errors);
        if (text is null)
        {
            return null;
        }
        switch (text.ToUpperInvariant())
        {
            case "LOGIN": return AgentEventType.Login;
            case "LOGOUT": return AgentEventType.Logout;
            case "STATE_CHANGE": return AgentEventType.StateChange;
            case "HEART_BEAT": return AgentEventType.HeartBeat;
            default:
                errors.Add(new FieldError("EventType", $"unknown event type '{text}'; expected LOGIN, LOGOUT, STATE_CHANGE or HEART_BEAT"));
                return null;
        }
    }

    /// <summary>The agent's id within its ARN: <c>.../agent/{id}</c>.</summary>
    private static string? LastPartOf(string? arn)
    {
        if (string.IsNullOrWhiteSpace(arn))
        {
            return null;
        }
        var last = arn[(arn.LastIndexOf('/') + 1)..];
        return last.Length == 0 ? null : last;
    }
}

/// <summary>The four documented event types.</summary>
public enum AgentEventType
{
    Login,
    Logout,
    StateChange,
    /// <summary>Published every 120 s when nothing else was: the full snapshot, nothing changed.</summary>
    HeartBeat,
}

/// <summary>An <c>AgentSnapshot</c>: the agent's status, user name and contacts at one moment.</summary>
/// <param name="Status">Null only in a snapshot where it is not needed (a previous snapshot, a LOGOUT's).</param>
public sealed record AgentSnapshot(AgentStatus? Status, string? Username, IReadOnlyList<AgentContact> Contacts)
{
    internal static AgentSnapshot? Read(JsonElement record, string name, bool required, bool statusRequired, List<FieldError> errors)
    {
        if (!RecordJson.TryGet(record, name, out var json))
        {
            if (required)
            {
                errors.Add(new FieldError(name, "is required"));
            }
            return null;
        }
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(name, "must be an object"));
            return null;
        }

        var status = AgentStatus.Read(json, $"{name}.AgentStatus", statusRequired, errors);
        string? username = null;
        if (RecordJson.TryGet(json, "Configuration", out var configuration))
        {
            if (configuration.ValueKind == JsonValueKind.Object)
            {
                username = RecordJson.OptionalString(configuration, "Username", $"{name}.Configuration.Username", errors);
            }
            else
            {
                errors.Add(new FieldError($"{name}.Configuration", "must be an object"));
            }
        }

        var contacts = new List<AgentContact>();
        if (RecordJson.TryGet(json, "Contacts", out var list))
        {
            if (list.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var element in list.EnumerateArray())
                {
                    if (AgentContact.Read(element, $"{name}.Contacts[{index}]", errors) is { } contact)
                    {
                        contacts.Add(contact);
                    }
                    index++;
                }
            }
            else
            {
                errors.Add(new FieldError($"{name}.Contacts", "must be an array of contacts"));
            }
        }
        return new AgentSnapshot(status, username, contacts);
    }
}

/// <summary>The agent status set in the Contact Control Panel (or by a supervisor).</summary>
/// <param name="Name">As configured, e.g. <c>Available</c>, <c>Offline</c>, <c>Lunch</c>.</param>
/// <param name="Type"><c>ROUTABLE</c>, <c>CUSTOM</c> or <c>OFFLINE</c>, upper-cased; null in records that do not carry it.</param>
public sealed record AgentStatus(string Name, string? Type)
{
    internal static AgentStatus? Read(JsonElement snapshot, string path, bool required, List<FieldError> errors)
    {
        if (!RecordJson.TryGet(snapshot, "AgentStatus", out var json))
        {
            if (required)
            {
                errors.Add(new FieldError(path, "is required"));
            }
            return null;
        }
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(path, "must be an object"));
            return null;
        }
        var name = RecordJson.RequiredString(json, "Name", $"{path}.Name", errors);
        var type = RecordJson.OptionalString(json, "Type", $"{path}.Type", errors);
        return name is null ? null : new AgentStatus(name, type?.ToUpperInvariant());
    }
}

/// <summary>One contact of a snapshot, with its state for this agent.</summary>
/// <param name="Channel"><c>VOICE</c>, <c>CHAT</c>, <c>TASK</c>, <c>EMAIL</c>, upper-cased; null when absent.</param>
/// <param name="InitiationMethod"><c>INBOUND</c>, <c>OUTBOUND</c>, <c>TRANSFER</c>, <c>CALLBACK</c>, ..., upper-cased; null when absent.</param>
/// <param name="QueueArn">The contact's <c>Queue.ARN</c>.</param>
/// <param name="QueueName">The contact's <c>Queue.Name</c>; null for an agent's own queue, which has no name.</param>
public sealed record AgentContact(
    string ContactId,
    ContactState State,
    string? Channel,
    string? InitiationMethod,
    DateTimeOffset? StateStartTimestamp,
    DateTimeOffset? ConnectedToAgentTimestamp,
    DateTimeOffset? QueueTimestamp,
    string? QueueArn,
    string? QueueName)
{
    internal static AgentContact? Read(JsonElement json, string path, List<FieldError> errors)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(path, "a contact must be an object"));
            return null;
        }
        var before = errors.Count;
        var contactId = RecordJson.RequiredString(json, "ContactId", $"{path}.ContactId", errors);
        var stateText = RecordJson.RequiredString(json, "State", $"{path}.State", errors);
        var channel = RecordJson.OptionalString(json, "Channel", $"{path}.Channel", errors);
        var initiation = RecordJson.OptionalString(json, "InitiationMethod", $"{path}.InitiationMethod", errors);
        var stateStart = RecordJson.OptionalTime(json, "StateStartTimestamp", $"{path}.StateStartTimestamp", errors);
        var connected = RecordJson.OptionalTime(json, "ConnectedToAgentTimestamp", $"{path}.ConnectedToAgentTimestamp", errors);
        var queued = RecordJson.OptionalTime(json, "QueueTimestamp", $"{path}.QueueTimestamp", errors);
        string? queueArn = null, queueName = null;
        if (RecordJson.TryGet(json, "Queue", out var queue))
        {
            if (queue.ValueKind == JsonValueKind.Object)
            {
                queueArn = RecordJson.OptionalString(queue, "ARN", $"{path}.Queue.ARN", errors);
                queueName = RecordJson.OptionalString(queue, "Name", $"{path}.Queue.Name", errors);
            }
            else
            {
                errors.Add(new FieldError($"{path}.Queue", "must be an object"));
            }
        }
        return errors.Count > before
            ? null
            : new AgentContact(contactId!, ContactStates.Parse(stateText!), channel?.ToUpperInvariant(), initiation?.ToUpperInvariant(),
                stateStart, connected, queued, queueArn, queueName);
    }
}

/// <summary>
/// The state of a contact for the agent. The documented values differ between pages (<c>PAUSED</c> for tasks appears
/// in "About contact states", <c>REJECTED</c> only in later versions); a value not known here is read as
/// <see cref="Unrecognized"/> rather than refusing the record.
/// </summary>
public enum ContactState
{
    Unrecognized,
    /// <summary>A queued callback presented to the agent.</summary>
    Incoming,
    /// <summary>A queued callback, pending.</summary>
    Pending,
    /// <summary>Offered to the agent: ringing.</summary>
    Connecting,
    Connected,
    ConnectedOnHold,
    /// <summary>A task, paused.</summary>
    Paused,
    Missed,
    Error,
    /// <summary>The conversation ended; the agent is in after-contact work for it until it leaves the snapshot.</summary>
    Ended,
    Rejected,
}

internal static class ContactStates
{
    public static ContactState Parse(string text) => text.ToUpperInvariant() switch
    {
        "INCOMING" => ContactState.Incoming,
        "PENDING" => ContactState.Pending,
        "CONNECTING" => ContactState.Connecting,
        "CONNECTED" => ContactState.Connected,
        "CONNECTED_ONHOLD" => ContactState.ConnectedOnHold,
        "PAUSED" => ContactState.Paused,
        "MISSED" => ContactState.Missed,
        "ERROR" => ContactState.Error,
        "ENDED" => ContactState.Ended,
        "REJECTED" => ContactState.Rejected,
        _ => ContactState.Unrecognized,
    };
}

/// <summary>The outcome of reading one record: the record, or every reason it was rejected.</summary>
public sealed record AgentEventParseResult(AgentEventRecord? Record, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Record is not null;

    public static AgentEventParseResult Accepted(AgentEventRecord record) => new(record, []);

    public static AgentEventParseResult Rejected(IReadOnlyList<FieldError> errors) => new(null, errors);
}

/// <summary>Case-insensitive reads of the record's JSON, collecting every error with its path.</summary>
internal static class RecordJson
{
    // The documented form is yyyy-mm-ddThh:mm:ss.sssZ; one version of the page writes ss:sss, so that is read too.
    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss':'fffK"];

    /// <summary>The property of that name in any case; a JSON null counts as absent.</summary>
    public static bool TryGet(JsonElement json, string name, out JsonElement value)
    {
        foreach (var property in json.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return value.ValueKind != JsonValueKind.Null;
            }
        }
        value = default;
        return false;
    }

    public static string? RequiredString(JsonElement json, string name, string path, List<FieldError> errors)
    {
        if (!TryGet(json, name, out _))
        {
            errors.Add(new FieldError(path, "is required"));
            return null;
        }
        var text = OptionalString(json, name, path, errors);
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError(path, "must not be empty"));
            return null;
        }
        return text;
    }

    public static string? OptionalString(JsonElement json, string name, string path, List<FieldError> errors)
    {
        if (!TryGet(json, name, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(path, "must be a string"));
            return null;
        }
        return value.GetString();
    }

    public static DateTimeOffset? RequiredTime(JsonElement json, string name, string path, List<FieldError> errors)
    {
        if (!TryGet(json, name, out _))
        {
            errors.Add(new FieldError(path, "is required"));
            return null;
        }
        return OptionalTime(json, name, path, errors);
    }

    /// <summary>An ISO 8601 time; without an offset it is UTC (the stream writes <c>Z</c>).</summary>
    public static DateTimeOffset? OptionalTime(JsonElement json, string name, string path, List<FieldError> errors)
    {
        var before = errors.Count;
        var text = OptionalString(json, name, path, errors);
        if (text is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }
        if (errors.Count == before)
        {
            errors.Add(new FieldError(path, $"'{text}' is not an ISO 8601 time (e.g. 2019-05-25T18:55:27.017Z)"));
        }
        return null;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CcWallboard.Core.Events;

/// <summary>
/// Reads and writes events in the JSON form of shared/domain/EVENTS.md, validating as it reads:
/// a rejected event is reported with every field at fault and the reason, never half-read.
/// </summary>
public static class AcdEventJson
{
    // Relaxed escaping: times keep their "+02:00" readable in files; the output is never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses and validates one event object. <paramref name="now"/> bounds how far in the future <c>at</c> may lie.</summary>
    public static EventParseResult Parse(JsonElement json, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return EventParseResult.Rejected(new FieldError("$", "an event must be a JSON object"));
        }

        var errors = new List<FieldError>();
        var type = RequiredString(json, "type", errors);
        var id = RequiredString(json, "id", errors);
        var at = RequiredTime(json, "at", now, maxFutureSkew, errors);

        if (type is not null && !EventTypes.All.Contains(type))
        {
            errors.Add(new FieldError("type", $"unknown event type '{type}'; expected one of {string.Join(", ", EventTypes.All)}"));
            return EventParseResult.Rejected(errors);
        }

        AcdEvent? parsed = type switch
        {
            EventTypes.ContactQueued => ReadQueued(json, id, at, errors),
            EventTypes.ContactAnswered => ReadAnswered(json, id, at, errors),
            EventTypes.ContactAbandoned => ReadAbandoned(json, id, at, errors),
            EventTypes.ContactTransferred => ReadTransferred(json, id, at, errors),
            EventTypes.ContactEnded => ReadEnded(json, id, at, errors),
            EventTypes.AgentState => ReadAgentState(json, id, at, errors),
            _ => null,
        };

        return parsed is not null && errors.Count == 0 ? EventParseResult.Accepted(parsed) : EventParseResult.Rejected(errors);
    }

    /// <summary>Parses one line of JSON Lines text.</summary>
    public static EventParseResult ParseLine(string line, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return Parse(document.RootElement, now, maxFutureSkew);
        }
        catch (JsonException ex)
        {
            return EventParseResult.Rejected(new FieldError("$", $"not valid JSON: {ex.Message}"));
        }
    }

    public static void Write(Utf8JsonWriter writer, AcdEvent e)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(e);
        writer.WriteStartObject();
        writer.WriteString("type", e.Type);
        writer.WriteString("id", e.Id);
        writer.WriteString("at", FormatTime(e.At));
        switch (e)
        {
            case ContactQueued q:
                WriteContact(writer, q);
                writer.WriteString("channel", WireNames.Of(q.Channel));
                if (q.Priority is { } priority)
                {
                    writer.WriteNumber("priority", priority);
                }
                break;
            case ContactAnswered a:
                WriteContact(writer, a);
                writer.WriteString("agentId", a.AgentId);
                break;
            case ContactAbandoned b:
                WriteContact(writer, b);
                break;
            case ContactTransferred t:
                WriteContact(writer, t);
                writer.WriteString("toQueueId", t.ToQueueId);
                break;
            case ContactEnded end:
                WriteContact(writer, end);
                writer.WriteString("agentId", end.AgentId);
                if (end.HoldSeconds is { } hold)
                {
                    writer.WriteNumber("holdSeconds", hold);
                }
                break;
            case AgentStateChanged s:
                writer.WriteString("agentId", s.AgentId);
                writer.WriteString("state", WireNames.Of(s.State));
                if (s.Reason is not null)
                {
                    writer.WriteString("reason", s.Reason);
                }
                break;
            default:
                throw new ArgumentException($"unknown event {e.GetType().Name}", nameof(e));
        }
        writer.WriteEndObject();
    }

    /// <summary>One event as one line of JSON (no trailing newline).</summary>
    public static string ToJson(AcdEvent e)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, e);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>ISO 8601 with offset and millisecond precision, as the contract shows.</summary>
    public static string FormatTime(DateTimeOffset at) =>
        at.Offset == TimeSpan.Zero
            ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static void WriteContact(Utf8JsonWriter writer, ContactEvent e)
    {
        writer.WriteString("contactId", e.ContactId);
        writer.WriteString("queueId", e.QueueId);
    }

    private static (string?, string?) Contact(JsonElement json, List<FieldError> errors) =>
        (RequiredString(json, "contactId", errors), RequiredString(json, "queueId", errors));

    private static ContactAnswered? ReadAnswered(JsonElement json, string? id, DateTimeOffset? at, List<FieldError> errors)
    {
        var (contactId, queueId) = Contact(json, errors);
        var agentId = RequiredString(json, "agentId", errors);
        return errors.Count == 0 ? new ContactAnswered(id!, at!.Value, contactId!, queueId!, agentId!) : null;
    }

    private static ContactAbandoned? ReadAbandoned(JsonElement json, string? id, DateTimeOffset? at, List<FieldError> errors)
    {
        var (contactId, queueId) = Contact(json, errors);
        return errors.Count == 0 ? new ContactAbandoned(id!, at!.Value, contactId!, queueId!) : null;
    }

    private static ContactTransferred? ReadTransferred(JsonElement json, string? id, DateTimeOffset? at, List<FieldError> errors)
    {
        var (contactId, queueId) = Contact(json, errors);
        var toQueueId = RequiredString(json, "toQueueId", errors);
        return errors.Count == 0 ? new ContactTransferred(id!, at!.Value, contactId!, queueId!, toQueueId!) : null;
    }

    private static ContactQueued? ReadQueued(JsonElement json, string? id, DateTimeOffset? at, List<FieldError> errors)
    {
        var (contactId, queueId) = Contact(json, errors);
        var channel = ContactChannel.Voice;
        if (json.TryGetProperty("channel", out var channelJson) && channelJson.ValueKind != JsonValueKind.Null)
        {
            if (channelJson.ValueKind != JsonValueKind.String || !WireNames.TryParseChannel(channelJson.GetString(), out channel))
            {
                errors.Add(new FieldError("channel", $"unknown channel {channelJson.GetRawText()}; expected voice, chat, email, message or callback"));
            }
        }
        int? priority = null;
        if (json.TryGetProperty("priority", out var priorityJson) && priorityJson.ValueKind != JsonValueKind.Null)
        {
            if (priorityJson.ValueKind == JsonValueKind.Number && priorityJson.TryGetInt32(out var p))
            {
                priority = p;
            }
            else
            {
                errors.Add(new FieldError("priority", "must be a whole number"));
            }
        }
        return errors.Count == 0 ? new ContactQueued(id!, at!.Value, contactId!, queueId!, channel, priority) : null;
    }

    private static ContactEnded? ReadEnded(JsonElement json, string? id, DateTimeOffset? at, List<FieldError> errors)
    {
        var (contactId, queueId) = Contact(json, errors);
        var agentId = RequiredString(json, "agentId", errors);
        double? hold = null;
        if (json.TryGetProperty("holdSeconds", out var holdJson) && holdJson.ValueKind != JsonValueKind.Null)
        {
            if (holdJson.ValueKind == JsonValueKind.Number && holdJson.TryGetDouble(out var h) && h >= 0 && double.IsFinite(h))
            {
                hold = h;
            }
            else
            {
                errors.Add(new FieldError("holdSeconds", "must be a number of seconds, zero or more"));
            }
        }
        return errors.Count == 0 ? new ContactEnded(id!, at!.Value, contactId!, queueId!, agentId!, hold) : null;
    }

    private static AgentStateChanged? ReadAgentState(JsonElement json, string? id, DateTimeOffset? at, List<FieldError> errors)
    {
        var agentId = RequiredString(json, "agentId", errors);
        var stateText = RequiredString(json, "state", errors);
        var state = default(AgentState);
        if (stateText is not null && !WireNames.TryParseState(stateText, out state))
        {
            errors.Add(new FieldError("state", $"unknown state '{stateText}'; expected logged_out, available, ringing, on_contact, acw or not_ready"));
        }
        string? reason = null;
        if (json.TryGetProperty("reason", out var reasonJson) && reasonJson.ValueKind != JsonValueKind.Null)
        {
            if (reasonJson.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(reasonJson.GetString()))
            {
                reason = reasonJson.GetString();
            }
            else
            {
                errors.Add(new FieldError("reason", "must be a non-empty string"));
            }
        }
        return errors.Count == 0 ? new AgentStateChanged(id!, at!.Value, agentId!, state, reason) : null;
    }

    private static string? RequiredString(JsonElement json, string name, List<FieldError> errors)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError(name, "is required"));
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(name, "must be a string"));
            return null;
        }
        var text = value.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError(name, "must not be empty"));
            return null;
        }
        return text;
    }

    private static DateTimeOffset? RequiredTime(JsonElement json, string name, DateTimeOffset now, TimeSpan maxFutureSkew, List<FieldError> errors)
    {
        var text = RequiredString(json, name, errors);
        if (text is null)
        {
            return null;
        }
        if (!DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            || !HasOffset(text))
        {
            errors.Add(new FieldError(name, $"'{text}' is not an ISO 8601 time with an offset (e.g. 2026-11-23T09:00:01.250Z)"));
            return null;
        }
        if (at - now > maxFutureSkew)
        {
            errors.Add(new FieldError(name, $"'{text}' lies more than {maxFutureSkew.TotalSeconds:0} s in the future"));
            return null;
        }
        return at;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');
}

/// <summary>The outcome of reading one event: the event, or every reason it was rejected.</summary>
public sealed record EventParseResult(AcdEvent? Event, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Event is not null;

    public static EventParseResult Accepted(AcdEvent e) => new(e, []);

    public static EventParseResult Rejected(params IEnumerable<FieldError> errors) => new(null, errors.ToList());
}

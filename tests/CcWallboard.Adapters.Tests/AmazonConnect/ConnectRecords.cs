using System.Globalization;
using System.Text.Json.Nodes;
using CcWallboard.Adapters.AmazonConnect;
using CcWallboard.Core.Events;

namespace CcWallboard.Adapters.Tests.AmazonConnect;

/// <summary>
/// Agent event stream records in the shape of the Amazon Connect Administrator Guide ("Agent event streams data model",
/// "Sample agent event stream", "Determine ... ACW time"): AWSAccountId, AgentARN, Current/PreviousAgentSnapshot with
/// AgentStatus {ARN, Name, StartTimestamp, Type}, Configuration {FirstName, LastName, RoutingProfile, Username, ...},
/// Contacts, then EventId, EventTimestamp, EventType, InstanceARN, Version. Times are seconds after <see cref="Start"/>.
/// </summary>
internal static class ConnectRecords
{
    public const string Instance = "arn:aws:connect:eu-west-2:012345678901:instance/aaaaaaaa-bbbb-cccc-dddd-111111111111";

    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);

    public static string Time(double seconds) =>
        At(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string AgentArn(string username) => $"{Instance}/agent/{username}-0000-1111";

    public static string QueueArn(string name) => $"{Instance}/queue/{name.ToUpperInvariant()}-2222";

    public static JsonObject Available(double since = 0) => Status("Available", "ROUTABLE", since);

    public static JsonObject Offline(double since = 0) => Status("Offline", "OFFLINE", since);

    /// <summary>An agent status; <paramref name="type"/> null leaves the key out, as older records do.</summary>
    public static JsonObject Status(string name, string? type, double since = 0)
    {
        var status = new JsonObject
        {
            ["ARN"] = $"{Instance}/agent-state/{name.Replace(' ', '-')}-3333",
            ["Name"] = name,
            ["StartTimestamp"] = Time(since),
        };
        if (type is not null)
        {
            status["Type"] = type;
        }
        return status;
    }

    /// <summary>A contact of the snapshot. <paramref name="queuedAt"/>/<paramref name="connectedAt"/> null write JSON nulls, as the stream does.</summary>
    public static JsonObject Contact(string contactId, string state, double stateSince, double? queuedAt = null, double? connectedAt = null,
        string queue = "BasicQueue", string channel = "VOICE", string initiation = "INBOUND") => new()
        {
            ["Channel"] = channel,
            ["ConnectedToAgentTimestamp"] = connectedAt is { } c ? Time(c) : null,
            ["ContactId"] = contactId,
            ["InitialContactId"] = null,
            ["InitiationMethod"] = initiation,
            ["Queue"] = new JsonObject { ["ARN"] = QueueArn(queue), ["Name"] = queue },
            ["QueueTimestamp"] = queuedAt is { } q ? Time(q) : null,
            ["State"] = state,
            ["StateStartTimestamp"] = Time(stateSince),
        };

    public static JsonObject Snapshot(string username, JsonObject status, params JsonObject[] contacts) => new()
    {
        ["AgentStatus"] = status,
        ["Configuration"] = new JsonObject
        {
            ["AgentHierarchyGroups"] = null,
            ["FirstName"] = "Test",
            ["LastName"] = username,
            ["RoutingProfile"] = new JsonObject
            {
                ["ARN"] = $"{Instance}/routing-profile/basic-4444",
                ["DefaultOutboundQueue"] = new JsonObject { ["ARN"] = QueueArn("BasicQueue"), ["Name"] = "BasicQueue" },
                ["InboundQueues"] = new JsonArray(
                    new JsonObject { ["ARN"] = QueueArn("BasicQueue"), ["Name"] = "BasicQueue" },
                    new JsonObject { ["ARN"] = $"{Instance}/queue/agent/{username}-0000-1111", ["Name"] = null }),
                ["Name"] = "Basic Routing Profile",
            },
            ["Username"] = username,
        },
        ["Contacts"] = new JsonArray([.. contacts]),
    };

    public static JsonObject Record(string eventId, string eventType, double at, JsonObject? current, JsonObject? previous, string username = "jdoe")
    {
        var record = new JsonObject
        {
            ["AWSAccountId"] = "012345678901",
            ["AgentARN"] = AgentArn(username),
        };
        if (current is not null)
        {
            record["CurrentAgentSnapshot"] = current;
        }
        record["EventId"] = eventId;
        record["EventTimestamp"] = Time(at);
        record["EventType"] = eventType;
        record["InstanceARN"] = Instance;
        if (previous is not null)
        {
            record["PreviousAgentSnapshot"] = previous;
        }
        record["Version"] = "2019-05-25";
        return record;
    }

    /// <summary>The same record with every key lower-cased (as some forwarders and Athena write them).</summary>
    public static JsonNode? LowerCaseKeys(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key.ToLowerInvariant(), LowerCaseKeys(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(LowerCaseKeys)]),
        _ => node?.DeepClone(),
    };

    public static AgentEventRecord Parse(JsonNode record)
    {
        var parsed = AgentEventRecord.Parse(record.ToJsonString());
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return parsed.Record!;
    }

    public static IReadOnlyList<AcdEvent> Map(this AgentEventMapper mapper, JsonNode record) => mapper.Map(Parse(record));

    /// <summary><c>state</c> or <c>state:reason</c> of each agent state among <paramref name="events"/>.</summary>
    public static IReadOnlyList<string> States(IEnumerable<AcdEvent> events) =>
        [.. events.OfType<AgentStateChanged>().Select(s => s.Reason is null ? WireNames.Of(s.State) : $"{WireNames.Of(s.State)}:{s.Reason}")];
}

/// <summary>One agent's records in order, each STATE_CHANGE and HEART_BEAT carrying the previous record's snapshot as its previous one.</summary>
internal sealed class AgentStream(string username = "jdoe")
{
    private JsonObject? _previous;
    private int _count;

    public string Username => username;

    public JsonObject Login(double at, JsonObject status) => Next("LOGIN", at, status);

    public JsonObject Change(double at, JsonObject status, params JsonObject[] contacts) => Next("STATE_CHANGE", at, status, contacts);

    public JsonObject HeartBeat(double at, JsonObject status, params JsonObject[] contacts) => Next("HEART_BEAT", at, status, contacts);

    public JsonObject Logout(double at) => Next("LOGOUT", at, ConnectRecords.Offline(at));

    private JsonObject Next(string type, double at, JsonObject status, params JsonObject[] contacts)
    {
        var current = ConnectRecords.Snapshot(username, status, contacts);
        var previous = type is "LOGIN" or "LOGOUT" ? null : (JsonObject?)_previous?.DeepClone();
        _previous = (JsonObject)current.DeepClone();
        _count++;
        return ConnectRecords.Record($"{username}-event-{_count:D3}", type, at, current, previous, username);
    }
}

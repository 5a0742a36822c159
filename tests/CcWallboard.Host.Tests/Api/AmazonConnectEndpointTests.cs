using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CcWallboard.Core.Metrics;
using CcWallboard.Host.Ingestion;
using CcWallboard.Host.Pipeline;
using CcWallboard.Host.Storage;
using CcWallboard.Host.Tests.Pipeline;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Host.Tests.Api;

/// <summary>
/// <c>POST /api/sources/amazon-connect/agent-events</c> on a real Kestrel host with the embedded store: agent event
/// stream records (in the documented shape) of the example centre's agent a01, whose Connect queue "Sales Inbound"
/// is listed by ARN as the centre's queue <c>sales</c>.
/// </summary>
public sealed class AmazonConnectEndpointTests : IAsyncLifetime
{
    private const string Key = "connect-key-0123456789abcdef";
    private const string Instance = "arn:aws:connect:eu-west-2:012345678901:instance/aaaaaaaa-bbbb-cccc-dddd-111111111111";
    private const string SalesArn = Instance + "/queue/sales-inbound-2222";
    private readonly FakeTimeProvider _time = new(TestEvents.At(60));
    private WallboardHostFactory _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new WallboardHostFactory(_time)
            .With("Ingestion:ApiKeys:connect-eu", Key)
            .With("AmazonConnect:Queues:sales:0", SalesArn);
        _client = _host.CreateHttpClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    private static string Time(double seconds) =>
        TestEvents.At(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Status(string name, string type) => $$"""{"ARN":"{{Instance}}/agent-state/{{name}}","Name":"{{name}}","StartTimestamp":"{{Time(0)}}","Type":"{{type}}"}""";

    private static string Call(string contactId, string state, double since, double queuedAt, double? connectedAt, string queueArn = SalesArn, string queueName = "Sales Inbound") =>
        $$"""
        {"Channel":"VOICE","ConnectedToAgentTimestamp":{{(connectedAt is { } c ? $"\"{Time(c)}\"" : "null")}},"ContactId":"{{contactId}}",
         "InitialContactId":null,"InitiationMethod":"INBOUND","Queue":{"ARN":"{{queueArn}}","Name":"{{queueName}}"},
         "QueueTimestamp":"{{Time(queuedAt)}}","State":"{{state}}","StateStartTimestamp":"{{Time(since)}}"}
        """;

    /// <summary>A record of agent a01 (user name a01); the previous snapshot is left out, as the mapper follows the agent itself.</summary>
    private static string Record(string eventId, string type, double at, string status, params string[] contacts) =>
        $$"""
        {"AWSAccountId":"012345678901","AgentARN":"{{Instance}}/agent/a01-uuid",
         "CurrentAgentSnapshot":{"AgentStatus":{{status}},
           "Configuration":{"AgentHierarchyGroups":null,"FirstName":"Aisha","LastName":"A","Username":"a01",
             "RoutingProfile":{"ARN":"{{Instance}}/routing-profile/rp","Name":"Sales","InboundQueues":[{"ARN":"{{SalesArn}}","Name":"Sales Inbound"}]} },
           "Contacts":[{{string.Join(",", contacts)}}]},
         "EventId":"{{eventId}}","EventTimestamp":"{{Time(at)}}","EventType":"{{type}}","InstanceARN":"{{Instance}}","Version":"2019-05-25"}
        """;

    private static readonly string Available = Status("Available", "ROUTABLE");

    /// <summary>a01 logs in, takes a Sales call (queued at 2 s, ringing at 10 s, answered at 14 s, ended at 44 s), wraps up until 50 s, goes to lunch at 55 s.</summary>
    private static readonly string[] CallThenLunch =
    [
        Record("e-1", "LOGIN", 0, Available),
        Record("e-2", "STATE_CHANGE", 10, Available, Call("c-1", "CONNECTING", 10, 2, null)),
        Record("e-3", "STATE_CHANGE", 14, Available, Call("c-1", "CONNECTED", 14, 2, 14)),
        Record("e-4", "STATE_CHANGE", 44, Available, Call("c-1", "ENDED", 44, 2, 14)),
        Record("e-5", "STATE_CHANGE", 50, Available),
        Record("e-6", "STATE_CHANGE", 55, Status("Lunch", "CUSTOM")),
    ];

    private Task<HttpResponseMessage> PostAsync(string body) =>
        _client.PostAsync(new Uri(AmazonConnectEndpoints.Path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

    private static string JsonArray(IEnumerable<string> records) => "[" + string.Join(",", records) + "]";

    private Task<long> LoggedAsync() => _host.Services.GetRequiredService<IEventLog>().CountAsync();

    private async Task<QueueSnapshot> SalesWhenAsync(Func<QueueSnapshot, bool> ready)
    {
        var centre = _host.Services.GetRequiredService<LiveCentre>();
        for (var i = 0; i < 200 && !ready(centre.Read((e, now) => e.ViewOf("sales", now)!)); i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(10);
        }
        return centre.Read((e, now) => e.ViewOf("sales", now)!);
    }

    [Fact]
    public async Task A_call_and_a_lunch_break_reach_the_queue_figures_and_the_agent_states()
    {
        var response = await PostAsync(JsonArray(CallThenLunch));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(6, body.RootElement.GetProperty("records").GetInt32());
        Assert.Equal(9, body.RootElement.GetProperty("accepted").GetInt32()); // 6 agent states, queued, answered, ended

        var sales = await SalesWhenAsync(s => s.Agents.NotReady == 1 && s.Today.Handled == 1);
        Assert.Equal((1, 1, 0), (sales.Today.Offered, sales.Today.Answered, sales.Today.Abandoned));
        Assert.Equal(12, sales.Today.AsaSeconds);
        Assert.Equal(36, sales.Today.AhtSeconds); // 30 s talk + 6 s after-contact work
        Assert.Equal((1, 0, 1), (sales.Agents.LoggedIn, sales.Agents.Available, sales.Agents.NotReady));
        Assert.Equal(1, sales.Agents.NotReadyByReason["lunch"]);
    }

    [Fact]
    public async Task Records_delivered_again_are_taken_once_and_a_single_record_is_a_batch_of_one()
    {
        await PostAsync(JsonArray(CallThenLunch.Take(3)));

        var again = await PostAsync(CallThenLunch[2]);
        var heartBeat = await PostAsync(Record("e-7", "HEART_BEAT", 59, Available, Call("c-1", "CONNECTED", 14, 2, 14)));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var body = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal((1, 0, 3), (body.RootElement.GetProperty("records").GetInt32(), body.RootElement.GetProperty("accepted").GetInt32(),
            body.RootElement.GetProperty("duplicates").GetInt32()));
        using var beat = JsonDocument.Parse(await heartBeat.Content.ReadAsStringAsync());
        Assert.Equal(0, beat.RootElement.GetProperty("accepted").GetInt32()); // nothing new
        Assert.Equal(5, await LoggedAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-key-0123456789")]
    public async Task Without_the_sources_key_the_answer_is_401_and_nothing_is_appended(string? key)
    {
        using var client = _host.CreateHttpClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var response = await client.PostAsync(new Uri(AmazonConnectEndpoints.Path, UriKind.Relative),
            new StringContent(JsonArray(CallThenLunch), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await LoggedAsync());
    }

    [Fact]
    public async Task Bad_records_are_named_by_position_and_path_while_the_good_ones_are_kept()
    {
        var missingId = Record("e-2", "STATE_CHANGE", 10, Available).Replace("\"EventId\":\"e-2\",", "", StringComparison.Ordinal);
        var badContact = Record("e-3", "STATE_CHANGE", 12, Available, Call("c-1", "CONNECTED", 12, 2, 12))
            .Replace("\"ContactId\":\"c-1\",", "", StringComparison.Ordinal);
        var unknownQueue = Record("e-4", "STATE_CHANGE", 14, Available,
            Call("c-2", "CONNECTED", 14, 3, 14, queueArn: Instance + "/queue/elsewhere", queueName: "Elsewhere"));

        var response = await PostAsync(JsonArray([CallThenLunch[0], missingId, badContact, unknownQueue]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, body.RootElement.GetProperty("accepted").GetInt32()); // a01 available, then on_contact
        var rejected = body.RootElement.GetProperty("rejected").EnumerateArray()
            .Select(r => (r.GetProperty("position").GetInt32(), string.Join(" ", r.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()))))
            .ToList();
        Assert.Equal(
        [
            (1, "EventId"),
            (2, "CurrentAgentSnapshot.Contacts[0].ContactId"),
            (3, "contact.queued.queueId contact.answered.queueId"),
        ], rejected);
        Assert.Contains("AmazonConnect:Queues", body.RootElement.GetProperty("rejected")[2].GetProperty("errors")[0].GetProperty("reason").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(2, await LoggedAsync());
    }

    [Theory]
    [InlineData("\"a record\"", "application/json", HttpStatusCode.BadRequest, "must be one agent event record")]
    [InlineData("[{\"EventId\":", "application/json", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("EventId=e-1", "text/plain", HttpStatusCode.UnsupportedMediaType, "Content-Type")]
    public async Task A_body_that_is_not_records_is_refused_naming_why(string body, string mediaType, HttpStatusCode status, string reason)
    {
        var response = await _client.PostAsync(new Uri(AmazonConnectEndpoints.Path, UriKind.Relative), new StringContent(body, Encoding.UTF8, mediaType));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await LoggedAsync());
    }
}

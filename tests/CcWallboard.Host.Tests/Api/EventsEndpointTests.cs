using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CcWallboard.Core.Events;
using CcWallboard.Host.Pipeline;
using CcWallboard.Host.Storage;
using CcWallboard.Host.Tests.Pipeline;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Host.Tests.Api;

/// <summary><c>POST /api/events</c> on a real Kestrel host with the embedded store.</summary>
public sealed class EventsEndpointTests : IAsyncLifetime
{
    private const string Key = "test-key-0123456789abcdef";
    private readonly FakeTimeProvider _time = new(TestEvents.At(60));
    private WallboardHostFactory _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new WallboardHostFactory(_time)
            .With("Ingestion:ApiKeys:acd-test", Key)
            .With("Ingestion:MaxBatchEvents", "10")
            .With("Ingestion:MaxBodyBytes", "4096");
        _client = _host.CreateHttpClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    private static string JsonArray(IEnumerable<AcdEvent> events) => "[" + string.Join(",", events.Select(AcdEventJson.ToJson)) + "]";

    private static string JsonLines(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";

    private Task<HttpResponseMessage> PostAsync(string body, string mediaType = "application/json") =>
        _client.PostAsync(new Uri("/api/events", UriKind.Relative), new StringContent(body, Encoding.UTF8, mediaType));

    private Task<long> LoggedAsync() => _host.Services.GetRequiredService<IEventLog>().CountAsync();

    [Fact]
    public async Task A_valid_array_is_appended_before_the_answer_and_reaches_the_figures()
    {
        var response = await PostAsync(JsonArray(TestEvents.SalesMorning()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(8, body.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.RootElement.GetProperty("duplicates").GetInt32());
        Assert.Equal(8, await LoggedAsync());
        var centre = _host.Services.GetRequiredService<LiveCentre>();
        for (var i = 0; i < 200 && centre.Read((e, now) => e.ViewOf("sales", now)!.Today.Offered) < 3; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(10);
        }
        Assert.Equal(3, centre.Read((e, now) => e.ViewOf("sales", now)!.Today.Offered));
    }

    [Fact]
    public async Task The_same_batch_sent_twice_is_taken_once()
    {
        await PostAsync(JsonArray(TestEvents.SalesMorning()));

        var again = await PostAsync(JsonArray(TestEvents.SalesMorning()));

        using var body = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal(0, body.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(8, body.RootElement.GetProperty("duplicates").GetInt32());
        Assert.Equal(8, await LoggedAsync());
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

        var response = await client.PostAsync(new Uri("/api/events", UriKind.Relative),
            new StringContent(JsonArray(TestEvents.SalesMorning()), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await LoggedAsync());
    }

    [Fact]
    public async Task Json_lines_with_bad_lines_keep_the_good_events_and_report_each_bad_one_by_line_and_field()
    {
        var good = TestEvents.SalesMorning().Select(AcdEventJson.ToJson).ToList();
        var lines = new List<string>
        {
            good[0],
            """{"type":"contact.queued","id":"x1","at":"2026-11-23T09:00:05Z","contactId":"c9","queueId":"nowhere"}""",
            good[1],
            "{not json",
            """{"type":"agent.state","id":"x2","at":"2026-11-23T09:00:05Z","agentId":"a01","state":"dancing"}""",
            """{"type":"contact.queued","id":"x3","at":"2026-11-24T09:00:05Z","contactId":"c9","queueId":"sales"}""",
            """{"type":"agent.state","id":"x4","at":"2026-11-23T09:00:05Z","agentId":"zz99","state":"available"}""",
            """{"type":"contact.flew","id":"x5","at":"2026-11-23T09:00:05Z"}""",
        };

        var response = await PostAsync(JsonLines(lines), "application/x-ndjson");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, body.RootElement.GetProperty("accepted").GetInt32());
        var rejected = body.RootElement.GetProperty("rejected").EnumerateArray()
            .Select(r => (Line: r.GetProperty("line").GetInt64(), Field: r.GetProperty("errors")[0].GetProperty("field").GetString()))
            .ToList();
        Assert.Equal([(2L, "queueId"), (4L, "$"), (5L, "state"), (6L, "at"), (7L, "agentId"), (8L, "type")], rejected);
        Assert.Equal(2, await LoggedAsync());
    }

    [Fact]
    public async Task A_batch_over_the_event_limit_is_refused_whole_with_413()
    {
        var events = Enumerable.Range(0, 11).Select(i => new ContactQueued($"big-{i}", TestEvents.At(i), $"c{i}", "sales"));

        var response = await PostAsync(JsonArray(events));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 10", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await LoggedAsync());
    }

    [Fact]
    public async Task A_body_over_the_byte_limit_is_refused_with_413()
    {
        var response = await PostAsync("[" + new string(' ', 5000) + "]");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Ingestion:MaxBodyBytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"contact.queued\"}", "application/json", HttpStatusCode.BadRequest, "must be a JSON array")]
    [InlineData("[{\"type\":", "application/json", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("type=contact.queued", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "Content-Type")]
    public async Task A_body_that_is_not_a_batch_is_refused_naming_why(string body, string mediaType, HttpStatusCode status, string reason)
    {
        var response = await PostAsync(body, mediaType);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await LoggedAsync());
    }

    [Fact]
    public async Task An_empty_array_is_a_valid_batch_of_nothing()
    {
        var response = await PostAsync("[]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CcWallboard.Core.Events;
using CcWallboard.Host.Adherence;
using CcWallboard.Host.Hubs;
using CcWallboard.Host.Ingestion;
using CcWallboard.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Host.Tests.Adherence;

/// <summary>Real-time adherence through the host: schedule in, agent states in, figures and alerts out over HTTP and SignalR.</summary>
public sealed class AdherenceApiTests : IAsyncLifetime
{
    private const string Key = "supervisor-key-0123456789";
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly FakeTimeProvider _time = new(Nine);
    private WallboardHostFactory _host = null!;
    private HttpClient _client = null!;

    // a01 is scheduled open 09:00–10:00, break 10:00–10:15; nobody else is scheduled.
    private const string Schedule = """
        agentId,activity,start,end
        a01,open,2026-11-23T09:00:00Z,2026-11-23T10:00:00Z
        a01,break,2026-11-23T10:00:00Z,2026-11-23T10:15:00Z
        """;

    public async Task InitializeAsync()
    {
        _host = new WallboardHostFactory(_time).With("Ingestion:ApiKeys:supervisors", Key).With("Centre:AllowedLatenessSeconds", "0");
        _client = _host.CreateHttpClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var put = await _client.PutAsync(new Uri("/api/schedules/2026-11-23", UriKind.Relative), new StringContent(Schedule, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    /// <summary>Each event is sent when the clock reaches its time, as a live feed would.</summary>
    private async Task SubmitAsync(params AcdEvent[] events)
    {
        foreach (var e in events)
        {
            await ClockAtAsync((e.At - Nine).TotalMinutes);
            var result = await _host.Services.GetRequiredService<EventIngestion>().SubmitAsync("test", [e], CancellationToken.None);
            Assert.Equal(1, result.Appended);
        }
    }

    private static AgentStateChanged State(string id, int minutes, AgentState state, string? reason = null) =>
        new(id, Nine.AddMinutes(minutes), "a01", state, reason);

    /// <summary>Moves the fake clock to <paramref name="minutes"/> after nine, letting the adherence reader catch up on the way.</summary>
    private async Task ClockAtAsync(double minutes)
    {
        while (_time.GetUtcNow() < Nine.AddMinutes(minutes))
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(2);
        }
        await Task.Delay(200);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Task.Delay(200);
    }

    private async Task<JsonElement> AgentAsync(string id)
    {
        var view = await _client.GetFromJsonAsync<JsonElement>(new Uri("/api/adherence", UriKind.Relative));
        return view.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("agentId").GetString() == id);
    }

    [Fact]
    public async Task A_late_login_shows_out_of_adherence_from_the_schedule_start_and_the_days_adherence_follows()
    {
        await SubmitAsync(State("s1", 10, AgentState.Available));
        await ClockAtAsync(30);

        var a01 = await AgentAsync("a01");

        // Scheduled open 09:00–09:30 so far: logged out 10 min (out), available 20 min (in): 20 / 30.
        Assert.Equal("in", a01.GetProperty("status").GetString());
        Assert.Equal("open", a01.GetProperty("activity").GetString());
        // (The clock stands a few milliseconds past 09:30.)
        Assert.InRange(a01.GetProperty("scheduledSeconds").GetDouble(), 1800, 1800.01);
        Assert.InRange(a01.GetProperty("inAdherenceSeconds").GetDouble(), 1200, 1200.01);
        Assert.Equal(100.0 * 20 / 30, a01.GetProperty("adherencePercent").GetDouble(), 3);
    }

    [Fact]
    public async Task Out_of_adherence_past_the_threshold_raises_an_alert_pushed_to_supervisors_and_an_approval_clears_it()
    {
        await SubmitAsync(State("s1", 0, AgentState.Available), State("s2", 20, AgentState.NotReady, "personal"), State("s3", 21, AgentState.NotReady, "meeting"));
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_host.Start(), SupervisorHub.Path))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)))
            .Build();
        var pushed = new List<SupervisorView>();
        connection.On<SupervisorView>("AdherenceUpdated", view => { lock (pushed) { pushed.Add(view); } });
        await connection.StartAsync();
        await connection.InvokeAsync<SupervisorView>("Join", (string?)null);

        await ClockAtAsync(23);
        var before = await AgentAsync("a01");
        await ClockAtAsync(25);
        var alerted = await AgentAsync("a01");

        // a01 is in a meeting since 09:21 while scheduled open: out, alert after 180 s (09:24).
        Assert.Equal("out", before.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("alert").ValueKind);
        Assert.Equal("warning", alerted.GetProperty("alert").GetString());
        Assert.Equal(Nine.AddMinutes(21), alerted.GetProperty("outSince").GetDateTimeOffset());
        lock (pushed)
        {
            Assert.Contains(pushed, v => v.Alerts.Any(a => a.AgentId == "a01"));
        }

        var approve = await _client.PostAsJsonAsync(new Uri("/api/adherence/exceptions", UriKind.Relative),
            new { agentId = "a01", start = Nine.AddMinutes(21), end = Nine.AddMinutes(40), reason = "Coaching overran", approvedBy = "Sam (team lead)" });
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        await ClockAtAsync(26);
        var approved = await AgentAsync("a01");

        Assert.Equal("in", approved.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, approved.GetProperty("alert").ValueKind);
        var audit = await _host.Services.GetRequiredService<IAdherenceAudit>().ReadAsync(new DateOnly(2026, 11, 23));
        Assert.Equal("Sam (team lead) (via supervisors)", Assert.Single(audit).ApprovedBy);
    }

    [Fact]
    public async Task An_approval_request_naming_nothing_valid_is_refused_field_by_field_and_changes_nothing()
    {
        var response = await _client.PostAsJsonAsync(new Uri("/api/adherence/exceptions", UriKind.Relative),
            new { agentId = "nobody", start = Nine.AddMinutes(30), end = Nine.AddMinutes(20), reason = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Contains("neither configured nor scheduled", errors.GetProperty("agentId")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("must be after start", errors.GetProperty("end")[0].GetString());
        Assert.StartsWith("is required", errors.GetProperty("reason")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await _host.Services.GetRequiredService<IAdherenceAudit>().ReadAsync(new DateOnly(2026, 11, 23)));
    }

    [Fact]
    public async Task The_timeline_gives_the_scheduled_and_actual_stretches_of_the_day()
    {
        await SubmitAsync(State("s1", 5, AgentState.Available));
        await ClockAtAsync(12);

        var timeline = await _client.GetFromJsonAsync<JsonElement>(new Uri("/api/adherence/agents/a01/timeline", UriKind.Relative));
        var missing = await _client.GetAsync(new Uri("/api/adherence/agents/zz/timeline", UriKind.Relative));

        Assert.Equal(["open", "break"], timeline.GetProperty("scheduled").EnumerateArray().Select(s => s.GetProperty("activity").GetString()));
        Assert.Contains(timeline.GetProperty("actual").EnumerateArray(), s => s.GetProperty("state").GetString() == "available");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

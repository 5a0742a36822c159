using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CcWallboard.Core.Events;
using CcWallboard.Core.Planning;
using CcWallboard.Host.Hubs;
using CcWallboard.Host.Ingestion;
using CcWallboard.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Host.Tests.Planning;

/// <summary>The planners' figures through the host: counted from the log, served over HTTP and pushed on <c>/hubs/planner</c>.</summary>
public sealed class PlannerApiTests : IAsyncLifetime
{
    private const string Key = "planner-key-0123456789abc";
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Nine);
    private WallboardHostFactory _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new WallboardHostFactory(_time)
            .With("Centre:AllowedLatenessSeconds", "0")
            .With("Ingestion:ApiKeys:planners", Key)
            .With("Alerts:Rules:0:Name", "surge")
            .With("Alerts:Rules:0:Kind", "Surge")
            .With("Alerts:Rules:0:Subject", "*")
            .With("Alerts:Rules:0:RaiseAt", "120")
            .With("Alerts:Rules:0:ClearAt", "110")
            .With("Alerts:Rules:0:Severity", "critical");
        _client = _host.CreateHttpClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    private Task ClockAtAsync(double seconds) => FakeClock.StepToAsync(_time, Nine.AddSeconds(seconds));

    private async Task SubmitAsync(params AcdEvent[] events)
    {
        var result = await _host.Services.GetRequiredService<EventIngestion>().SubmitAsync("test", events, CancellationToken.None);
        Assert.Equal(events.Length, result.Appended);
    }

    private async Task<JsonElement> SalesAsync()
    {
        JsonElement snapshot = default;
        await Eventually.WaitUntilAsync(async () =>
        {
            var response = await _client.GetAsync(new Uri("/api/planner", UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }
            snapshot = await response.Content.ReadFromJsonAsync<JsonElement>();
            return true;
        }, () => "the planner to answer");
        return snapshot.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("queueId").GetString() == "sales");
    }

    [Fact]
    public async Task Arrivals_and_staffed_agents_are_counted_from_the_log_and_pushed_to_planners()
    {
        await ClockAtAsync(1);
        // a01 serves sales, a02 service only, a04 sales and service; a04 goes on a break (still staffed, not available).
        await SubmitAsync(
            new AgentStateChanged("s1", Nine.AddSeconds(1), "a01", AgentState.Available),
            new AgentStateChanged("s2", Nine.AddSeconds(1), "a02", AgentState.Available),
            new AgentStateChanged("s3", Nine.AddSeconds(1), "a04", AgentState.NotReady, "break"));
        await ClockAtAsync(10);
        await SubmitAsync(
            new ContactQueued("q1", Nine.AddSeconds(10), "c1", "sales"),
            new ContactQueued("q2", Nine.AddSeconds(10), "c2", "service"));
        await ClockAtAsync(20);
        await SubmitAsync(new ContactQueued("q3", Nine.AddSeconds(20), "c3", "sales"));
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(_host.Start(), PlannerHub.Path)).Build();
        var pushed = new List<PlannerSnapshot>();
        connection.On<PlannerSnapshot>(nameof(IPlannerClient.PlannerUpdated), s => { lock (pushed) { pushed.Add(s); } });
        await connection.StartAsync();
        await ClockAtAsync(30);

        var sales = await SalesAsync();
        var now = sales.GetProperty("now");
        Assert.Equal(2, now.GetProperty("arrivals").GetInt32());
        Assert.Equal(2, now.GetProperty("agentsStaffed").GetInt32());
        Assert.Equal(1, now.GetProperty("agentsAvailable").GetInt32());
        var current = sales.GetProperty("intervals").EnumerateArray().Single(i => i.GetProperty("phase").GetString() == IntervalPhases.Current);
        Assert.Equal(Nine, current.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(2, current.GetProperty("arrivals").GetInt32());

        var asked = await connection.InvokeAsync<PlannerSnapshot>(nameof(PlannerHub.Snapshot));
        Assert.Equal(2, asked.Queues.Single(q => q.QueueId == "sales").Now.Arrivals);
        Assert.Equal(1, asked.Queues.Single(q => q.QueueId == "service").Now.Arrivals);
        await Eventually.WaitUntilAsync(
            () => { lock (pushed) { return Task.FromResult(pushed.Any(s => s.Queues.Single(q => q.QueueId == "sales").Now.Arrivals == 2)); } },
            () => "a push with the two sales arrivals");
    }

    [Fact]
    public async Task A_queue_exports_its_intervals_as_csv_and_an_unknown_queue_is_named_in_a_404()
    {
        await ClockAtAsync(1);
        await SubmitAsync(new ContactQueued("q1", Nine.AddSeconds(1), "c1", "sales"));
        await ClockAtAsync(5);
        await SalesAsync();

        var csv = await _client.GetAsync(new Uri("/api/planner/sales/intervals.csv", UriKind.Relative));
        var unknown = await _client.GetAsync(new Uri("/api/planner/nope/intervals.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(PlannerCsv.Header, lines[0]);
        Assert.Equal(1 + 96, lines.Length);
        Assert.StartsWith("sales,2026-11-23T09:00:00+00:00,2026-11-23T09:15:00+00:00,current,1,", lines[1 + 36], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("queueId", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task PutForecastAsync(string csv)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/forecasts/2026-11-23", UriKind.Relative))
        {
            Content = new StringContent("queueId,intervalStart,offered,ahtSeconds\n" + csv, System.Text.Encoding.UTF8, "text/csv"),
        };
        put.Headers.Add("X-Api-Key", Key);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendAsync(put)).StatusCode);
    }

    [Fact]
    public async Task An_imported_forecast_replaces_the_days_plan_at_once()
    {
        await ClockAtAsync(1);
        var before = await SalesAsync();
        await PutForecastAsync("sales,2026-11-23T09:00:00+00:00,50,180\n");
        await ClockAtAsync(3);

        var after = await SalesAsync();
        Assert.Equal(JsonValueKind.Null, before.GetProperty("now").GetProperty("forecastOffered").ValueKind);
        Assert.Equal(50, after.GetProperty("now").GetProperty("forecastOffered").GetDouble());
        var nine = after.GetProperty("intervals").EnumerateArray().Single(i => i.GetProperty("start").GetDateTimeOffset() == Nine);
        // 50 calls in 15 minutes at 180 s = 10 Erlangs: 14 agents for 80 % in 20 s.
        Assert.Equal(14, nine.GetProperty("agentsRequiredForecast").GetInt32());
        var snapshot = await _client.GetFromJsonAsync<JsonElement>(new Uri("/api/planner", UriKind.Relative));
        Assert.Equal("imported", snapshot.GetProperty("forecastSource").GetString());
    }

    [Fact]
    public async Task Arrivals_far_above_forecast_show_as_a_surge_and_raise_the_surge_alert_once()
    {
        // 12 calls forecast for 09:00–09:15 and 09:15–09:30: 4 expected in 5 minutes. 20 arrive in 09:06–09:08.
        await PutForecastAsync("sales,2026-11-23T09:00:00+00:00,12,180\nsales,2026-11-23T09:15:00+00:00,12,180\n");
        for (var i = 0; i < 20; i++)
        {
            await ClockAtAsync(360 + (6 * i));
            await SubmitAsync(new ContactQueued($"q{i}", Nine.AddSeconds(360 + (6 * i)), $"c{i}", "sales"));
        }
        await ClockAtAsync(480);

        var surge = (await SalesAsync()).GetProperty("now").GetProperty("surge");
        Assert.True(surge.GetProperty("active").GetBoolean());
        Assert.Equal(20, surge.GetProperty("arrivals").GetInt32());
        Assert.Equal(4, surge.GetProperty("expectedArrivals").GetDouble(), 6);
        Assert.Equal(500, surge.GetProperty("ratioPercent").GetDouble(), 6);
        var alerts = await _client.GetFromJsonAsync<JsonElement>(new Uri("/api/alerts", UriKind.Relative));
        var alert = Assert.Single(alerts.GetProperty("active").EnumerateArray());
        Assert.Equal(("surge", "sales"), (alert.GetProperty("rule").GetString(), alert.GetProperty("subject").GetString()));
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CcWallboard.Core.Events;
using CcWallboard.Host.Ingestion;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CcWallboard.Browser.Tests;

/// <summary>
/// The planners' page /planner in real Chromium, against the real host on a fake clock. The centre (London, UTC in
/// November, 15-minute intervals) has an imported forecast of 10 sales and 10 service contacts per interval at 180 s
/// AHT from 08:00 to 18:00. From 09:00, 50 sales contacts arrive in ten minutes where the forecast expects under seven:
/// a surge.
/// </summary>
public sealed partial class PlannerPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IDisposable
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private const int RushArrivals = 50;

    private readonly string _forecastFolder = Directory.CreateTempSubdirectory("ccwallboard-planner-").FullName;

    public void Dispose() => Directory.Delete(_forecastFolder, recursive: true);

    /// <summary>Today's forecast as a WFM export: queueId,intervalStart,offered,ahtSeconds.</summary>
    private string WriteForecast()
    {
        var lines = new List<string> { "queueId,intervalStart,offered,ahtSeconds" };
        foreach (var queue in new[] { "sales", "service" })
        {
            for (var start = Nine.AddHours(-1); start < Nine.AddHours(9); start = start.AddMinutes(15))
            {
                lines.Add($"{queue},{start.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)},10,180");
            }
        }
        var path = Path.Combine(_forecastFolder, "2026-11-23.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private WallboardHostFactory NewHost(FakeTimeProvider time) =>
        new WallboardHostFactory(time)
            .With("Centre:AllowedLatenessSeconds", "0")
            .With("Planning:ForecastFiles:0", WriteForecast());

    /// <summary>Plays the rush (a sales contact every 12 s from 09:00), each when the clock reaches it, then sets the clock to 09:10.</summary>
    private static async Task<Uri> ArrangeRushAsync(WallboardHostFactory host, FakeTimeProvider time)
    {
        var address = host.Start();
        var ingestion = host.Services.GetRequiredService<EventIngestion>();
        for (var i = 0; i < RushArrivals; i++)
        {
            var at = Nine.AddSeconds(12 * i);
            await FakeClockDriver.StepToAsync(time, at);
            Assert.Equal(1, (await ingestion.SubmitAsync("test", [new ContactQueued($"q{i}", at, $"c{i}", "sales")], CancellationToken.None)).Appended);
        }
        await FakeClockDriver.StepToAsync(time, Nine.AddMinutes(10));
        return address;
    }

    private async Task<BoardPage> OpenPlannerAsync(Uri address)
    {
        var page = await chromium.NewPageAsync(1600, 1200);
        await page.OpenPathAsync(address, "/planner");
        return page;
    }

    private static async Task<JsonElement> PlannerApiAsync(WallboardHostFactory host)
    {
        using var client = host.CreateHttpClient();
        using var response = await client.GetAsync(new Uri("/api/planner", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static JsonElement QueueOf(JsonElement snapshot, string queueId) =>
        snapshot.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("queueId").GetString() == queueId);

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>A count as the page shows it (en-GB grouping), "—" without a value.</summary>
    private static string CountText(double? value) => value is { } v ? Math.Round(v).ToString("#,0", CultureInfo.GetCultureInfo("en-GB")) : "—";

    /// <summary>A service level as the page shows it: whole percent rounded down.</summary>
    private static string ServiceLevelText(double? value) => value is { } v ? $"{Math.Floor(v).ToString(CultureInfo.InvariantCulture)}%" : "—";

    private static string PercentText(double? value) => value is { } v ? $"{Math.Round(v, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)}%" : "—";

    [Fact]
    public async Task The_page_shows_every_queue_with_the_apis_figures_now_its_surges_and_todays_intervals_in_three_charts_updated_in_place()
    {
        var time = new FakeTimeProvider(Nine);
        await using var host = NewHost(time);
        var address = await ArrangeRushAsync(host, time);
        var api = await PlannerApiAsync(host);
        await using var page = await OpenPlannerAsync(address);

        // The clock stands still: the page shows the snapshot of the same instant as the API's.
        await Expect(page.ByTestId("as-of")).ToHaveTextAsync("09:10:00");
        var queues = api.GetProperty("queues").EnumerateArray().ToList();
        await Expect(page.ByTestId("queue-tab")).ToHaveCountAsync(queues.Count);
        Assert.Equal(queues.Select(q => q.GetProperty("name").GetString()),
            (await page.ByTestId("queue-tab").Locator(".queue-tab-name").AllTextContentsAsync()).AsEnumerable());
        await page.Page.Locator("[data-testid=queue-tab][data-queue-id=sales]").ClickAsync();
        await Expect(page.Page.Locator("[data-testid=queue-tab][data-queue-id=sales]")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.ByTestId("queue-name")).ToHaveTextAsync("Sales");
        Assert.Equal("imported", api.GetProperty("forecastSource").GetString());
        await Expect(page.ByTestId("forecast-source")).ToHaveTextAsync("Forecast: imported");

        var sales = QueueOf(api, "sales");
        var now = sales.GetProperty("now");
        Assert.Equal(RushArrivals, now.GetProperty("arrivals").GetInt32());
        await Expect(page.ByTestId("now-interval")).ToHaveTextAsync("09:00–09:15");
        await Expect(page.ByTestId("now-arrivals")).ToHaveTextAsync(CountText(RushArrivals));
        await Expect(page.ByTestId("now-arrivals-vs-forecast")).ToHaveTextAsync(PercentText(Number(now, "arrivalsVsForecastPercent")));
        await Expect(page.ByTestId("now-forecast-offered")).ToHaveTextAsync("10.0");
        await Expect(page.ByTestId("now-agents-required")).ToHaveTextAsync(CountText(Number(now, "agentsRequired")));
        await Expect(page.ByTestId("now-agents-available")).ToHaveTextAsync(CountText(Number(now, "agentsAvailable")));
        await Expect(page.ByTestId("now-agents-staffed")).ToHaveTextAsync(CountText(Number(now, "agentsStaffed")));
        await Expect(page.ByTestId("now-projected-sl")).ToHaveTextAsync(ServiceLevelText(Number(now, "projectedServiceLevelPercent")));
        await Expect(page.ByTestId("now-sl-target")).ToHaveTextAsync("80%");
        await Expect(page.ByTestId("now-forecast-aht")).ToHaveTextAsync("3:00");

        // The surge banner: a line (arrivals, window, ratio to forecast) for each queue the API judges in surge, a badge on its tab.
        var surging = queues.Where(q => q.GetProperty("now").GetProperty("surge").GetProperty("active").GetBoolean()).ToList();
        Assert.Equal(["sales"], surging.Select(q => q.GetProperty("queueId").GetString()));
        await Expect(page.ByTestId("surge")).ToHaveCountAsync(surging.Count);
        await Expect(page.Page.Locator("[data-testid=queue-tab-surge]:visible")).ToHaveCountAsync(surging.Count);
        foreach (var queue in surging)
        {
            var surgeNow = queue.GetProperty("now").GetProperty("surge");
            var line = page.Page.Locator($"[data-testid=surge][data-queue-id='{queue.GetProperty("queueId").GetString()}'] [data-testid=surge-detail]");
            await Expect(line).ToContainTextAsync(
                $"{queue.GetProperty("name").GetString()}: {surgeNow.GetProperty("arrivals").GetInt32()} arrivals in the last {surgeNow.GetProperty("windowMinutes").GetInt32()} min");
            await Expect(line).ToContainTextAsync($"{PercentText(Number(surgeNow, "ratioPercent"))} of forecast");
        }

        // Three charts over today's intervals, with the API's figures (null, a gap, where the API has none).
        var intervals = sales.GetProperty("intervals").EnumerateArray().ToList();
        Assert.NotEmpty(intervals);
        var offered = await ChartDataAsync(page, "chart-offered");
        Assert.Equal(intervals.Count, offered.Labels.Length);
        Assert.Equal("09:00", offered.Labels[intervals.FindIndex(i => i.GetProperty("phase").GetString() == "current")]);
        Assert.Equal(intervals.Select(i => Number(i, "arrivals")), offered.Datasets[0]);
        Assert.Equal(intervals.Select(i => Number(i, "forecastOffered")), offered.Datasets[1]);
        var agents = await ChartDataAsync(page, "chart-agents");
        Assert.Equal(intervals.Count, agents.Labels.Length);
        Assert.Equal(intervals.Select(i => Number(i, "agentsStaffed")), agents.Datasets[0]);
        Assert.Equal(intervals.Select(i => Number(i, "agentsRequiredForecast")), agents.Datasets[1]);
        Assert.Equal(intervals.Select(i => Number(i, "agentsRequiredActual")), agents.Datasets[2]);
        var serviceLevel = await ChartDataAsync(page, "chart-service-level");
        Assert.Equal(intervals.Select(i => Number(i, "serviceLevelPercent")), serviceLevel.Datasets[0]);
        Assert.All(serviceLevel.Datasets[1], target => Assert.Equal(80, target));

        // No push while the clock stands still: stale, then live again once it moves.
        await Expect(page.Page.Locator("body")).ToHaveAttributeAsync("data-state", "stale", new() { Timeout = 10_000 });
        await Expect(page.ByTestId("stale-detail")).ToHaveTextAsync("last update 09:10:00");
        await page.Page.EvaluateAsync("() => { window.offeredChart = Chart.getChart(document.querySelector('[data-testid=chart-offered]')); }");
        await using var clock = FakeClockDriver.Start(time);
        await Expect(page.Page.Locator("body")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.ByTestId("stale-banner")).ToBeHiddenAsync();

        // Three more arrivals: the figure and the current interval's bar follow the pushes, on the same chart.
        var ingestion = host.Services.GetRequiredService<EventIngestion>();
        for (var i = 0; i < 3; i++)
        {
            var at = time.GetUtcNow();
            await ingestion.SubmitAsync("test", [new ContactQueued($"more{i}", at, $"more{i}", "sales")], CancellationToken.None);
        }
        await Expect(page.ByTestId("now-arrivals")).ToHaveTextAsync(CountText(RushArrivals + 3));
        await Eventually.WaitUntilAsync(async () => (await ChartDataAsync(page, "chart-offered")).Datasets[0].Max() == RushArrivals + 3,
            () => "the current interval's bar to show the new arrivals", TimeSpan.FromSeconds(ChromiumFixture.WaitTimeoutMs / 1000));
        Assert.True(await page.Page.EvaluateAsync<bool>(
            "() => window.offeredChart === Chart.getChart(document.querySelector('[data-testid=chart-offered]'))"));
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_what_if_calculator_starts_from_the_forecast_answers_14_agents_for_100_calls_and_names_a_bad_parameter()
    {
        var time = new FakeTimeProvider(Nine);
        await using var host = NewHost(time);
        var address = await ArrangeRushAsync(host, time);
        await using var clock = FakeClockDriver.Start(time);
        await using var page = await OpenPlannerAsync(address);
        await Expect(page.Page.Locator("body")).ToHaveAttributeAsync("data-state", "live");
        await page.Page.Locator("[data-testid=queue-tab][data-queue-id=sales]").ClickAsync();

        // Filled from the sales interval's forecast and the queue's target.
        await Expect(page.ByTestId("what-if-calls")).ToHaveValueAsync("10");
        await Expect(page.ByTestId("what-if-intervalMinutes")).ToHaveValueAsync("15");
        await Expect(page.ByTestId("what-if-aht")).ToHaveValueAsync("180");
        await Expect(page.ByTestId("what-if-slSeconds")).ToHaveValueAsync("20");
        await Expect(page.ByTestId("what-if-slTarget")).ToHaveValueAsync("80");
        // From the observed rate: the rush's arrivals per hour over the interval.
        await page.ByTestId("what-if-from-observed").ClickAsync();
        await Expect(page.ByTestId("what-if-calls")).Not.ToHaveValueAsync("10");

        await page.ByTestId("what-if-calls").FillAsync("100");
        await page.ByTestId("what-if-intervalMinutes").FillAsync("30");
        await page.ByTestId("what-if-aht").FillAsync("180");
        await page.ByTestId("what-if-slSeconds").FillAsync("20");
        await page.ByTestId("what-if-slTarget").FillAsync("80");
        await page.ByTestId("what-if-submit").ClickAsync();

        await Expect(page.ByTestId("what-if-result")).ToBeVisibleAsync();
        await Expect(page.ByTestId("what-if-agentsRequired")).ToHaveTextAsync("14");
        await Expect(page.ByTestId("what-if-trafficErlangs")).ToHaveTextAsync("10.0");
        await Expect(page.ByTestId("what-if-meetsTarget")).ToHaveTextAsync("Yes");
        await Expect(page.ByTestId("what-if-error")).ToHaveTextAsync("");

        await page.ByTestId("what-if-calls").FillAsync("-5");
        await page.ByTestId("what-if-submit").ClickAsync();

        await Expect(page.ByTestId("what-if-error-calls")).ToHaveTextAsync("must be above 0, not -5");
        await Expect(page.ByTestId("what-if-calls")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.ByTestId("what-if-calls")).ToBeFocusedAsync();
        await Expect(page.ByTestId("what-if-error")).ToHaveTextAsync("calls: must be above 0, not -5");
        await Expect(page.ByTestId("what-if-result")).ToBeHiddenAsync();
        await Expect(page.ByTestId("what-if-aht")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Empty(page.UncaughtErrors); // the refused request is reported on the console, as browsers do
    }

    [Fact]
    public async Task Each_queues_csv_link_downloads_its_intervals_with_a_header_row()
    {
        var time = new FakeTimeProvider(Nine);
        await using var host = NewHost(time);
        var address = await ArrangeRushAsync(host, time);
        var api = await PlannerApiAsync(host);
        await using var clock = FakeClockDriver.Start(time);
        await using var page = await OpenPlannerAsync(address);

        var links = page.ByTestId("csv-link");
        await Expect(links).ToHaveCountAsync(api.GetProperty("queues").GetArrayLength());
        var salesLink = page.Page.Locator("[data-testid=csv-link][data-queue-id=sales]");
        await Expect(salesLink).ToHaveAttributeAsync("href", "/api/planner/sales/intervals.csv");

        var download = await page.Page.RunAndWaitForDownloadAsync(() => salesLink.ClickAsync());
        var lines = (await File.ReadAllLinesAsync(await download.PathAsync())).Where(l => l.Length > 0).ToList();

        Assert.Matches(HeaderRow(), lines[0]);
        Assert.Equal(QueueOf(api, "sales").GetProperty("intervals").GetArrayLength(), lines.Count - 1);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        page.AssertNoScriptErrors();
    }

    private sealed record ChartData(string[] Labels, double?[][] Datasets);

    /// <summary>What the Chart.js instance on a canvas holds: its labels and each dataset's values.</summary>
    private static async Task<ChartData> ChartDataAsync(BoardPage page, string testId)
    {
        var json = await page.Page.EvaluateAsync<string>(
            "id => { const d = Chart.getChart(document.querySelector(`[data-testid=${id}]`)).data; return JSON.stringify({ labels: d.labels, datasets: d.datasets.map(s => s.data) }); }",
            testId);
        return JsonSerializer.Deserialize<ChartData>(json, JsonSerializerOptions.Web)!;
    }

    /// <summary>A header row: names, no figures.</summary>
    [GeneratedRegex(@"^[A-Za-z""][A-Za-z"" _]*(,[A-Za-z""][A-Za-z"" _]*)+$")]
    private static partial Regex HeaderRow();
}

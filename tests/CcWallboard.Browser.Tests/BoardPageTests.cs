using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using CcWallboard.Host.Ingestion;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CcWallboard.Browser.Tests;

/// <summary>The TV page /board/{name} in real Chromium, against the real host on a loopback port and a fake clock.</summary>
public sealed partial class BoardPageTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    private const string Title = "Contact centre floor";

    [Fact]
    public async Task The_board_goes_live_and_shows_the_figures_of_events_ingested_while_it_is_open()
    {
        var time = new FakeTimeProvider(BoardEvents.At(60));
        await using var host = new WallboardHostFactory(time);
        var address = host.Start();
        await using var clock = FakeClockDriver.Start(time);
        await using var board = await chromium.NewPageAsync();

        await board.OpenAsync(address);
        await board.WaitForLiveAsync();
        await Expect(board.ByTestId("board-title")).ToHaveTextAsync(Title);
        Assert.Equal(Title, await board.Page.TitleAsync());
        Assert.Equal("0", await board.TextAsync("offered-today"));
        Assert.Equal("0", await board.TextAsync("answered-today"));
        Assert.Equal("0", await board.TextAsync("calls-waiting"));

        var result = await host.Services.GetRequiredService<EventIngestion>()
            .SubmitAsync("test", BoardEvents.SalesMorning("browser-live"), CancellationToken.None);
        Assert.Equal(8, result.Appended);

        await Expect(board.ByTestId("offered-today")).ToHaveTextAsync("3");
        await Expect(board.ByTestId("answered-today")).ToHaveTextAsync("2");
        await Expect(board.ByTestId("abandoned-today")).ToHaveTextAsync("1");
        await Expect(board.ByTestId("calls-waiting")).ToHaveTextAsync("1");
        await Expect(board.ByTestId("service-level-today")).ToHaveTextAsync("50%");
        await Expect(board.ByTestId("service-level-tile")).ToHaveAttributeAsync("data-status", "bad"); // below the 80 % target
        await Expect(board.ByTestId("asa-today")).ToHaveTextAsync("0:25");
        await Expect(board.ByTestId("longest-wait")).ToHaveTextAsync(MinutesSeconds());

        var sales = board.Page.Locator("[data-testid=queue-row][data-queue-id=sales]");
        await Expect(sales.GetByTestId("queue-name")).ToHaveTextAsync("Sales");
        await Expect(sales.GetByTestId("queue-sl-today")).ToHaveTextAsync("50%");
        await Expect(sales.GetByTestId("queue-calls-waiting")).ToHaveTextAsync("1");
        await Expect(board.Page.Locator("[data-testid=queue-row][data-queue-id=service]").GetByTestId("queue-calls-waiting"))
            .ToHaveTextAsync("0");

        Assert.Equal("live", await board.StateAsync());
        await Expect(board.ByTestId("stale-banner")).ToBeHiddenAsync();
        board.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_figure_without_a_value_shows_a_dash_not_0_or_100_percent()
    {
        var time = new FakeTimeProvider(BoardEvents.At(60));
        await using var host = new WallboardHostFactory(time);
        var address = host.Start();
        await using var clock = FakeClockDriver.Start(time);
        await using var board = await chromium.NewPageAsync();

        await board.OpenAsync(address);
        await board.WaitForLiveAsync();

        // A snapshot was rendered (the counts went from the page's placeholder to 0)...
        await Expect(board.ByTestId("offered-today")).ToHaveTextAsync("0");
        await Expect(board.ByTestId("answered-today")).ToHaveTextAsync("0");
        // ...and the figures with nothing to divide by have no value.
        Assert.Equal("—", await board.TextAsync("service-level-today"));
        Assert.Equal("none", await board.ByTestId("service-level-tile").GetAttributeAsync("data-status"));
        Assert.Equal("—", await board.TextAsync("abandonment-today"));
        Assert.Equal("—", await board.TextAsync("asa-today"));
        Assert.Equal("—", await board.TextAsync("longest-wait"));
        var rows = board.Page.GetByTestId("queue-row");
        await Expect(rows).ToHaveCountAsync(3);
        foreach (var row in await rows.AllAsync())
        {
            Assert.Equal("—", (await row.GetByTestId("queue-sl-today").TextContentAsync())?.Trim());
            Assert.Equal("—", (await row.GetByTestId("queue-sl-interval").TextContentAsync())?.Trim());
        }
        var windows = board.Page.GetByTestId("sliding-window");
        await Expect(windows).ToHaveCountAsync(3);
        foreach (var window in await windows.AllAsync())
        {
            Assert.Equal("—", (await window.GetByTestId("sliding-sl").TextContentAsync())?.Trim());
            Assert.Equal("0", (await window.GetByTestId("sliding-offered").TextContentAsync())?.Trim());
        }
        Assert.Equal("—", await board.TextAsync("occupancy"));
        Assert.Equal("—", await board.TextAsync("occupancy-today"));
        await Expect(board.ByTestId("projected-sl-tile")).ToBeHiddenAsync(); // not asked for by any queue
        board.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_last_minutes_service_level_and_occupancy_move_with_events_and_the_window_slides_on()
    {
        var time = new FakeTimeProvider(BoardEvents.Start);
        await using var host = new WallboardHostFactory(time).With("Queues:0:CountWaitingPastThreshold", "true");
        var address = host.Start();
        await using var clock = FakeClockDriver.Start(time);
        await using var board = await chromium.NewPageAsync();
        await board.OpenAsync(address);
        await board.WaitForLiveAsync();

        var windows = board.Page.GetByTestId("sliding-window");
        await Expect(windows).ToHaveCountAsync(3);
        Assert.Equal(["15m", "30m", "60m"], await windows.EvaluateAllAsync<string[]>("tiles => tiles.map(t => t.dataset.window)"));
        Assert.Equal(["15 min", "30 min", "60 min"], (await windows.GetByTestId("sliding-length").AllTextContentsAsync()).Select(t => t.Trim()));
        var last15 = SlidingWindow(board, "15m");
        var last30 = SlidingWindow(board, "30m");
        await Expect(last15.GetByTestId("sliding-sl")).ToHaveTextAsync("—");
        await Expect(board.ByTestId("occupancy")).ToHaveTextAsync("—");
        await Expect(board.ByTestId("occupancy-label")).ToHaveTextAsync("Occupancy last 15 min");
        await Expect(board.ByTestId("projected-sl-tile")).ToBeHiddenAsync();

        var result = await host.Services.GetRequiredService<EventIngestion>()
            .SubmitAsync("test", BoardEvents.AnsweredThenWaiting("browser-windows", time.GetUtcNow()), CancellationToken.None);
        Assert.Equal(5, result.Appended);

        await Expect(last15.GetByTestId("sliding-sl")).ToHaveTextAsync("100%");
        await Expect(last15.GetByTestId("sliding-offered")).ToHaveTextAsync("1");
        await Expect(last30.GetByTestId("sliding-sl")).ToHaveTextAsync("100%");
        await Expect(board.ByTestId("occupancy")).ToHaveTextAsync(Percent());
        await Expect(board.ByTestId("occupancy-today")).ToHaveTextAsync(Percent());
        await Expect(board.ByTestId("projected-sl-tile")).ToBeVisibleAsync();
        await Expect(board.ByTestId("projected-sl-today")).ToHaveTextAsync("50%"); // once the second contact waits past 20 s
        await Expect(board.ByTestId("waiting-past-threshold")).ToHaveTextAsync("1");

        await clock.FastForwardAsync(TimeSpan.FromMinutes(16));

        // The answer has left the last 15 minutes but not the last 30; a01 has been on the contact throughout.
        await Expect(last15.GetByTestId("sliding-sl")).ToHaveTextAsync("—");
        await Expect(last15.GetByTestId("sliding-offered")).ToHaveTextAsync("0");
        await Expect(last30.GetByTestId("sliding-sl")).ToHaveTextAsync("100%");
        await Expect(board.ByTestId("occupancy")).ToHaveTextAsync("100%");
        await Expect(board.ByTestId("service-level-today")).ToHaveTextAsync("100%");
        await Expect(board.ByTestId("projected-sl-today")).ToHaveTextAsync("50%");
        Assert.Equal("live", await board.StateAsync());
        board.AssertNoScriptErrors();
    }

    private static ILocator SlidingWindow(BoardPage board, string window) =>
        board.Page.Locator($"[data-testid=sliding-window][data-window='{window}']");

    [Fact]
    public async Task The_board_turns_stale_with_a_visible_banner_when_the_host_stops()
    {
        var time = new FakeTimeProvider(BoardEvents.At(60));
        await using var host = new WallboardHostFactory(time);
        var address = host.Start();
        await using var clock = FakeClockDriver.Start(time);
        await using var board = await chromium.NewPageAsync();
        await board.OpenAsync(address);
        await board.WaitForLiveAsync();
        await host.Services.GetRequiredService<EventIngestion>()
            .SubmitAsync("test", BoardEvents.SalesMorning("browser-stale"), CancellationToken.None);
        await Expect(board.ByTestId("offered-today")).ToHaveTextAsync("3");
        await Expect(board.ByTestId("stale-banner")).ToBeHiddenAsync();

        var stopping = Stopwatch.StartNew();
        var stopped = host.DisposeAsync().AsTask(); // disposing again at the end is a no-op
        var within = new LocatorAssertionsToHaveAttributeOptions { Timeout = 10_000 };
        await Expect(board.Page.Locator("body")).ToHaveAttributeAsync("data-state", "stale", within);
        var staleAfter = stopping.Elapsed;
        await Expect(board.ByTestId("stale-banner")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await stopped;
        output.WriteLine($"stale {staleAfter.TotalSeconds:0.00} s after the host began stopping; the host took {stopping.Elapsed.TotalSeconds:0.00} s to stop");

        await Expect(board.ByTestId("stale-banner")).ToContainTextAsync("STALE");
        await Expect(board.ByTestId("stale-detail")).ToContainTextAsync(LastUpdate());
        await Expect(board.ByTestId("connection-status")).Not.ToHaveAttributeAsync("data-status", "live");
        // The last figures stay on the board (greyed), dated by the banner.
        Assert.Equal("3", await board.TextAsync("offered-today"));
    }

    [Fact]
    public async Task The_board_loads_everything_from_its_own_host_and_nothing_from_a_CDN()
    {
        var time = new FakeTimeProvider(BoardEvents.At(60));
        await using var host = new WallboardHostFactory(time);
        var address = host.Start();
        await using var clock = FakeClockDriver.Start(time);
        await using var board = await chromium.NewPageAsync();
        var requests = new ConcurrentQueue<string>();
        var responses = new ConcurrentDictionary<string, int>();
        var sockets = new ConcurrentQueue<string>();
        var failures = new ConcurrentQueue<string>();
        board.Page.Request += (_, request) => requests.Enqueue(request.Url);
        board.Page.Response += (_, response) => responses[response.Url] = response.Status;
        board.Page.RequestFailed += (_, request) => failures.Enqueue($"{request.Url}: {request.Failure}");
        board.Page.WebSocket += (_, socket) => sockets.Enqueue(socket.Url);

        await board.OpenAsync(address);
        await board.WaitForLiveAsync();
        await Expect(board.ByTestId("board-title")).ToHaveTextAsync(Title);

        var origin = address.GetLeftPart(UriPartial.Authority);
        output.WriteLine(string.Join(Environment.NewLine, requests.Concat(sockets)));
        Assert.NotEmpty(requests);
        Assert.All(requests.Concat(sockets), url =>
        {
            var uri = new Uri(url);
            if (uri.Scheme == "data")
            {
                return; // inline, e.g. the empty favicon
            }
            Assert.True(uri.Scheme is "http" or "ws" && uri.Host == address.Host && uri.Port == address.Port,
                $"{url} is not on the host's origin {origin}");
        });
        Assert.Empty(failures);
        foreach (var library in new[] { "/lib/microsoft-signalr/dist/browser/signalr.min.js", "/lib/chart.js/dist/chart.umd.min.js" })
        {
            var url = origin + library;
            Assert.True(responses.TryGetValue(url, out var status), $"{url} was not loaded");
            Assert.Equal(200, status);
        }
        Assert.All(responses, response => Assert.True(response.Value < 400, $"{response.Key} answered {response.Value}"));
        board.AssertNoScriptErrors();
    }

    [Theory]
    [InlineData(3840, 2160)]
    [InlineData(1920, 1080)]
    public async Task The_board_fills_a_TV_screen_without_scrollbars_or_clipped_figures(int width, int height)
    {
        var time = new FakeTimeProvider(BoardEvents.At(60));
        // With the projected service level on, the row of the last minutes holds every tile it can.
        await using var host = new WallboardHostFactory(time).With("Queues:0:CountWaitingPastThreshold", "true");
        var address = host.Start();
        await using var clock = FakeClockDriver.Start(time);
        await host.Services.GetRequiredService<EventIngestion>()
            .SubmitAsync("test", BoardEvents.SalesMorning($"browser-fit-{width}"), CancellationToken.None);
        await using var board = await chromium.NewPageAsync(width, height);

        await board.OpenAsync(address);
        await board.WaitForLiveAsync();
        await Expect(board.ByTestId("offered-today")).ToHaveTextAsync("3");
        await Expect(board.ByTestId("projected-sl-tile")).ToBeVisibleAsync();
        await Expect(board.Page.GetByTestId("sliding-window")).ToHaveCountAsync(3);

        var layout = await board.Page.EvaluateAsync<JsonElement>("""
            () => {
              const root = document.documentElement;
              const footer = document.querySelector('.footer').getBoundingClientRect();
              return {
                innerWidth, innerHeight,
                rootScrollWidth: root.scrollWidth, rootScrollHeight: root.scrollHeight,
                bodyScrollWidth: document.body.scrollWidth, bodyScrollHeight: document.body.scrollHeight,
                bodyClientWidth: document.body.clientWidth, bodyClientHeight: document.body.clientHeight,
                footerBottom: footer.bottom,
                clipped: [...document.querySelectorAll('.tile-value, .queue-table td, .queue-table th')]
                  .filter((e) => e.scrollWidth > e.clientWidth)
                  .map((e) => `${e.dataset.testid ?? e.className}: "${e.textContent}" ${e.scrollWidth} > ${e.clientWidth}`),
              };
            }
            """);
        output.WriteLine(layout.ToString());
        int Px(string name) => (int)Math.Ceiling(layout.GetProperty(name).GetDouble());

        Assert.Equal(width, Px("innerWidth"));
        Assert.Equal(height, Px("innerHeight"));
        Assert.True(Px("rootScrollWidth") <= Px("innerWidth"), $"The page is wider than the screen: {layout}");
        Assert.True(Px("rootScrollHeight") <= Px("innerHeight"), $"The page is taller than the screen: {layout}");
        // html and body hide overflow, so content that does not fit shows only in the body's own scroll size.
        Assert.True(Px("bodyScrollWidth") <= Px("bodyClientWidth"), $"The board overflows the body sideways: {layout}");
        Assert.True(Px("bodyScrollHeight") <= Px("bodyClientHeight"), $"The board overflows the body downwards: {layout}");
        Assert.True(Px("footerBottom") <= Px("innerHeight"), $"The footer is below the screen: {layout}");
        Assert.Empty(layout.GetProperty("clipped").EnumerateArray().Select(e => e.GetString()));
        board.AssertNoScriptErrors();
    }

    [GeneratedRegex(@"^\d+:\d{2}$")]
    private static partial Regex MinutesSeconds();

    [GeneratedRegex(@"^\d+%$")]
    private static partial Regex Percent();

    [GeneratedRegex(@"last update \d{2}:\d{2}:\d{2}")]
    private static partial Regex LastUpdate();
}

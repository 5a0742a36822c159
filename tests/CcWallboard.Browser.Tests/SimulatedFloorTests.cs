using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CcWallboard.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CcWallboard.Browser.Tests;

/// <summary>
/// The product's "numbers move" check: the built-in simulator feeding the real host, the TV page watching it while
/// the fake clock runs through a simulated half hour of a weekday morning.
/// </summary>
public sealed partial class SimulatedFloorTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    /// <summary>Set to 1 to write the screenshot over the README's docs/screenshot.png.</summary>
    public const string WriteScreenshotVariable = "CCWALLBOARD_WRITE_SCREENSHOT";

    /// <summary>Monday 23 November 2026, 10:00 in London (UTC in winter): the early and day shifts are in.</summary>
    private static readonly DateTimeOffset WeekdayMorning = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task With_the_simulator_on_the_board_shows_a_staffed_floor_and_its_numbers_move()
    {
        var time = new FakeTimeProvider(WeekdayMorning);
        await using var host = new WallboardHostFactory(time).With("Simulator:Enabled", "true");
        var address = host.Start();
        await using var clock = FakeClockDriver.Start(time);
        await using var board = await chromium.NewPageAsync(1920, 1080);

        await board.OpenAsync(address);
        await board.WaitForLiveAsync();
        await Expect(board.ByTestId("agents-logged-in")).ToHaveTextAsync(PositiveCount());

        await clock.FastForwardAsync(TimeSpan.FromMinutes(10));
        await Expect(board.ByTestId("as-of")).ToHaveTextAsync(AsOfFrom1010());
        await Expect(board.ByTestId("offered-today")).ToHaveTextAsync(PositiveCount());
        var first = await board.CountAsync("offered-today");

        await clock.FastForwardAsync(TimeSpan.FromMinutes(15));
        await Expect(board.ByTestId("as-of")).ToHaveTextAsync(AsOfFrom1025());
        await Expect(board.Page.Locator("body")).ToHaveAttributeAsync("data-state", "live");
        var second = await board.CountAsync("offered-today");
        output.WriteLine($"offered today: {first} at 10:1x, {second} at 10:2x");

        Assert.True(second > first, $"Offered today did not move: {first} at 10:1x, then {second} at 10:2x.");
        Assert.True(await board.CountAsync("agents-logged-in") > 0);
        Assert.True(await board.CountAsync("answered-today") > 0);
        Assert.NotEqual("—", await board.TextAsync("service-level-today"));
        await Expect(board.ByTestId("clock-day")).ToHaveTextAsync("Mon 23 Nov");
        await Expect(board.Page.GetByTestId("queue-row")).ToHaveCountAsync(3);

        var path = ScreenshotPath("floor-1920x1080.png", "screenshot.png");
        await board.Page.ScreenshotAsync(new() { Path = path });
        output.WriteLine($"screenshot: {path}");
        Assert.Equal("live", await board.StateAsync());
        board.AssertNoScriptErrors();
    }

    /// <summary>
    /// The example centre's simulator triples <c>service</c> from 17:00 for 20 minutes (a surge its own forecast does not
    /// know). Through the whole host — simulator, log, planner, hub — and the page: no surge shows before it, and the
    /// planner page shows it within 5 minutes of its start.
    /// </summary>
    [Fact]
    public async Task The_simulated_surge_shows_on_the_planner_page_within_five_minutes_and_nothing_before_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 16, 50, 0, TimeSpan.Zero));
        await using var host = new WallboardHostFactory(time).With("Simulator:Enabled", "true");
        var address = host.Start();
        await using var clock = FakeClockDriver.Start(time);
        await using var planner = await chromium.NewPageAsync(1920, 1080);

        await planner.OpenPathAsync(address, "/planner?queue=service");
        await Expect(planner.Page.Locator("body")).ToHaveAttributeAsync("data-state", "live");
        await clock.FastForwardAsync(TimeSpan.FromMinutes(9));
        await Expect(planner.ByTestId("clock")).ToHaveTextAsync(new Regex("^16:59:"));
        await Expect(planner.ByTestId("surges").Locator("li")).ToHaveCountAsync(0);

        await clock.FastForwardAsync(TimeSpan.FromMinutes(6));
        await Expect(planner.ByTestId("clock")).ToHaveTextAsync(new Regex("^17:05:"));
        await Expect(planner.ByTestId("surges")).ToContainTextAsync("Service");
        await Expect(planner.ByTestId("surges").Locator("li")).ToHaveCountAsync(1);
        // The example centre's "surge" rule turns it into a supervisors' alert on the queue.
        using var client = host.CreateHttpClient();
        var alerts = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/alerts", UriKind.Relative));
        Assert.Contains(alerts.GetProperty("active").EnumerateArray(),
            a => a.GetProperty("rule").GetString() == "surge" && a.GetProperty("subject").GetString() == "service");

        var path = ScreenshotPath("planner-1920x1080.png", "planner.png");
        await planner.Page.ScreenshotAsync(new() { Path = path });
        output.WriteLine($"screenshot: {path}");
        planner.AssertNoScriptErrors();

        // The supervisors see the same surge in their alert panel.
        await using var supervisor = await chromium.NewPageAsync(1920, 1080);
        await supervisor.OpenPathAsync(address, "/supervisor");
        await Expect(supervisor.Page.Locator("body")).ToHaveAttributeAsync("data-state", "live");
        await Expect(supervisor.ByTestId("alert-list")).ToContainTextAsync("surge");
        path = ScreenshotPath("supervisor-1920x1080.png", "supervisor.png");
        await supervisor.Page.ScreenshotAsync(new() { Path = path });
        output.WriteLine($"screenshot: {path}");
        supervisor.AssertNoScriptErrors();
    }

    /// <summary>docs/screenshot.png of the repository when <see cref="WriteScreenshotVariable"/> is 1, else beside the test binaries.</summary>
    private static string ScreenshotPath(string testFile, string docsFile)
    {
        if (Environment.GetEnvironmentVariable(WriteScreenshotVariable) != "1")
        {
            var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(directory);
            return Path.Combine(directory, testFile);
        }
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CcWallboard.sln")))
            {
                return Path.Combine(directory.FullName, "docs", docsFile);
            }
        }
        throw new InvalidOperationException($"{WriteScreenshotVariable}=1 but no CcWallboard.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^[1-9][\d,]*$")]
    private static partial Regex PositiveCount();

    [GeneratedRegex(@"^10:(1\d|2\d|3\d):\d{2}$")]
    private static partial Regex AsOfFrom1010();

    [GeneratedRegex(@"^10:(2[5-9]|3\d):\d{2}$")]
    private static partial Regex AsOfFrom1025();
}

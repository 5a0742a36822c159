using CcWallboard.Core.Events;
using CcWallboard.Core.Planning;
using CcWallboard.Host.Ingestion;
using CcWallboard.Host.Planning;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Microsoft.Playwright.Assertions;

namespace CcWallboard.Browser.Tests;

/// <summary>The floor board's surge tile (the board is configured with <c>SurgeTile</c>) in real Chromium.</summary>
public sealed class BoardSurgeTileTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_surge_tile_is_quiet_on_forecast_and_turns_red_naming_the_queue_when_arrivals_surge()
    {
        var time = new FakeTimeProvider(BoardEvents.At(60));
        await using var host = new WallboardHostFactory(time);
        var address = host.Start();
        var errors = await host.Services.GetRequiredService<Forecasts>().PutAsync(new DateOnly(2026, 11, 23),
            "queueId,intervalStart,offered,ahtSeconds\nsales,2026-11-23T09:00:00+00:00,6,180\nservice,2026-11-23T09:00:00+00:00,6,180\n" +
            "billing,2026-11-23T09:00:00+00:00,6,180\n",
            ForecastFormat.Csv, CancellationToken.None);
        Assert.Empty(errors);
        await using var clock = FakeClockDriver.Start(time);
        await using var board = await chromium.NewPageAsync();

        await board.OpenAsync(address);
        await board.WaitForLiveAsync();
        await Expect(board.ByTestId("surge-tile")).ToBeVisibleAsync();
        await Expect(board.ByTestId("surge-detail")).ToHaveTextAsync("No surge · last 5 min");
        await Expect(board.ByTestId("surge-tile")).ToHaveAttributeAsync("data-status", "good");

        // 2 sales calls expected in 5 minutes; 15 arrive now.
        var now = time.GetUtcNow();
        var burst = Enumerable.Range(0, 15).Select(i => (AcdEvent)new ContactQueued($"burst-{i}", now, $"burst-c{i}", "sales")).ToList();
        var result = await host.Services.GetRequiredService<EventIngestion>().SubmitAsync("test", burst, CancellationToken.None);
        Assert.Equal(15, result.Appended);

        await Expect(board.ByTestId("surge-value")).ToHaveTextAsync("SURGE");
        await Expect(board.ByTestId("surge-tile")).ToHaveAttributeAsync("data-status", "bad");
        await Expect(board.ByTestId("surge-detail")).ToContainTextAsync("Sales");
        board.AssertNoScriptErrors();
    }
}

using CcWallboard.Core.Events;
using CcWallboard.Host.Ingestion;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Microsoft.Playwright.Assertions;

namespace CcWallboard.Browser.Tests;

/// <summary>
/// The alert panel and queue tiles of /supervisor in real Chromium, against the real host on a fake clock: a rule
/// raises a critical alert when a sales contact waits beyond 30 s; a supervisor acknowledges it from the panel.
/// </summary>
public sealed class SupervisorAlertPanelTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Key = "supervisor-key-0123456789";
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_critical_alert_appears_in_the_panel_and_is_acknowledged_from_it()
    {
        var time = new FakeTimeProvider(Nine);
        await using var host = new WallboardHostFactory(time)
            .With("Ingestion:ApiKeys:supervisors", Key)
            .With("Centre:AllowedLatenessSeconds", "0")
            .With("Alerts:Rules:0:Name", "sales-wait")
            .With("Alerts:Rules:0:Kind", "LongestWaitAbove")
            .With("Alerts:Rules:0:Subject", "sales")
            .With("Alerts:Rules:0:RaiseAt", "30")
            .With("Alerts:Rules:0:ClearAt", "10")
            .With("Alerts:Rules:0:Severity", "critical");
        var address = host.Start();
        await using var clock = FakeClockDriver.Start(time);
        await using var page = await chromium.NewPageAsync(1600, 1000);
        await page.OpenPathAsync(address, "/supervisor");
        await Expect(page.Page.Locator("body")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.ByTestId("alert-count")).ToHaveTextAsync("0");
        await Expect(page.ByTestId("alert-empty")).ToBeVisibleAsync();
        await Expect(page.ByTestId("alert-sound")).Not.ToBeCheckedAsync();

        await host.Services.GetRequiredService<EventIngestion>().SubmitAsync("test",
            [new ContactQueued("q1", time.GetUtcNow(), "c1", "sales")], CancellationToken.None);
        await clock.FastForwardAsync(TimeSpan.FromSeconds(40));

        var alert = page.ByTestId("alert-item");
        await Expect(alert).ToHaveCountAsync(1);
        await Expect(alert).ToHaveAttributeAsync("data-rule", "sales-wait");
        await Expect(alert).ToHaveAttributeAsync("data-status", "raised");
        await Expect(alert.GetByTestId("alert-severity")).ToHaveTextAsync("Critical");
        await Expect(alert.GetByTestId("alert-severity")).ToHaveAttributeAsync("data-severity", "critical");
        await Expect(alert.GetByTestId("alert-rule")).ToHaveTextAsync("sales-wait");
        await Expect(alert.GetByTestId("alert-value")).ToContainTextAsync("vs 0:30");
        await Expect(alert.GetByTestId("alert-raised")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^raised 09:00:\d{2}$"));
        await Expect(page.ByTestId("alert-count")).ToHaveTextAsync("1");
        // The queue tile shows the waiting contact.
        var sales = page.Page.Locator("[data-testid=queue-tile][data-queue-id=sales]");
        await Expect(sales.GetByTestId("queue-tile-waiting")).ToHaveTextAsync("1");
        await Expect(sales.GetByTestId("queue-tile-longest")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^0:[3-9]\d$|^\d+:\d{2}$"));

        // Without a name: the server's field error, nothing acknowledged.
        await alert.GetByTestId("alert-ack-open").ClickAsync();
        await alert.GetByTestId("alert-ack-key").FillAsync(Key);
        await alert.GetByTestId("alert-ack-submit").ClickAsync();
        await Expect(alert.GetByTestId("alert-ack-error")).ToHaveTextAsync("by is required: who acknowledges the alert");
        await Expect(alert).ToHaveAttributeAsync("data-status", "raised");

        await alert.GetByTestId("alert-ack-by").FillAsync("Sam");
        await alert.GetByTestId("alert-ack-note").FillAsync("calling in help");
        await alert.GetByTestId("alert-ack-submit").ClickAsync();

        await Expect(alert).ToHaveAttributeAsync("data-status", "acknowledged");
        await Expect(alert.GetByTestId("alert-ack")).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex(@"^Acknowledged by Sam \(via supervisors\) at 09:0\d:\d{2} · calling in help$"));
        await Expect(alert.GetByTestId("alert-ack-open")).ToBeHiddenAsync();
        await Expect(alert.GetByTestId("alert-ack-form")).ToBeHiddenAsync();
        // Still acknowledged after the pushes and the safety-net reload that follow.
        await clock.FastForwardAsync(TimeSpan.FromSeconds(12));
        await page.Page.WaitForTimeoutAsync(11_000);
        await Expect(alert).ToHaveAttributeAsync("data-status", "acknowledged");
        Assert.Equal(Key, await page.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('ccwallboard.supervisor.apiKey')"));
        Assert.Empty(page.UncaughtErrors);
    }
}

using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CcWallboard.Core.Events;
using CcWallboard.Host.Adherence;
using CcWallboard.Host.Ingestion;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CcWallboard.Browser.Tests;

/// <summary>
/// The supervisors' page /supervisor in real Chromium, against the real host on a fake clock. The floor: Aisha (a01)
/// and Dev (a04) of team North are scheduled open from 09:00 and available from 09:00; Aisha goes into a meeting at
/// 09:21, out of adherence (the alert threshold is 180 s). The browser is in New York; the centre is in London (UTC in
/// November), whose hours the page shows.
/// </summary>
public sealed partial class SupervisorPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Key = "supervisor-key-0123456789";
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private const string Schedule = """
        agentId,activity,start,end
        a01,open,2026-11-23T09:00:00Z,2026-11-23T10:00:00Z
        a01,break,2026-11-23T10:00:00Z,2026-11-23T10:15:00Z
        a04,open,2026-11-23T09:00:00Z,2026-11-23T10:00:00Z
        """;

    private static WallboardHostFactory NewHost(FakeTimeProvider time) =>
        new WallboardHostFactory(time).With("Ingestion:ApiKeys:supervisors", Key).With("Centre:AllowedLatenessSeconds", "0");

    /// <summary>Imports the schedule and plays the floor's states, each when the clock reaches it, then sets the clock to <paramref name="minutes"/> past nine.</summary>
    private static async Task<Uri> ArrangeFloorAsync(WallboardHostFactory host, FakeTimeProvider time, double minutes)
    {
        var address = host.Start();
        using (var client = host.CreateHttpClient())
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", Key);
            using var csv = new StringContent(Schedule, Encoding.UTF8, "text/csv");
            var put = await client.PutAsync(new Uri("/api/schedules/2026-11-23", UriKind.Relative), csv);
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }
        AcdEvent[] floor =
        [
            new AgentStateChanged("sup-1", Nine, "a01", AgentState.Available),
            new AgentStateChanged("sup-2", Nine, "a04", AgentState.Available),
            new AgentStateChanged("sup-3", Nine.AddMinutes(21), "a01", AgentState.NotReady, "meeting"),
        ];
        var ingestion = host.Services.GetRequiredService<EventIngestion>();
        foreach (var e in floor)
        {
            await FakeClockDriver.StepToAsync(time, e.At);
            Assert.Equal(1, (await ingestion.SubmitAsync("test", [e], CancellationToken.None)).Appended);
        }
        await FakeClockDriver.StepToAsync(time, Nine.AddMinutes(minutes));
        return address;
    }

    private static async Task<BoardPage> OpenSupervisorAsync(ChromiumFixture chromium, Uri address, string query = "")
    {
        var page = await chromium.NewPageAsync(1600, 1000);
        await page.OpenPathAsync(address, "/supervisor" + query);
        return page;
    }

    private static ILocator Rows(BoardPage page, string team) =>
        page.Page.Locator($"[data-testid=team-section][data-team-id='{team}'] [data-testid=agent-row]");

    private static ILocator Row(BoardPage page, string agentId) => page.Page.Locator($"[data-testid=agent-row][data-agent-id='{agentId}']");

    [Fact]
    public async Task The_agent_out_of_adherence_comes_first_with_its_time_out_and_a_warning_badge_once_past_the_threshold()
    {
        var time = new FakeTimeProvider(Nine);
        await using var host = NewHost(time);
        var address = await ArrangeFloorAsync(host, time, 23);
        await using var page = await OpenSupervisorAsync(chromium, address);

        // 09:23: out of adherence for 2 minutes, not yet past the 180 s threshold (the clock stands still here).
        var north = Rows(page, "team-north");
        await Expect(north.First).ToHaveAttributeAsync("data-agent-id", "a01");
        var aisha = Row(page, "a01");
        await Expect(aisha.GetByTestId("agent-name")).ToHaveTextAsync("Aisha");
        await Expect(aisha.GetByTestId("agent-status")).ToHaveTextAsync("Out");
        await Expect(aisha.GetByTestId("agent-status")).ToHaveAttributeAsync("data-status", "out");
        await Expect(aisha.GetByTestId("agent-activity")).ToHaveTextAsync("Open");
        await Expect(aisha.GetByTestId("agent-activity-until")).ToHaveTextAsync("until 10:00"); // London's hours, not New York's
        await Expect(aisha.GetByTestId("agent-state")).ToHaveTextAsync("Not ready · meeting");
        await Expect(aisha.GetByTestId("agent-out-for")).ToHaveTextAsync(TwoMinutesAndSome());
        await Expect(aisha.GetByTestId("agent-alert")).ToHaveTextAsync("—");
        await Expect(aisha.GetByTestId("agent-adherence")).ToHaveTextAsync("91.3%"); // in 21 of 23 minutes
        await Expect(page.Page.Locator("[data-testid=team-section][data-team-id=team-north] [data-testid=team-out-now]")).ToHaveTextAsync("1");

        var dev = Row(page, "a04");
        await Expect(dev.GetByTestId("agent-status")).ToHaveTextAsync("In");
        await Expect(dev.GetByTestId("agent-out-for")).ToHaveTextAsync("—");
        await Expect(dev.GetByTestId("agent-adherence")).ToHaveTextAsync("100.0%");
        // Grace (a07) has nothing scheduled and was never seen: off, and no figure has a value.
        var grace = Row(page, "a07");
        await Expect(grace.GetByTestId("agent-status")).ToHaveTextAsync("Off");
        foreach (var figure in new[] { "agent-out-for", "agent-adherence", "agent-conformance", "agent-alert" })
        {
            await Expect(grace.GetByTestId(figure)).ToHaveTextAsync("—");
        }

        await using var clock = FakeClockDriver.Start(time);
        await clock.FastForwardAsync(TimeSpan.FromMinutes(2));

        await Expect(page.Page.Locator("body")).ToHaveAttributeAsync("data-state", "live");
        await Expect(aisha.GetByTestId("agent-alert")).ToHaveTextAsync("Warning");
        await Expect(aisha.GetByTestId("agent-alert")).ToHaveAttributeAsync("data-severity", "warning");
        await Expect(aisha.GetByTestId("agent-out-for")).ToHaveTextAsync(FourToNineMinutes());
        await Expect(north.First).ToHaveAttributeAsync("data-agent-id", "a01");
        await Expect(page.Page.Locator("[data-testid=team-section][data-team-id=team-north] [data-testid=team-alerts]")).ToHaveTextAsync("1");
        await Expect(page.ByTestId("stale-banner")).ToBeHiddenAsync();
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_filters_show_only_agents_out_of_adherence_only_the_chosen_team_and_only_names_that_match()
    {
        var time = new FakeTimeProvider(Nine);
        await using var host = NewHost(time);
        var address = await ArrangeFloorAsync(host, time, 23);
        await using var clock = FakeClockDriver.Start(time);
        await using var page = await OpenSupervisorAsync(chromium, address);
        await Expect(Row(page, "a04")).ToBeVisibleAsync();
        var north = page.Page.Locator("[data-testid=team-section][data-team-id=team-north]");
        var south = page.Page.Locator("[data-testid=team-section][data-team-id=team-south]");

        await page.ByTestId("filter-status").SelectOptionAsync("out");

        await Expect(Rows(page, "team-north")).ToHaveCountAsync(1);
        await Expect(Row(page, "a01")).ToBeVisibleAsync();
        await Expect(Row(page, "a04")).ToHaveCountAsync(0);
        await Expect(south.GetByTestId("team-empty")).ToBeVisibleAsync();
        await Expect(page.ByTestId("shown-count")).ToHaveTextAsync(new Regex(@"^1 of \d+ agents$"));

        await page.ByTestId("filter-status").SelectOptionAsync("all");
        await page.ByTestId("filter-search").FillAsync("dev");

        await Expect(page.Page.Locator("[data-testid=agent-row]")).ToHaveCountAsync(1);
        await Expect(Row(page, "a04")).ToBeVisibleAsync();

        await page.ByTestId("filter-search").FillAsync("");
        await page.ByTestId("filter-team").SelectOptionAsync("team-south");

        await Expect(north).ToBeHiddenAsync();
        await Expect(south).ToBeVisibleAsync();
        await Expect(Row(page, "a02")).ToBeVisibleAsync();
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_agents_timeline_pictures_the_scheduled_actual_and_adherence_stretches_on_the_centres_hours()
    {
        var time = new FakeTimeProvider(Nine);
        await using var host = NewHost(time);
        var address = await ArrangeFloorAsync(host, time, 23);
        await using var clock = FakeClockDriver.Start(time);
        await using var page = await OpenSupervisorAsync(chromium, address);

        await Row(page, "a01").GetByTestId("agent-name").ClickAsync();

        var detail = page.ByTestId("agent-detail");
        await Expect(detail).ToBeVisibleAsync();
        await Expect(page.ByTestId("detail-name")).ToHaveTextAsync("Aisha");
        var svg = page.ByTestId("timeline");
        var scheduled = svg.Locator("[data-testid=timeline-scheduled]");
        await Expect(scheduled).ToHaveCountAsync(2);
        Assert.Equal(["open", "break"], await scheduled.EvaluateAllAsync<string[]>("s => s.map(e => e.dataset.activity)"));
        await Expect(scheduled.First.Locator("title")).ToHaveTextAsync("Scheduled: Open 09:00–10:00");
        await Expect(svg.Locator("[data-testid=timeline-actual][data-state=available]")).ToHaveCountAsync(1);
        await Expect(svg.Locator("[data-testid=timeline-actual][data-state=not_ready][data-reason=meeting]")).ToHaveCountAsync(1);
        await Expect(svg.Locator("[data-testid=timeline-actual][data-state=available] title")).ToHaveTextAsync("Actual: Available 09:00–09:21");
        await Expect(svg.Locator("[data-testid=timeline-adherence][data-status=in]")).Not.ToHaveCountAsync(0);
        await Expect(svg.Locator("[data-testid=timeline-adherence][data-status=out]")).Not.ToHaveCountAsync(0);
        await Expect(svg.Locator("[data-testid=timeline-approval]")).ToHaveCountAsync(0);
        await Expect(svg.Locator("[data-testid=timeline-now]")).ToHaveCountAsync(1);
        var hours = await svg.Locator("[data-testid=timeline-hour]").AllTextContentsAsync();
        Assert.Contains("09:00", hours);
        Assert.Contains("10:00", hours);
        await Expect(page.ByTestId("timeline-legend")).ToContainTextAsync("Scheduled: Open");
        await Expect(page.ByTestId("approval-list")).ToHaveTextAsync("None");

        await page.ByTestId("detail-close").ClickAsync();
        await Expect(detail).ToBeHiddenAsync();
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Approving_an_exception_from_the_panel_clears_the_alert_and_the_agent_shows_in()
    {
        var time = new FakeTimeProvider(Nine);
        await using var host = NewHost(time);
        var address = await ArrangeFloorAsync(host, time, 25);
        await using var clock = FakeClockDriver.Start(time);
        await using var page = await OpenSupervisorAsync(chromium, address);
        var aisha = Row(page, "a01");
        await Expect(aisha.GetByTestId("agent-alert")).ToHaveTextAsync("Warning");

        await aisha.GetByTestId("agent-name").ClickAsync();

        // The period defaults to the stretch out of adherence: from 09:21 to now (centre time).
        await Expect(page.ByTestId("approval-start")).ToHaveValueAsync(new Regex(@"^2026-11-23T09:21(:00)?$"));
        await Expect(page.ByTestId("approval-end")).ToHaveValueAsync(new Regex(@"^2026-11-23T09:2\d(:\d{2})?$"));
        await page.ByTestId("approval-end").FillAsync("2026-11-23T09:40");
        await page.ByTestId("approval-reason").FillAsync("Coaching overran");
        await page.ByTestId("approval-by").FillAsync("Sam (team lead)");
        await page.ByTestId("approval-key").FillAsync(Key);
        await page.ByTestId("approval-submit").ClickAsync();

        await Expect(page.ByTestId("approval-result")).ToHaveTextAsync("Approved 09:21–09:40 by Sam (team lead) (via supervisors).");
        await Expect(aisha.GetByTestId("agent-status")).ToHaveTextAsync("In");
        await Expect(aisha.GetByTestId("agent-alert")).ToHaveTextAsync("—");
        await Expect(aisha.GetByTestId("agent-out-for")).ToHaveTextAsync("—");
        await Expect(page.ByTestId("detail-status")).ToHaveTextAsync("In");
        await Expect(page.ByTestId("timeline").Locator("[data-testid=timeline-approval][data-reason='Coaching overran']")).ToHaveCountAsync(1);
        await Expect(page.ByTestId("approval-list").GetByTestId("approval-item")).ToContainTextAsync("09:21–09:40 · Coaching overran");

        var approval = Assert.Single(await host.Services.GetRequiredService<IAdherenceAudit>().ReadAsync(new DateOnly(2026, 11, 23)));
        Assert.Equal(("a01", Nine.AddMinutes(21), Nine.AddMinutes(40), "Coaching overran"), (approval.AgentId, approval.Start, approval.End, approval.Reason));
        Assert.Equal("Sam (team lead) (via supervisors)", approval.ApprovedBy);
        // The key is kept for this tab only.
        Assert.Equal(Key, await page.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('ccwallboard.supervisor.apiKey')"));
        Assert.Equal(0, await page.Page.EvaluateAsync<int>("() => localStorage.length"));
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task An_approval_without_a_reason_shows_the_servers_field_error_and_changes_nothing()
    {
        var time = new FakeTimeProvider(Nine);
        await using var host = NewHost(time);
        var address = await ArrangeFloorAsync(host, time, 25);
        await using var clock = FakeClockDriver.Start(time);
        await using var page = await OpenSupervisorAsync(chromium, address);
        var aisha = Row(page, "a01");
        await Expect(aisha.GetByTestId("agent-alert")).ToHaveTextAsync("Warning");
        await aisha.GetByTestId("agent-name").ClickAsync();
        await page.ByTestId("approval-by").FillAsync("Sam");

        await page.ByTestId("approval-submit").ClickAsync();

        await Expect(page.ByTestId("approval-error-key")).ToHaveTextAsync("Enter the supervisors' API key.");

        await page.ByTestId("approval-key").FillAsync(Key);
        await page.ByTestId("approval-submit").ClickAsync();

        await Expect(page.ByTestId("approval-error-reason")).ToHaveTextAsync("is required: say why the period is approved");
        await Expect(page.ByTestId("approval-reason")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.ByTestId("approval-error")).ToHaveTextAsync("Nothing was changed.");
        await Expect(page.ByTestId("approval-error-key")).ToHaveTextAsync("");
        await Expect(page.ByTestId("approval-result")).ToHaveTextAsync("");
        Assert.Empty(await host.Services.GetRequiredService<IAdherenceAudit>().ReadAsync(new DateOnly(2026, 11, 23)));
        // Still out, still alerted, pushes after the refusal included.
        await clock.FastForwardAsync(TimeSpan.FromSeconds(10));
        await Expect(aisha.GetByTestId("agent-status")).ToHaveTextAsync("Out");
        await Expect(aisha.GetByTestId("agent-alert")).ToHaveTextAsync("Warning");
        await Expect(page.ByTestId("timeline").Locator("[data-testid=timeline-approval]")).ToHaveCountAsync(0);
        Assert.Empty(page.UncaughtErrors); // the refused requests are reported on the console, as browsers do
    }

    [Fact]
    public async Task The_page_turns_stale_with_a_banner_when_updates_stop_and_live_again_when_they_resume()
    {
        var time = new FakeTimeProvider(Nine);
        await using var host = NewHost(time);
        var address = await ArrangeFloorAsync(host, time, 23);
        await using var page = await OpenSupervisorAsync(chromium, address);
        await Expect(Row(page, "a01").GetByTestId("agent-status")).ToHaveTextAsync("Out");

        // The clock stands still, so the host pushes nothing after the join's answer.
        await Expect(page.Page.Locator("body")).ToHaveAttributeAsync("data-state", "stale", new() { Timeout = 10_000 });
        await Expect(page.ByTestId("stale-banner")).ToBeVisibleAsync();
        await Expect(page.ByTestId("stale-detail")).ToHaveTextAsync("last update 09:23:00");
        await Expect(Row(page, "a01").GetByTestId("agent-out-for")).ToHaveTextAsync("2:00"); // held at the last update's value

        await using var clock = FakeClockDriver.Start(time);

        await Expect(page.Page.Locator("body")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.ByTestId("stale-banner")).ToBeHiddenAsync();
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_page_opened_for_one_team_joins_only_that_team()
    {
        var time = new FakeTimeProvider(Nine);
        await using var host = NewHost(time);
        var address = await ArrangeFloorAsync(host, time, 23);
        await using var clock = FakeClockDriver.Start(time);
        await using var page = await OpenSupervisorAsync(chromium, address, "?team=team-south");

        await Expect(page.Page.Locator("body")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.ByTestId("scope")).ToHaveTextAsync("· South");
        await Expect(page.Page.GetByTestId("team-section")).ToHaveCountAsync(1);
        await Expect(page.Page.Locator("[data-testid=team-section][data-team-id=team-south]")).ToBeVisibleAsync();
        await Expect(Row(page, "a01")).ToHaveCountAsync(0);
        await Expect(Row(page, "a02")).ToBeVisibleAsync();
        page.AssertNoScriptErrors();
    }

    [GeneratedRegex(@"^2:0\d$")]
    private static partial Regex TwoMinutesAndSome();

    [GeneratedRegex(@"^[4-9]:\d{2}$")]
    private static partial Regex FourToNineMinutes();
}

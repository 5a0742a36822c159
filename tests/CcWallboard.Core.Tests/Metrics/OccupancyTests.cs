using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;

namespace CcWallboard.Core.Tests.Metrics;

/// <summary>
/// Occupancy = busy / (busy + available), time-weighted, where busy is on contact or in ACW; not-ready and
/// logged-out time is in neither term (METRICS.md). Worked over one hour, 09:00–10:00 (London, GMT):
/// <list type="bullet">
/// <item>a1 (sales): available 09:00, on contact 09:10, ACW 09:30, available 09:40 → busy 30 min, available 30 min.</item>
/// <item>a3 (service): available all hour → available 60 min.</item>
/// <item>a2 (sales and service): not ready (break) 09:00, logged out 09:30 → in neither term.</item>
/// <item>a4 (support, outside the group): on contact all hour → busy 60 min.</item>
/// </list>
/// In agent-minutes per quarter hour (busy / available):
/// <code>
///            09:00     09:15     09:30     09:45     hour
/// a1         5 / 10   15 / 0    10 / 5     0 / 15   30 / 30
/// a3         0 / 15    0 / 15    0 / 15    0 / 15    0 / 60
/// a4        15 / 0    15 / 0    15 / 0    15 / 0    60 / 0
/// </code>
/// </summary>
public class OccupancyTests
{
    private static readonly DateTimeOffset NineAm = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private const int NineAmInterval = 36; // 09:00 is the 37th quarter hour after local midnight

    /// <summary>The hour's state changes up to <paramref name="until"/> seconds after 09:00.</summary>
    private static CentreScript PlayHour(double until = 3600)
    {
        var f = new CentreScript(NineAm);
        f.Play(HourEvents(f).Where(e => e.At <= f.At(until)));
        return f;
    }

    private static AcdEvent[] HourEvents(CentreScript f) =>
    [
        f.Agent("a1", AgentState.Available, 0),
        f.Agent("a1", AgentState.OnContact, 600),
        f.Agent("a1", AgentState.Acw, 1800),
        f.Agent("a1", AgentState.Available, 2400),
        f.Agent("a3", AgentState.Available, 0),
        f.Agent("a2", AgentState.NotReady, 0, "break"),
        f.Agent("a2", AgentState.LoggedOut, 1800),
        f.Agent("a4", AgentState.OnContact, 0),
    ];

    // Group english (a1, a2, a3): busy 30, available 30 + 60 = 90 → 30 / 120 = 25 %.
    // Queue sales (a1, a2):       busy 30, available 30           → 30 / 60  = 50 %.
    // Queue service (a2, a3):     busy 0,  available 60           → 0 / 60   = 0 %.
    // Centre (a1–a4):             busy 30 + 60 = 90, available 90 → 90 / 180 = 50 %.
    // a2's 30 minutes of break and 30 logged out count nowhere (were the break available time, english would be 30 / 150 = 20 %).
    [Theory]
    [InlineData("english", 25.0)]
    [InlineData("sales", 50.0)]
    [InlineData("service", 0.0)]
    [InlineData(QueueMetricsEngine.CentreId, 50.0)]
    public void Occupancy_today_is_busy_over_busy_plus_available_agent_time(string id, double expected)
    {
        var f = PlayHour();

        Assert.Equal(expected, f.View(id, 3600).Today.OccupancyPercent!.Value, 9);
    }

    // english:  09:00 5 / (5 + 25) = 16.67 %   09:15 15 / (15 + 15) = 50 %   09:30 10 / (10 + 20) = 33.33 %   09:45 0 / 30 = 0 %
    // sales:    09:00 5 / 15       = 33.33 %   09:15 15 / 15        = 100 %  09:30 10 / 15        = 66.67 %   09:45 0 / 15 = 0 %
    // centre:   09:00 20 / 45      = 44.44 %   09:15 30 / 45        = 66.67 % 09:30 25 / 45       = 55.56 %   09:45 15 / 45 = 33.33 %
    [Theory]
    [InlineData("english", 5, 30, 15, 30, 10, 30, 0, 30)]
    [InlineData("sales", 5, 15, 15, 15, 10, 15, 0, 15)]
    [InlineData(QueueMetricsEngine.CentreId, 20, 45, 30, 45, 25, 45, 15, 45)]
    public void Occupancy_per_interval_takes_the_agent_time_inside_each_quarter_hour(
        string id, int busy0, int all0, int busy1, int all1, int busy2, int all2, int busy3, int all3)
    {
        var f = PlayHour();

        var intervals = f.Intervals(id, NineAm.AddHours(1));

        Assert.Equal(NineAmInterval + 5, intervals.Count); // 00:00 … 10:00, the current one
        Assert.Equal(NineAm, intervals[NineAmInterval].WindowStart);
        Assert.Equal(100.0 * busy0 / all0, intervals[NineAmInterval].OccupancyPercent!.Value, 9);
        Assert.Equal(100.0 * busy1 / all1, intervals[NineAmInterval + 1].OccupancyPercent!.Value, 9);
        Assert.Equal(100.0 * busy2 / all2, intervals[NineAmInterval + 2].OccupancyPercent!.Value, 9);
        Assert.Equal(100.0 * busy3 / all3, intervals[NineAmInterval + 3].OccupancyPercent!.Value, 9);
        // Before 09:00 nobody was logged in, and the 10:00 interval has no time yet: no value.
        Assert.Null(intervals[NineAmInterval - 1].OccupancyPercent);
        Assert.Null(intervals[NineAmInterval + 4].OccupancyPercent);
    }

    [Fact]
    public void The_current_interval_counts_the_open_stretch_since_the_last_state_change()
    {
        var f = PlayHour();

        // 09:50: the live interval 09:45–09:50 has a1 and a3 available 5 min each, a4 busy 5 min.
        // english 0 / 10 = 0 %; centre 5 / (5 + 10) = 33.33 %.
        Assert.Equal(0.0, f.View("english", 3000).Interval.OccupancyPercent);
        Assert.Equal(100.0 / 3, f.Centre(3000).Interval.OccupancyPercent!.Value, 9);
        // 09:35: interval 09:30–09:35: a1 in ACW 5 min, a3 available 5 min → english 5 / 10 = 50 %.
        var g = PlayHour(until: 2100);
        Assert.Equal(50.0, g.View("english", 2100).Interval.OccupancyPercent);
    }

    // At 10:30 a1 and a3 have been available 30 more minutes each, a4 busy 30 more.
    // english: busy 30, available 90 + 60 = 150 → 30 / 180 = 16.67 %.
    // centre:  busy 90 + 30 = 120, available 150 → 120 / 270 = 44.44 %.
    [Fact]
    public void Occupancy_today_keeps_growing_with_the_time_since_the_last_state_change()
    {
        var f = PlayHour();

        Assert.Equal(100.0 * 30 / 180, f.View("english", 5400).Today.OccupancyPercent!.Value, 9);
        Assert.Equal(100.0 * 120 / 270, f.Centre(5400).Today.OccupancyPercent!.Value, 9);
    }

    // At 10:00: 60m (09:00, 10:00] is the whole hour: english 25 %.
    // 30m (09:30, 10:00]: a1 busy 10, available 20; a3 available 30 → 10 / 60 = 16.67 %.
    // 15m (09:45, 10:00]: a1 and a3 available → 0 / 30 = 0 %.
    [Fact]
    public void Occupancy_in_sliding_windows_takes_only_the_agent_time_inside_them()
    {
        var f = PlayHour();

        var english = f.View("english", 3600);

        Assert.Equal(0.0, CentreScript.Window(english, "15m").OccupancyPercent!.Value, 9);
        Assert.Equal(100.0 * 10 / 60, CentreScript.Window(english, "30m").OccupancyPercent!.Value, 9);
        Assert.Equal(25.0, CentreScript.Window(english, "60m").OccupancyPercent!.Value, 9);
    }

    [Fact]
    public void Not_ready_and_logged_out_time_leave_occupancy_without_a_value()
    {
        var f = new CentreScript(NineAm);
        f.Play(
            f.Agent("a2", AgentState.NotReady, 0, "lunch"),
            f.Agent("a2", AgentState.LoggedOut, 1800));

        var sales = f.View("sales", 3600);

        Assert.Null(sales.Today.OccupancyPercent);
        Assert.All(sales.Sliding, w => Assert.Null(w.OccupancyPercent));
        Assert.Null(sales.Interval.OccupancyPercent);
    }

    // Busy 09:00–09:15, not ready 09:15–09:45, available 09:45–10:00: 15 / (15 + 15) = 50 %, the break in neither term.
    [Fact]
    public void A_break_between_busy_and_available_time_does_not_dilute_occupancy()
    {
        var f = new CentreScript(NineAm);
        f.Play(
            f.Agent("a1", AgentState.OnContact, 0),
            f.Agent("a1", AgentState.NotReady, 900, "break"),
            f.Agent("a1", AgentState.Available, 2700));

        Assert.Equal(50.0, f.View("sales", 3600).Today.OccupancyPercent!.Value, 9);
    }

    // a1 on contact 23:50 → available 00:05; a3 available throughout. Read at 00:10 on the next day, for the centre:
    //   15m (23:55, 00:10]: a1 busy 10, available 5; a3 available 15 → 10 / 30 = 33.33 %.
    //   today and the 00:00 interval (00:00–00:10): a1 busy 5, available 5; a3 available 10 → 5 / 20 = 25 %.
    [Fact]
    public void Occupancy_today_restarts_at_local_midnight_while_sliding_windows_run_across_it()
    {
        var f = new CentreScript(NineAm);
        var midnight = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
        f.Play(
            f.Agent("a3", AgentState.Available, midnight.AddMinutes(-30)),
            f.Agent("a1", AgentState.OnContact, midnight.AddMinutes(-10)),
            f.Agent("a1", AgentState.Available, midnight.AddMinutes(5)));

        var centre = f.View(QueueMetricsEngine.CentreId, midnight.AddMinutes(10));

        Assert.Equal(100.0 * 10 / 30, CentreScript.Window(centre, "15m").OccupancyPercent!.Value, 9);
        Assert.Equal(25.0, centre.Today.OccupancyPercent!.Value, 9);
        Assert.Equal(25.0, centre.Interval.OccupancyPercent!.Value, 9);
        Assert.Equal(25.0, f.Engine.IntervalsOf(QueueMetricsEngine.CentreId)![0].OccupancyPercent!.Value, 9);
    }
}

using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;

namespace CcWallboard.Core.Tests.Metrics;

/// <summary>
/// Europe/London's change days through the engine (METRICS.md, "Today"): intervals follow local wall-clock time
/// and a day has 25 or 23 hours. 2026-10-25: 02:00 BST (01:00 UTC) becomes 01:00 GMT, so 01:00–02:00 local
/// happens twice; the day runs 2026-10-24T23:00Z – 2026-10-26T00:00Z. 2026-03-29: 01:00 GMT (01:00 UTC) becomes
/// 02:00 BST; the day runs 2026-03-29T00:00Z – 2026-03-29T23:00Z.
/// DateTimeOffset equality compares instants only, so local starts are checked as (wall clock, offset).
/// </summary>
public class DaylightSavingDayTests
{
    private static readonly TimeSpan Bst = TimeSpan.FromHours(1);
    private static readonly TimeSpan Gmt = TimeSpan.Zero;
    private static readonly DateTimeOffset AutumnDayStart = new(2026, 10, 24, 23, 0, 0, TimeSpan.Zero); // 00:00 BST
    private static readonly DateTimeOffset SpringDayStart = new(2026, 3, 29, 0, 0, 0, TimeSpan.Zero);   // 00:00 GMT

    private static DateTimeOffset Utc(int month, int day, int hour, int minute, int second = 0) =>
        new(2026, month, day, hour, minute, second, TimeSpan.Zero);

    private static (DateTime Local, TimeSpan Offset) Wall(DateTimeOffset instant) => (instant.DateTime, instant.Offset);

    private static (DateTime Local, TimeSpan Offset) Wall(int month, int day, int hour, int minute, TimeSpan offset) =>
        (new DateTime(2026, month, day, hour, minute, 0), offset);

    [Fact]
    public void Outcomes_in_the_repeated_hour_land_in_the_first_or_second_01_00_interval_by_their_instant()
    {
        var f = new CentreScript(AutumnDayStart);
        f.Play([
            .. f.AnsweredAfter("first", Utc(10, 25, 0, 9, 50), 20),   // answered 00:10Z = 01:10 BST
            .. f.AnsweredAfter("second", Utc(10, 25, 1, 9, 50), 20),  // answered 01:10Z = 01:10 GMT
            .. f.AnsweredAfter("third", Utc(10, 25, 1, 19, 50), 20),  // answered 01:20Z = 01:20 GMT
        ]);

        var intervals = f.Intervals("sales", Utc(10, 25, 1, 25));

        // 01:25Z is 2 h 25 min after the day's start: quarter hour 9, so 10 intervals so far.
        Assert.Equal(10, intervals.Count);
        Assert.Equal(Wall(10, 25, 1, 0, Bst), Wall(intervals[4].WindowStart));
        Assert.Equal(1, intervals[4].Answered);
        Assert.Equal(Wall(10, 25, 1, 0, Gmt), Wall(intervals[8].WindowStart));
        Assert.Equal(1, intervals[8].Answered);
        Assert.Equal(Wall(10, 25, 1, 15, Gmt), Wall(intervals[9].WindowStart));
        Assert.Equal(1, intervals[9].Answered);
        Assert.Equal(3, intervals.Sum(i => i.Answered));

        var live = f.View("sales", Utc(10, 25, 1, 25));
        Assert.Equal(Wall(10, 25, 1, 15, Gmt), Wall(live.Interval.WindowStart));
        Assert.Equal(1, live.Interval.Answered);
        Assert.Equal(3, live.Today.Answered);
        Assert.Equal([1, 0, 0, 0, 1, 1], live.Trend.Skip(4).Select(p => p.Offered));
    }

    [Fact]
    public void The_25_hour_day_lists_100_quarter_hours_with_the_hour_from_01_00_twice()
    {
        var f = new CentreScript(AutumnDayStart);

        var intervals = f.Intervals("sales", Utc(10, 25, 23, 59, 59)); // 23:59:59 GMT

        Assert.Equal(100, intervals.Count);
        Assert.Equal(Wall(10, 25, 0, 0, Bst), Wall(intervals[0].WindowStart));
        Assert.Equal(Wall(10, 25, 1, 45, Bst), Wall(intervals[7].WindowStart));
        Assert.Equal(Wall(10, 25, 1, 0, Gmt), Wall(intervals[7].WindowEnd));
        Assert.Equal(Wall(10, 25, 1, 0, Gmt), Wall(intervals[8].WindowStart));
        Assert.Equal(Wall(10, 25, 2, 0, Gmt), Wall(intervals[12].WindowStart));
        Assert.Equal(Wall(10, 25, 23, 45, Gmt), Wall(intervals[99].WindowStart));
        Assert.Equal(Wall(10, 26, 0, 0, Gmt), Wall(intervals[99].WindowEnd));
        Assert.All(intervals, i => Assert.Equal(TimeSpan.FromMinutes(15), i.WindowEnd - i.WindowStart));
    }

    [Fact]
    public void The_25_hour_day_has_50_half_hours_when_intervals_are_30_minutes()
    {
        var f = new CentreScript(AutumnDayStart, o => o.Centre.IntervalMinutes = 30);

        var intervals = f.Intervals("sales", Utc(10, 25, 23, 59, 59));

        Assert.Equal(50, intervals.Count);
        Assert.Equal(Wall(10, 25, 1, 30, Bst), Wall(intervals[3].WindowStart));
        Assert.Equal(Wall(10, 25, 1, 0, Gmt), Wall(intervals[4].WindowStart));
        Assert.Equal(Wall(10, 25, 23, 30, Gmt), Wall(intervals[49].WindowStart));
    }

    [Fact]
    public void The_23_hour_day_lists_92_quarter_hours_and_skips_from_00_45_GMT_to_02_00_BST()
    {
        var f = new CentreScript(SpringDayStart);
        f.Play([
            .. f.AnsweredAfter("before", Utc(3, 29, 0, 49, 50), 10), // answered 00:50Z = 00:50 GMT
            .. f.AnsweredAfter("after", Utc(3, 29, 1, 4, 50), 10),   // answered 01:05Z = 02:05 BST
        ]);

        var intervals = f.Intervals("sales", Utc(3, 29, 22, 59, 59)); // 23:59:59 BST

        Assert.Equal(92, intervals.Count);
        Assert.Equal(Wall(3, 29, 0, 45, Gmt), Wall(intervals[3].WindowStart));
        Assert.Equal(1, intervals[3].Answered);
        Assert.Equal(Wall(3, 29, 2, 0, Bst), Wall(intervals[3].WindowEnd));
        Assert.Equal(Wall(3, 29, 2, 0, Bst), Wall(intervals[4].WindowStart));
        Assert.Equal(1, intervals[4].Answered);
        Assert.Equal(Wall(3, 29, 23, 45, Bst), Wall(intervals[91].WindowStart));
        Assert.Equal(Wall(3, 30, 0, 0, Bst), Wall(intervals[91].WindowEnd));
        Assert.Equal(2, f.View("sales", Utc(3, 29, 22, 59, 59)).Today.Answered);
    }

    [Fact]
    public void Today_resets_at_local_midnight_after_the_25_hour_day_not_24_hours_after_it_began()
    {
        var f = new CentreScript(AutumnDayStart);
        f.Play(f.AnsweredAfter("c1", Utc(10, 25, 22, 30), 10)); // 22:30 GMT

        // 23:00Z would be midnight at the morning's +01:00; the local clock says 23:00 GMT: still the 25th.
        Assert.Equal(1, f.View("sales", Utc(10, 25, 23, 0)).Today.Answered);
        Assert.Equal(new DateOnly(2026, 10, 25), f.Engine.Day.Date);
        Assert.Equal(1, f.View("sales", Utc(10, 26, 0, 0) - TimeSpan.FromTicks(1)).Today.Answered);

        var nextDay = f.View("sales", Utc(10, 26, 0, 0)); // 00:00 GMT on the 26th
        Assert.Equal(new DateOnly(2026, 10, 26), f.Engine.Day.Date);
        Assert.Equal(0, nextDay.Today.Answered);
        Assert.Equal(Wall(10, 26, 0, 0, Gmt), Wall(nextDay.Today.WindowStart));
    }

    [Fact]
    public void Today_resets_at_local_midnight_on_both_sides_of_the_23_hour_day()
    {
        var f = new CentreScript(Utc(3, 28, 12, 0));
        f.Play(f.AnsweredAfter("saturday", Utc(3, 28, 23, 30), 10)); // 23:30 GMT on the 28th
        Assert.Equal(1, f.View("sales", Utc(3, 28, 23, 59)).Today.Answered);

        var sunday = f.View("sales", Utc(3, 29, 0, 0)); // 00:00 GMT
        Assert.Equal(new DateOnly(2026, 3, 29), f.Engine.Day.Date);
        Assert.Equal(0, sunday.Today.Answered);

        f.Play(f.AnsweredAfter("sunday", Utc(3, 29, 1, 5), 10)); // 02:05 BST
        Assert.Equal(1, f.View("sales", Utc(3, 29, 23, 0) - TimeSpan.FromTicks(1)).Today.Answered);

        var monday = f.View("sales", Utc(3, 29, 23, 0)); // 00:00 BST on the 30th, 23 hours after the 29th began
        Assert.Equal(new DateOnly(2026, 3, 30), f.Engine.Day.Date);
        Assert.Equal(0, monday.Today.Answered);
        Assert.Equal(Wall(3, 30, 0, 0, Bst), Wall(monday.Today.WindowStart));
    }

    // a1: available 00:30Z (01:30 BST); answers at 00:40Z (01:40 BST), talks to 01:05Z (01:05 GMT), ACW to 01:10Z
    // (01:10 GMT), available to 01:30Z, then logs out. Quarter hours (busy / available minutes):
    //   6  01:30 BST (00:30–00:45Z)  5 / 10 → 33.33 %
    //   7  01:45 BST (00:45–01:00Z) 15 / 0  → 100 %
    //   8  01:00 GMT (01:00–01:15Z) 10 / 5  → 66.67 %
    //   9  01:15 GMT (01:15–01:30Z)  0 / 15 → 0 %
    // Today: busy 30, available 30 → 50 %. Handle time: talk 25 min + ACW 5 min = 1800 s, counted at 01:10Z in
    // quarter hour 8 (read off the wall clock, 01:40 BST to 01:10 GMT would look like −30 minutes).
    [Fact]
    public void Occupancy_and_handle_time_across_the_repeated_hour_follow_elapsed_time()
    {
        var f = new CentreScript(AutumnDayStart);
        f.Play([
            f.Agent("a1", AgentState.Available, Utc(10, 25, 0, 30)),
            .. f.AnsweredAfter("c1", Utc(10, 25, 0, 39, 50), 10),
            f.Agent("a1", AgentState.OnContact, Utc(10, 25, 0, 40)),
            f.Ended("c1", Utc(10, 25, 1, 5)),
            f.Agent("a1", AgentState.Acw, Utc(10, 25, 1, 5)),
            f.Agent("a1", AgentState.Available, Utc(10, 25, 1, 10)),
            f.Agent("a1", AgentState.LoggedOut, Utc(10, 25, 1, 30)),
        ]);

        var intervals = f.Intervals("sales", Utc(10, 25, 2, 0));

        Assert.Equal(100.0 * 5 / 15, intervals[6].OccupancyPercent!.Value, 9);
        Assert.Equal(100.0, intervals[7].OccupancyPercent!.Value, 9);
        Assert.Equal(100.0 * 10 / 15, intervals[8].OccupancyPercent!.Value, 9);
        Assert.Equal(0.0, intervals[9].OccupancyPercent!.Value, 9);
        Assert.Null(intervals[10].OccupancyPercent);
        Assert.Equal(50.0, f.View("sales", Utc(10, 25, 2, 0)).Today.OccupancyPercent!.Value, 9);
        Assert.Equal(1, intervals[8].Handled);
        Assert.Equal(1800.0, intervals[8].AhtSeconds);
        Assert.Equal(1, intervals[6].Answered);
    }
}

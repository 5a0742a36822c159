using CcWallboard.Core.Configuration;
using CcWallboard.Core.Simulation;
using static CcWallboard.Core.Tests.Simulation.ExampleCentre;

namespace CcWallboard.Core.Tests.Simulation;

public sealed class ShiftScheduleTests
{
    private static readonly ShiftSchedule Schedule = new(Load(), Calendar);

    private static string Describe(IEnumerable<ScheduledActivity> activities) =>
        string.Join(" | ", activities.Select(a => $"{a.Activity} {a.Start.UtcDateTime:yyyy-MM-dd HH:mm}-{a.End.UtcDateTime:yyyy-MM-dd HH:mm}"));

    [Fact]
    public void Early_shift_expands_into_open_time_around_its_breaks_and_lunch()
    {
        // 23 November: London is on GMT, so local times equal UTC.
        var shift = Schedule.ForAgent("a01", new DateOnly(2026, 11, 23));

        Assert.Equal(
            "open 2026-11-23 06:00-2026-11-23 08:15 | break 2026-11-23 08:15-2026-11-23 08:30 | " +
            "open 2026-11-23 08:30-2026-11-23 10:30 | lunch 2026-11-23 10:30-2026-11-23 11:00 | " +
            "open 2026-11-23 11:00-2026-11-23 12:45 | break 2026-11-23 12:45-2026-11-23 13:00 | " +
            "open 2026-11-23 13:00-2026-11-23 14:30",
            Describe(shift));
        Assert.All(shift, a => Assert.Equal("a01", a.AgentId));
    }

    [Fact]
    public void Scheduled_activities_are_consecutive_without_gaps_or_overlaps()
    {
        foreach (var agentShift in Schedule.ForDate(new DateOnly(2026, 11, 23)).GroupBy(a => a.AgentId))
        {
            var list = agentShift.ToList();
            for (var i = 1; i < list.Count; i++)
            {
                Assert.Equal(list[i - 1].End, list[i].Start);
            }
        }
    }

    [Fact]
    public void Night_shift_runs_past_midnight_with_its_activities_on_the_next_date()
    {
        var shift = Schedule.ForAgent("a55", new DateOnly(2026, 11, 23));

        Assert.Equal(Utc(2026, 11, 23, 22), shift[0].Start);
        Assert.Equal(Utc(2026, 11, 24, 6, 30), shift[^1].End);
        Assert.Equal(TimeSpan.FromHours(8.5), shift[^1].End - shift[0].Start);
        Assert.Equal(
            [("break", Utc(2026, 11, 24, 0, 30)), ("lunch", Utc(2026, 11, 24, 2, 30)), ("break", Utc(2026, 11, 24, 4, 30))],
            shift.Where(a => !a.IsOpen).Select(a => (a.Activity, a.Start)));
    }

    [Fact]
    public void Night_shift_into_the_spring_change_is_an_hour_shorter_and_keeps_local_times()
    {
        // 29 March 2026: at 01:00 GMT London clocks jump to 02:00 BST.
        var shift = Schedule.ForAgent("a55", new DateOnly(2026, 3, 28));

        Assert.Equal(Utc(2026, 3, 28, 22), shift[0].Start);
        Assert.Equal(Utc(2026, 3, 29, 5, 30), shift[^1].End); // 06:30 BST
        Assert.Equal(TimeSpan.FromHours(7.5), shift[^1].End - shift[0].Start);
        var lunch = Assert.Single(shift, a => a.Activity == "lunch");
        Assert.Equal(Utc(2026, 3, 29, 1, 30), lunch.Start); // 02:30 BST
        Assert.Equal(TimeSpan.FromHours(1), lunch.Start.Offset);
        Assert.Equal(TimeSpan.FromMinutes(30), lunch.Duration);
    }

    [Fact]
    public void Night_shift_into_the_autumn_change_is_an_hour_longer_and_keeps_local_times()
    {
        // 25 October 2026: at 02:00 BST London clocks go back to 01:00 GMT.
        var shift = Schedule.ForAgent("a55", new DateOnly(2026, 10, 24));

        Assert.Equal(Utc(2026, 10, 24, 21), shift[0].Start); // 22:00 BST
        Assert.Equal(Utc(2026, 10, 25, 6, 30), shift[^1].End); // 06:30 GMT
        Assert.Equal(TimeSpan.FromHours(9.5), shift[^1].End - shift[0].Start);
        Assert.Equal(
            [("break", Utc(2026, 10, 24, 23, 30)), ("lunch", Utc(2026, 10, 25, 2, 30)), ("break", Utc(2026, 10, 25, 4, 30))],
            shift.Where(a => !a.IsOpen).Select(a => (a.Activity, a.Start)));
    }

    [Theory]
    [InlineData(2026, 3, 29, 7)] // BST: 08:00 local is 07:00 UTC
    [InlineData(2026, 10, 25, 8)] // GMT again: 08:00 local is 08:00 UTC
    public void Day_shift_on_a_change_day_starts_at_its_local_time(int year, int month, int day, int utcHour)
    {
        var shift = Schedule.ForAgent("a13", new DateOnly(year, month, day));

        Assert.Equal(Utc(year, month, day, utcHour), shift[0].Start);
        Assert.Equal(TimeSpan.FromHours(8.5), shift[^1].End - shift[0].Start);
    }

    [Fact]
    public void Activity_in_the_skipped_spring_hour_moves_forward_by_the_gap()
    {
        var shift = new ShiftSettings
        {
            Id = "overnight",
            Start = "00:00",
            End = "04:00",
            Activities = [new ShiftActivitySettings { Activity = "break", Start = "01:30", Minutes = 15 }],
        };

        var activities = ShiftSchedule.Expand("x", shift, new DateOnly(2026, 3, 29), Calendar);

        Assert.Equal(TimeSpan.FromHours(3), activities[^1].End - activities[0].Start);
        var pause = Assert.Single(activities, a => a.Activity == "break");
        Assert.Equal(Utc(2026, 3, 29, 1, 30), pause.Start); // 02:30 BST
    }

    [Fact]
    public void Activities_are_clipped_to_the_shift()
    {
        var shift = new ShiftSettings
        {
            Id = "short",
            Start = "09:00",
            End = "10:00",
            Activities =
            [
                new ShiftActivitySettings { Activity = "meeting", Start = "09:45", Minutes = 30 },
                new ShiftActivitySettings { Activity = "break", Start = "08:50", Minutes = 15 },
            ],
        };

        var activities = ShiftSchedule.Expand("x", shift, new DateOnly(2026, 11, 23), Calendar);

        Assert.Equal(
            "break 2026-11-23 09:00-2026-11-23 09:05 | open 2026-11-23 09:05-2026-11-23 09:45 | meeting 2026-11-23 09:45-2026-11-23 10:00",
            Describe(activities));
    }

    [Fact]
    public void Overlapping_a_centre_day_includes_the_night_shift_that_started_the_day_before()
    {
        var day = Calendar.DayOf(Utc(2026, 11, 23, 12));

        var activities = Schedule.Overlapping(day.Start, day.End);

        Assert.Contains(activities, a => a.AgentId == "a55" && a.Start == Utc(2026, 11, 22, 22));
        Assert.Contains(activities, a => a.AgentId == "a55" && a.Start == Utc(2026, 11, 23, 22));
        Assert.All(activities, a => Assert.True(a.Start < day.End && a.End > day.Start));
        Assert.Equal(activities.OrderBy(a => a.Start), activities);
    }

    [Fact]
    public void ActivityAt_gives_the_scheduled_activity_or_null_when_off()
    {
        Assert.Equal("lunch", Schedule.ActivityAt("a55", Utc(2026, 11, 24, 2, 40))?.Activity);
        Assert.Equal(ScheduledActivity.Open, Schedule.ActivityAt("a55", Utc(2026, 11, 23, 23))?.Activity);
        Assert.Null(Schedule.ActivityAt("a55", Utc(2026, 11, 23, 12)));
        Assert.Equal("meeting", Schedule.ActivityAt("a13", Utc(2026, 11, 23, 14, 10))?.Activity);
    }

    [Fact]
    public void Agent_without_a_shift_pattern_has_no_schedule()
    {
        var options = Load();
        options.Agents[0].ShiftId = null;
        var schedule = new ShiftSchedule(options, Calendar);

        Assert.Empty(schedule.ForAgent("a01", new DateOnly(2026, 11, 23)));
        Assert.False(schedule.HasShift("a01"));
        Assert.Empty(schedule.ForAgent("nobody", new DateOnly(2026, 11, 23)));
    }
}

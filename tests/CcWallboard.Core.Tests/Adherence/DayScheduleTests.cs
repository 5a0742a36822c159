using CcWallboard.Core.Adherence;
using CcWallboard.Core.Simulation;
using static CcWallboard.Core.Tests.Simulation.ExampleCentre;

namespace CcWallboard.Core.Tests.Adherence;

public sealed class DayScheduleTests
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    private static readonly DaySchedule Morning = DaySchedule.Create(Day,
    [
        new ScheduledActivity("a01", "lunch", Utc(2026, 11, 23, 12), Utc(2026, 11, 23, 12, 30)),
        new ScheduledActivity("a01", "open", Utc(2026, 11, 23, 9), Utc(2026, 11, 23, 11)),
        new ScheduledActivity("a01", "open", Utc(2026, 11, 23, 12, 30), Utc(2026, 11, 23, 15)),
    ]);

    [Fact]
    public void Gaps_before_between_and_after_the_activities_are_off()
    {
        Assert.Null(Morning.ActivityAt("a01", Utc(2026, 11, 23, 8, 59)));
        Assert.Equal("open", Morning.ActivityAt("a01", Utc(2026, 11, 23, 9))?.Activity);
        Assert.Null(Morning.ActivityAt("a01", Utc(2026, 11, 23, 11))); // the end is exclusive
        Assert.Null(Morning.ActivityAt("a01", Utc(2026, 11, 23, 11, 30)));
        Assert.Equal("lunch", Morning.ActivityAt("a01", Utc(2026, 11, 23, 12, 29))?.Activity);
        Assert.Equal("open", Morning.ActivityAt("a01", Utc(2026, 11, 23, 12, 30))?.Activity);
        Assert.Null(Morning.ActivityAt("a01", Utc(2026, 11, 23, 15)));
    }

    [Fact]
    public void An_agent_without_a_schedule_is_off_all_day()
    {
        Assert.Null(Morning.ActivityAt("a02", Utc(2026, 11, 23, 10)));
        Assert.Empty(Morning.ForAgent("a02"));
        Assert.False(Morning.ByAgent.ContainsKey("a02"));
    }

    [Fact]
    public void Activities_are_kept_in_time_order_per_agent()
    {
        Assert.Equal(["a01"], Morning.Agents);
        Assert.Equal(
            [Utc(2026, 11, 23, 9), Utc(2026, 11, 23, 12), Utc(2026, 11, 23, 12, 30)],
            Morning.ByAgent["a01"].Select(a => a.Start));
    }

    [Fact]
    public void Create_refuses_overlapping_activities_and_activities_that_do_not_end_after_they_start()
    {
        Assert.Throws<ArgumentException>(() => DaySchedule.Create(Day,
        [
            new ScheduledActivity("a01", "open", Utc(2026, 11, 23, 9), Utc(2026, 11, 23, 12)),
            new ScheduledActivity("a01", "lunch", Utc(2026, 11, 23, 11, 30), Utc(2026, 11, 23, 12, 30)),
        ]));
        Assert.Throws<ArgumentException>(() => DaySchedule.Create(Day,
            [new ScheduledActivity("a01", "open", Utc(2026, 11, 23, 9), Utc(2026, 11, 23, 9))]));
    }

    [Theory]
    [InlineData(2026, 11, 23)]
    [InlineData(2026, 10, 24)] // the night shift runs into the autumn change
    [InlineData(2026, 3, 28)] // the night shift runs into the spring change
    public void FromShifts_gives_every_agent_the_activities_of_ShiftSchedule_ForAgent(int year, int month, int day)
    {
        var options = Load();
        var shifts = new ShiftSchedule(options, Calendar);
        var date = new DateOnly(year, month, day);

        var schedule = DaySchedule.FromShifts(shifts, date);

        Assert.Equal(date, schedule.Date);
        foreach (var agent in options.Agents)
        {
            Assert.Equal(shifts.ForAgent(agent.Id, date), schedule.ForAgent(agent.Id));
        }
        Assert.Equal(options.Agents.Where(a => shifts.HasShift(a.Id)).Select(a => a.Id).Order(StringComparer.Ordinal), schedule.Agents);
    }

    [Fact]
    public void FromShifts_schedule_is_off_between_shifts_and_follows_the_shift_activities()
    {
        var shifts = new ShiftSchedule(Load(), Calendar);
        var schedule = DaySchedule.FromShifts(shifts, Day);

        // a01 works the early shift 06:00-14:30 with lunch 10:30-11:00 (GMT on 23 November).
        Assert.Null(schedule.ActivityAt("a01", Utc(2026, 11, 23, 5, 59)));
        Assert.Equal("lunch", schedule.ActivityAt("a01", Utc(2026, 11, 23, 10, 45))?.Activity);
        Assert.Null(schedule.ActivityAt("a01", Utc(2026, 11, 23, 14, 30)));
        Assert.Equal(shifts.ActivityAt("a01", Utc(2026, 11, 23, 8, 20)), schedule.ActivityAt("a01", Utc(2026, 11, 23, 8, 20)));
    }
}

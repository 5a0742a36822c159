using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Planning;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Tests.Planning;

public sealed class PlannerDayTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly CentreOptions Options = new()
    {
        Centre = new CentreSettings { TimeZone = "UTC", IntervalMinutes = 15 },
        Queues = [new QueueSettings { Id = "sales" }, new QueueSettings { Id = "service" }],
        Agents =
        [
            new AgentSettings { Id = "a1", Queues = ["sales"] },
            new AgentSettings { Id = "a2", Queues = ["sales", "service"] },
        ],
    };

    private static PlannerDay NewDay(DateTimeOffset? countsFrom = null) =>
        new(Options, CentreCalendar.For(Options.Centre), new DateOnly(2026, 11, 23), countsFrom);

    private static int IndexOf(DateTimeOffset at) => (int)((at - new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero)) / TimeSpan.FromMinutes(15));

    [Fact]
    public void An_arrival_counts_in_the_interval_it_arrived_in_not_the_one_it_was_answered_in()
    {
        var day = NewDay();
        day.Apply(new ContactQueued("e1", Nine.AddMinutes(14).AddSeconds(50), "c1", "sales"));
        day.Apply(new ContactAnswered("e2", Nine.AddMinutes(15).AddSeconds(20), "c1", "sales", "a1"));

        Assert.Equal(1, day.Arrivals("sales", Nine, Nine.AddMinutes(15)));
        Assert.Equal(0, day.Arrivals("sales", Nine.AddMinutes(15), Nine.AddMinutes(30)));
        Assert.Equal(0, day.Arrivals("service", Nine, Nine.AddMinutes(15)));
    }

    [Fact]
    public void A_late_arrival_is_counted_in_its_own_window()
    {
        var day = NewDay();
        day.Apply(new ContactQueued("e1", Nine.AddMinutes(5), "c1", "sales"));
        day.Apply(new ContactQueued("e2", Nine.AddMinutes(6), "c2", "sales"));
        day.Apply(new ContactQueued("e3", Nine.AddMinutes(1), "c3", "sales"));

        Assert.Equal(1, day.Arrivals("sales", Nine, Nine.AddMinutes(2)));
        Assert.Equal(2, day.Arrivals("sales", Nine.AddMinutes(2), Nine.AddMinutes(10)));
        Assert.Equal(3, day.Arrivals("sales", Nine, Nine.AddMinutes(10)));
    }

    [Fact]
    public void Staffed_is_the_time_weighted_average_of_logged_in_agents_serving_the_queue()
    {
        var day = NewDay();
        day.Apply(new AgentStateChanged("e1", Nine, "a1", AgentState.Available));
        day.Apply(new AgentStateChanged("e2", Nine.AddMinutes(3), "a2", AgentState.NotReady, "break"));
        day.Apply(new AgentStateChanged("e3", Nine.AddMinutes(7).AddSeconds(30), "a1", AgentState.LoggedOut));
        day.AdvanceTo(Nine.AddMinutes(15));

        // sales: a1 for 7.5 of 15 minutes (0.5) + a2 for 12 of 15 (0.8), in not-ready too; service: a2 only.
        Assert.Equal(1.3, day.AverageStaffed("sales", IndexOf(Nine))!.Value, 9);
        Assert.Equal(0.8, day.AverageStaffed("service", IndexOf(Nine))!.Value, 9);
        Assert.Equal(1, day.StaffedNow("sales"));
    }

    [Fact]
    public void The_current_interval_is_averaged_over_the_part_that_has_run()
    {
        var day = NewDay();
        day.Apply(new AgentStateChanged("e1", Nine, "a1", AgentState.Available));
        day.Apply(new AgentStateChanged("e2", Nine.AddMinutes(5), "a2", AgentState.Available));
        day.AdvanceTo(Nine.AddMinutes(10));

        Assert.Equal(1.5, day.AverageStaffed("sales", IndexOf(Nine))!.Value, 9);
        Assert.Null(day.AverageStaffed("sales", IndexOf(Nine) + 1));
    }

    [Fact]
    public void A_state_from_before_the_day_counts_from_the_day_start()
    {
        var day = NewDay();
        day.Apply(new AgentStateChanged("e1", Nine.AddDays(-1).AddHours(14), "a1", AgentState.Available));
        day.AdvanceTo(Nine);

        Assert.Equal(1, day.AverageStaffed("sales", 0)!.Value, 9);
        Assert.Equal(1, day.StaffedNow("sales"));
    }

    [Fact]
    public void Before_the_counting_began_there_are_no_figures_not_zeros()
    {
        var day = NewDay(countsFrom: Nine.AddMinutes(5));
        day.Apply(new ContactQueued("e0", Nine.AddMinutes(4), "c0", "sales"));
        day.Apply(new AgentStateChanged("e1", Nine.AddMinutes(5), "a1", AgentState.Available));
        day.Apply(new ContactQueued("e2", Nine.AddMinutes(6), "c1", "sales"));
        day.AdvanceTo(Nine.AddMinutes(15));

        Assert.False(day.Counts(Nine.AddMinutes(-15), Nine));
        Assert.True(day.Counts(Nine, Nine.AddMinutes(15)));
        Assert.Null(day.AverageStaffed("sales", IndexOf(Nine) - 1));
        Assert.Equal(1, day.AverageStaffed("sales", IndexOf(Nine))!.Value, 9);
        Assert.Equal(1, day.Arrivals("sales", Nine, Nine.AddMinutes(15)));
    }

    [Fact]
    public void The_next_day_carries_who_is_logged_in()
    {
        var day = NewDay();
        day.Apply(new AgentStateChanged("e1", Nine.AddHours(14), "a2", AgentState.Available));
        var next = day.Next(Options, CentreCalendar.For(Options.Centre));
        next.AdvanceTo(next.Day.Start.AddMinutes(15));

        Assert.Equal(new DateOnly(2026, 11, 24), next.Day.Date);
        Assert.Equal(1, next.AverageStaffed("service", 0)!.Value, 9);
        Assert.Equal(1, day.AverageStaffed("service", IndexOf(Nine.AddHours(14)))!.Value, 9);
    }
}

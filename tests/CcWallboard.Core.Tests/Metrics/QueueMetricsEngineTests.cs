using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;

namespace CcWallboard.Core.Tests.Metrics;

public class QueueMetricsEngineTests
{
    [Fact]
    public void Worked_example_contacts_folded_through_the_engine_give_77_78_percent()
    {
        var f = new EngineFixture(shortAbandonSeconds: 0);
        for (var i = 0; i < 70; i++)
        {
            f.AnsweredAfter($"met{i}", i, 10);
        }
        for (var i = 0; i < 10; i++)
        {
            f.AbandonedAfter($"ab{i}", i, 15);
        }
        for (var i = 0; i < 20; i++)
        {
            f.AnsweredAfter($"late{i}", i, 45);
        }

        var today = f.Queue("sales", 600).Today;

        Assert.Equal(100, today.Offered);
        Assert.Equal(90, today.Answered);
        Assert.Equal(10, today.Abandoned);
        Assert.Equal(70, today.AnsweredWithinThreshold);
        Assert.Equal(10, today.AbandonedWithinThreshold);
        Assert.Equal(77.78, Math.Round(today.ServiceLevelPercent!.Value, 2));
        Assert.Equal(10.0, today.AbandonmentRatePercent);
    }

    [Fact]
    public void Answered_exactly_at_the_threshold_is_within_it()
    {
        var f = new EngineFixture();
        f.AnsweredAfter("c1", 0, 20);
        f.AnsweredAfter("c2", 0, 20.001);

        var today = f.Queue("sales", 60).Today;

        Assert.Equal(1, today.AnsweredWithinThreshold);
        Assert.Equal(50.0, today.ServiceLevelPercent);
    }

    [Fact]
    public void Short_abandons_are_counted_apart_and_change_no_figure()
    {
        var f = new EngineFixture(shortAbandonSeconds: 5);
        f.AnsweredAfter("c1", 0, 10);
        f.AbandonedAfter("quick", 0, 4.9);
        var before = f.Queue("sales", 60).Today;
        f.AbandonedAfter("quick2", 1, 2);

        var today = f.Queue("sales", 60).Today;

        Assert.Equal(2, today.ShortAbandoned);
        Assert.Equal(0, today.Abandoned);
        Assert.Equal(3, today.Offered);
        Assert.Equal(before.ServiceLevelPercent, today.ServiceLevelPercent);
        Assert.Equal(0.0, today.AbandonmentRatePercent);
    }

    [Fact]
    public void Asa_is_the_mean_wait_of_answered_contacts_only()
    {
        var f = new EngineFixture();
        f.AnsweredAfter("c1", 0, 10);
        f.AnsweredAfter("c2", 0, 30);
        f.AbandonedAfter("c3", 0, 100);

        Assert.Equal(20.0, f.Queue("sales", 200).Today.AsaSeconds);
    }

    [Fact]
    public void Outcomes_count_in_the_interval_of_their_outcome_time_not_their_arrival()
    {
        var f = new EngineFixture();
        // Queued 09:14:50, answered 09:15:10: the answer belongs to 09:15-09:30.
        f.AnsweredAfter("c1", 890, 20);

        var snapshot = f.Snapshot(1000);
        var sales = snapshot.Queues.Single(q => q.Id == "sales");

        Assert.Equal(0, sales.Trend.Single(p => p.Start == EngineFixture.NineAm).Offered);
        Assert.Equal(1, sales.Trend.Single(p => p.Start == EngineFixture.NineAm.AddMinutes(15)).Offered);
        Assert.Equal(1, sales.Interval.Answered);
        Assert.Equal(EngineFixture.NineAm.AddMinutes(15), sales.Interval.WindowStart);
    }

    [Fact]
    public void Calls_waiting_and_longest_wait_follow_the_contacts_still_in_queue()
    {
        var f = new EngineFixture();
        f.Queued("c1", 0);
        f.Queued("c2", 30);
        f.Queued("c3", 40, "service");
        f.Answered("c1", 50);

        var sales = f.Queue("sales", 100);
        var totals = f.Snapshot(100).Totals;

        Assert.Equal(1, sales.CallsWaiting);
        Assert.Equal(70, sales.LongestWaitSeconds);
        Assert.Equal(2, totals.CallsWaiting);
        Assert.Equal(70, totals.LongestWaitSeconds);
    }

    [Fact]
    public void Nobody_waiting_means_no_longest_wait()
    {
        var f = new EngineFixture();
        f.AnsweredAfter("c1", 0, 5);

        Assert.Equal(0, f.Queue("sales", 10).CallsWaiting);
        Assert.Null(f.Queue("sales", 10).LongestWaitSeconds);
    }

    [Fact]
    public void Aht_is_talk_plus_acw_counted_when_acw_ends()
    {
        var f = new EngineFixture();
        f.Agent("a1", AgentState.Available, 0);
        f.AnsweredAfter("c1", 0, 10);
        f.Agent("a1", AgentState.OnContact, 10);
        f.Ended("c1", 190);
        f.Agent("a1", AgentState.Acw, 190);

        Assert.Null(f.Queue("sales", 200).Today.AhtSeconds);

        f.Agent("a1", AgentState.Available, 220);

        Assert.Equal(210.0, f.Queue("sales", 230).Today.AhtSeconds);
    }

    [Fact]
    public void A_contact_without_acw_has_zero_acw()
    {
        var f = new EngineFixture();
        f.AnsweredAfter("c1", 0, 10);
        f.Ended("c1", 100);
        f.Agent("a1", AgentState.Available, 300);

        Assert.Equal(90.0, f.Queue("sales", 400).Today.AhtSeconds);
    }

    [Fact]
    public void Agents_serving_several_queues_count_once_in_the_board_total()
    {
        var f = new EngineFixture();
        f.Agent("a1", AgentState.Available, 0);
        f.Agent("a2", AgentState.NotReady, 0, "break");
        f.Agent("a3", AgentState.OnContact, 0);

        var snapshot = f.Snapshot(10);

        Assert.Equal(2, snapshot.Queues.Single(q => q.Id == "sales").Agents.LoggedIn);
        Assert.Equal(2, snapshot.Queues.Single(q => q.Id == "service").Agents.LoggedIn);
        Assert.Equal(3, snapshot.Totals.Agents.LoggedIn);
        Assert.Equal(1, snapshot.Totals.Agents.Available);
        Assert.Equal(1, snapshot.Totals.Agents.OnContact);
        Assert.Equal(1, snapshot.Totals.Agents.NotReadyByReason["break"]);
    }

    [Fact]
    public void Logged_out_agents_are_not_counted()
    {
        var f = new EngineFixture();
        f.Agent("a1", AgentState.Available, 0);
        f.Agent("a1", AgentState.LoggedOut, 10);

        Assert.Equal(0, f.Snapshot(20).Totals.Agents.LoggedIn);
    }

    [Fact]
    public void Board_total_service_level_keeps_each_queues_own_threshold()
    {
        var f = new EngineFixture();
        // 25 s wait: a miss for sales (T = 20), a hit for service (T = 30).
        f.AnsweredAfter("s1", 0, 25, "sales");
        f.AnsweredAfter("v1", 0, 25, "service");

        var snapshot = f.Snapshot(60);

        Assert.Equal(0.0, snapshot.Queues.Single(q => q.Id == "sales").Today.ServiceLevelPercent);
        Assert.Equal(100.0, snapshot.Queues.Single(q => q.Id == "service").Today.ServiceLevelPercent);
        Assert.Equal(50.0, snapshot.Totals.Today.ServiceLevelPercent);
    }

    [Fact]
    public void An_answer_for_a_contact_never_seen_queued_is_an_orphan_not_a_figure()
    {
        var f = new EngineFixture();
        f.Answered("ghost", 10);

        Assert.Equal(1, f.Engine.Orphans);
        Assert.Equal(0, f.Queue("sales", 20).Today.Offered);
    }

    [Fact]
    public void Today_resets_at_the_start_of_the_next_local_day_by_the_clock()
    {
        var f = new EngineFixture();
        f.AnsweredAfter("c1", 0, 5);
        f.Queued("still-waiting", 100);

        f.Engine.AdvanceTo(new DateTimeOffset(2026, 11, 24, 0, 0, 1, TimeSpan.Zero));
        var snapshot = f.Engine.SnapshotOf(f.Options.Boards[0], "Floor", 2, new DateTimeOffset(2026, 11, 24, 0, 0, 1, TimeSpan.Zero));
        var sales = snapshot.Queues.Single(q => q.Id == "sales");

        Assert.Equal(new DateOnly(2026, 11, 24), snapshot.Day);
        Assert.Equal(0, sales.Today.Offered);
        Assert.Equal(1, sales.CallsWaiting);
    }

    [Fact]
    public void Empty_windows_have_null_figures()
    {
        var today = new EngineFixture().Queue("sales", 0).Today;

        Assert.Null(today.ServiceLevelPercent);
        Assert.Null(today.AbandonmentRatePercent);
        Assert.Null(today.AsaSeconds);
        Assert.Null(today.AhtSeconds);
    }

    [Theory]
    [InlineData(ServiceLevelFormula.AbandonsNegative, 50.0)]
    [InlineData(ServiceLevelFormula.AbandonsPositive, 75.0)]
    [InlineData(ServiceLevelFormula.AbandonsIgnored, 100.0)]
    [InlineData(ServiceLevelFormula.AbandonsWithinThresholdIgnored, 66.67)]
    public void The_queues_formula_setting_chooses_the_service_level(ServiceLevelFormula formula, double expected)
    {
        var f = new EngineFixture(formula, shortAbandonSeconds: 0);
        f.AnsweredAfter("c1", 0, 10);
        f.AnsweredAfter("c2", 0, 10);
        f.AbandonedAfter("c3", 0, 10);
        f.AbandonedAfter("c4", 0, 60);

        Assert.Equal(expected, Math.Round(f.Queue("sales", 100).Today.ServiceLevelPercent!.Value, 2));
    }
}

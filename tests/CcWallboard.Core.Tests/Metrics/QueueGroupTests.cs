using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;

namespace CcWallboard.Core.Tests.Metrics;

/// <summary>
/// A queue group (here <c>english</c> = sales + service; support stays outside) adds up its queues' counts,
/// counts each agent once, and keeps each queue's own service-level threshold and formula (METRICS.md).
/// </summary>
public class QueueGroupTests
{
    private static readonly DateTimeOffset NineAm = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_group_is_read_as_a_group_of_its_queues()
    {
        var f = new CentreScript(NineAm);

        var english = f.View("english", 0);

        Assert.Equal(AggregateKinds.Group, english.Kind);
        Assert.Equal(["sales", "service"], english.QueueIds);
        Assert.Contains(("english", AggregateKinds.Group), f.Engine.Aggregates);
    }

    [Fact]
    public void Group_counts_add_up_its_queues_and_leave_other_queues_out()
    {
        var f = new CentreScript(NineAm);
        f.Play([
            // sales (T = 20): answered after 10, 25 and 5 s; abandoned after 40 s; a short abandon after 2 s; one overflow out.
            .. f.AnsweredAfter("s1", 0, 10),
            .. f.AnsweredAfter("s2", 10, 25),
            .. f.AnsweredAfter("s3", 20, 5),
            .. f.AbandonedAfter("s4", 30, 40),
            .. f.AbandonedAfter("s5", 40, 2),
            f.Queued("s6", 50), f.Transferred("s6", 80, "sales", "service"),
            // service (T = 30): the overflow answered after 10 s, another after 35 s, one abandoned after 12 s.
            .. f.AnsweredAfter("s6", 80, 10, "service", "a3"),
            .. f.AnsweredAfter("v2", 0, 35, "service", "a3"),
            .. f.AbandonedAfter("v3", 10, 12, "service"),
            // support, outside the group: two answered.
            .. f.AnsweredAfter("p1", 0, 5, "support", "a4"),
            .. f.AnsweredAfter("p2", 5, 5, "support", "a4"),
            // still waiting: one in sales since 09:02:00, two in service since 09:02:30 and 09:02:40.
            f.Queued("w1", 120), f.Queued("w2", 150, "service"), f.Queued("w3", 160, "service"),
        ]);

        var english = f.View("english", 180);
        var sales = f.View("sales", 180);
        var service = f.View("service", 180);
        var centre = f.Centre(180);

        // Offered: sales 3 + 1 + 1 = 5, service 2 + 1 = 3 → english 8; centre 8 + 2 = 10.
        Assert.Equal((5, 3, 8, 10), (sales.Today.Offered, service.Today.Offered, english.Today.Offered, centre.Today.Offered));
        // Answered 3 + 2 = 5; abandoned (short excluded) 1 + 1 = 2; short 1 + 0 = 1; overflowed out 1 + 0 = 1.
        Assert.Equal((5, 2, 1, 1), (english.Today.Answered, english.Today.Abandoned, english.Today.ShortAbandoned, english.Today.TransferredOut));
        // Within each queue's own T: sales 10 s and 5 s (≤ 20), service 10 s (≤ 30) → 2 + 1 = 3; abandons within T: service 12 s → 1.
        Assert.Equal((3, 1), (english.Today.AnsweredWithinThreshold, english.Today.AbandonedWithinThreshold));
        // ASA (10 + 25 + 5 + 10 + 35) / 5 = 85 / 5 = 17 s; abandonment rate (B − S) / (A + B − S) = 2 / (5 + 2) = 28.57 %.
        Assert.Equal(17.0, english.Today.AsaSeconds!.Value, 9);
        Assert.Equal(100.0 * 2 / 7, english.Today.AbandonmentRatePercent!.Value, 9);
        // Waiting 1 + 2 = 3; the oldest (w1, 09:02:00) has waited 60 s at 09:03.
        Assert.Equal((1, 2, 3), (sales.CallsWaiting, service.CallsWaiting, english.CallsWaiting));
        Assert.Equal(60.0, english.LongestWaitSeconds);
        // The same sums hold in the interval and every sliding window.
        Assert.Equal(8, english.Interval.Offered);
        Assert.All(english.Sliding, w => Assert.Equal(8, w.Offered));
    }

    [Fact]
    public void An_agent_serving_two_queues_of_a_group_counts_once_in_the_group_and_in_the_centre()
    {
        var f = new CentreScript(NineAm);
        f.Play(
            f.Agent("a1", AgentState.Available, 0),           // sales
            f.Agent("a2", AgentState.OnContact, 0),           // sales and service
            f.Agent("a3", AgentState.NotReady, 0, "lunch"),   // service
            f.Agent("a4", AgentState.Available, 0));          // support

        var sales = f.View("sales", 10).Agents;
        var service = f.View("service", 10).Agents;
        var english = f.View("english", 10).Agents;
        var centre = f.Centre(10).Agents;

        // sales a1, a2 = 2; service a2, a3 = 2; english a1, a2, a3 = 3 (not 2 + 2 = 4); centre 3 + a4 = 4.
        Assert.Equal((2, 2, 3, 4), (sales.LoggedIn, service.LoggedIn, english.LoggedIn, centre.LoggedIn));
        Assert.Equal((1, 1, 1), (english.Available, english.OnContact, english.NotReady));
        Assert.Equal(1, english.NotReadyByReason["lunch"]);
        Assert.Equal((2, 1, 1), (centre.Available, centre.OnContact, centre.NotReady));
    }

    [Fact]
    public void An_agent_who_answers_a_second_queue_of_the_group_still_counts_once()
    {
        var f = new CentreScript(NineAm);
        // a1 is configured for sales only; answering a service contact makes it serve service too.
        f.Play(
            f.Agent("a1", AgentState.Available, 0),
            f.Queued("v1", 5, "service"),
            f.Answered("v1", 10, "service", "a1"),
            f.Agent("a1", AgentState.OnContact, 10));

        Assert.Equal(1, f.View("service", 20).Agents.LoggedIn);
        Assert.Equal(1, f.View("service", 20).Agents.OnContact);
        Assert.Equal(1, f.View("english", 20).Agents.LoggedIn);
        Assert.Equal((1, 0), (f.View("english", 20).Agents.OnContact, f.View("english", 20).Agents.Available));
        Assert.Equal(1, f.Centre(20).Agents.LoggedIn);
    }

    // sales: T = 20, AbandonsNegative: answered 10 s (met), 25 s (missed), abandoned 15 s → A_T / (A + B) = 1 / 3.
    // service: T = 30, AbandonsIgnored: answered 25 s (met, 25 ≤ 30), 40 s (missed), abandoned 60 s (left out) → A_T / A = 1 / 2.
    // english: the terms add up: (1 + 1) / (3 + 2) = 2 / 5 = 40 %.
    //   (The mean of the percentages would be (33.33 + 50) / 2 = 41.67 %; one threshold of 20 s for both queues,
    //    under AbandonsNegative, would give 1 / 6 = 16.67 %.)
    [Fact]
    public void Group_service_level_adds_up_each_queues_terms_under_its_own_threshold_and_formula()
    {
        var f = new CentreScript(NineAm, o =>
        {
            o.Queues.Single(q => q.Id == "sales").ServiceLevelFormula = ServiceLevelFormula.AbandonsNegative;
            o.Queues.Single(q => q.Id == "service").ServiceLevelFormula = ServiceLevelFormula.AbandonsIgnored;
        });
        f.Play([
            .. f.AnsweredAfter("s1", 0, 10),
            .. f.AnsweredAfter("s2", 0, 25),
            .. f.AbandonedAfter("s3", 0, 15),
            .. f.AnsweredAfter("v1", 0, 25, "service", "a3"),
            .. f.AnsweredAfter("v2", 0, 40, "service", "a3"),
            .. f.AbandonedAfter("v3", 0, 60, "service"),
        ]);

        var english = f.View("english", 120);

        Assert.Equal(100.0 / 3, f.View("sales", 120).Today.ServiceLevelPercent!.Value, 9);
        Assert.Equal(50.0, f.View("service", 120).Today.ServiceLevelPercent!.Value, 9);
        Assert.Equal(40.0, english.Today.ServiceLevelPercent!.Value, 9);
        Assert.Equal(40.0, english.Interval.ServiceLevelPercent!.Value, 9);
        Assert.All(english.Sliding, w => Assert.Equal(40.0, w.ServiceLevelPercent!.Value, 9));
        Assert.Equal(40.0, english.Trend[^1].ServiceLevelPercent!.Value, 9);
    }

    [Fact]
    public void A_group_with_nothing_offered_has_no_service_level_even_when_another_queue_has_one()
    {
        var f = new CentreScript(NineAm);
        f.Play(f.AnsweredAfter("p1", 0, 5, "support", "a4"));

        Assert.Null(f.View("english", 60).Today.ServiceLevelPercent);
        Assert.Equal(100.0, f.Centre(60).Today.ServiceLevelPercent);
    }
}

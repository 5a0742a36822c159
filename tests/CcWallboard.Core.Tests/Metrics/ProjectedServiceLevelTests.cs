using CcWallboard.Core.Events;

namespace CcWallboard.Core.Tests.Metrics;

/// <summary>
/// With <c>countWaitingPastThreshold</c>, contacts still waiting longer than T are certain misses, counted
/// in a separate projected service level; the service level itself is untouched (METRICS.md).
/// </summary>
public class ProjectedServiceLevelTests
{
    private static readonly DateTimeOffset NineAm = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static CentreScript WithProjection(bool sales = true, bool service = false) => new(NineAm, o =>
    {
        o.Queues.Single(q => q.Id == "sales").CountWaitingPastThreshold = sales;
        o.Queues.Single(q => q.Id == "service").CountWaitingPastThreshold = service;
    });

    /// <summary>sales (T = 20 s, AbandonsWithinThresholdIgnored): 3 answered within T and 1 after → SL 3 / 4 = 75 %.</summary>
    private static AcdEvent[] AnsweredThreeOfFour(CentreScript f) =>
    [
        .. f.AnsweredAfter("c1", 0, 10),
        .. f.AnsweredAfter("c2", 5, 10),
        .. f.AnsweredAfter("c3", 10, 10),
        .. f.AnsweredAfter("c4", 15, 30),
    ];

    [Fact]
    public void Contacts_waiting_past_the_threshold_are_misses_in_the_projected_service_level_only()
    {
        var f = WithProjection();
        f.Play([.. AnsweredThreeOfFour(f), f.Queued("w1", 100), f.Queued("w2", 130)]);

        // 09:02:15: w1 has waited 35 s (> 20: a certain miss), w2 5 s → projected 3 / (4 + 1) = 60 %, SL 3 / 4 = 75 %.
        var at135 = f.View("sales", 135);
        Assert.Equal(1, at135.WaitingPastThreshold);
        Assert.Equal(75.0, at135.Today.ServiceLevelPercent);
        Assert.Equal(60.0, at135.Today.ProjectedServiceLevelPercent);

        // 09:02:31: w2 has waited 21 s too → projected 3 / (4 + 2) = 50 %.
        var at151 = f.View("sales", 151);
        Assert.Equal(2, at151.WaitingPastThreshold);
        Assert.Equal(75.0, at151.Today.ServiceLevelPercent);
        Assert.Equal(50.0, at151.Today.ProjectedServiceLevelPercent);

        // 09:02:40: w1 is answered after 60 s, now a real miss: SL 3 / 5 = 60 %; projected 3 / (5 + 1) = 50 % (w2 still waits).
        f.Play(f.Answered("w1", 160));
        var at160 = f.View("sales", 160);
        Assert.Equal(60.0, at160.Today.ServiceLevelPercent);
        Assert.Equal(50.0, at160.Today.ProjectedServiceLevelPercent);
    }

    [Fact]
    public void The_projection_applies_to_today_the_interval_and_every_sliding_window()
    {
        var f = WithProjection();
        f.Play([.. AnsweredThreeOfFour(f), f.Queued("w1", 100)]);

        var sales = f.View("sales", 135); // w1 waited 35 s: 3 / (4 + 1) = 60 %

        Assert.Equal(60.0, sales.Interval.ProjectedServiceLevelPercent);
        Assert.All(sales.Sliding, w => Assert.Equal(60.0, w.ProjectedServiceLevelPercent));
        Assert.All(sales.Sliding, w => Assert.Equal(75.0, w.ServiceLevelPercent));
    }

    [Fact]
    public void A_contact_waiting_exactly_the_threshold_is_not_yet_a_certain_miss()
    {
        var f = WithProjection();
        f.Play([.. AnsweredThreeOfFour(f), f.Queued("w1", 100)]);

        // Answered at exactly 20 s it would still be within T (wait ≤ T).
        Assert.Equal(75.0, f.View("sales", 120).Today.ProjectedServiceLevelPercent);
        Assert.Equal(60.0, f.View("sales", 120.001).Today.ProjectedServiceLevelPercent);
    }

    [Fact]
    public void Without_the_setting_the_projected_service_level_is_null()
    {
        var f = WithProjection(sales: false);
        f.Play([.. AnsweredThreeOfFour(f), f.Queued("w1", 100)]);

        var sales = f.View("sales", 200); // w1 has waited 100 s

        Assert.Equal(75.0, sales.Today.ServiceLevelPercent);
        Assert.Null(sales.Today.ProjectedServiceLevelPercent);
        Assert.Null(sales.Interval.ProjectedServiceLevelPercent);
        Assert.All(sales.Sliding, w => Assert.Null(w.ProjectedServiceLevelPercent));
    }

    [Fact]
    public void With_nobody_waiting_past_the_threshold_the_projection_equals_the_service_level()
    {
        var f = WithProjection();
        f.Play([.. AnsweredThreeOfFour(f), f.Queued("w1", 100)]);

        var sales = f.View("sales", 110); // w1 has waited 10 s

        Assert.Equal(0, sales.WaitingPastThreshold);
        Assert.Equal(sales.Today.ServiceLevelPercent, sales.Today.ProjectedServiceLevelPercent);
    }

    // Only a contact waiting past T: SL has no value (0 / 0), the projection is 0 / (0 + 1) = 0 %.
    [Fact]
    public void A_certain_miss_with_nothing_answered_yet_projects_zero_while_the_service_level_has_no_value()
    {
        var f = WithProjection();
        f.Play(f.Queued("w1", 0));

        var sales = f.View("sales", 30);

        Assert.Null(sales.Today.ServiceLevelPercent);
        Assert.Equal(0.0, sales.Today.ProjectedServiceLevelPercent);
    }

    // sales (projection on, T = 20): answered after 10 s → 1 / 1; w1 waits 25 s → 1 certain miss.
    // service (projection off, T = 30): answered after 10 s → 1 / 1; w2 waits 40 s, but service does not count it.
    // english: SL (1 + 1) / (1 + 1) = 100 %; projected (1 + 1) / (2 + 1) = 66.67 %.
    [Fact]
    public void A_groups_projection_counts_only_the_waiting_contacts_of_queues_that_ask_for_it()
    {
        var f = WithProjection(sales: true, service: false);
        f.Play([
            .. f.AnsweredAfter("s1", 0, 10),
            .. f.AnsweredAfter("v1", 0, 10, "service", "a3"),
            f.Queued("w1", 35),
            f.Queued("w2", 20, "service"),
        ]);

        var english = f.View("english", 60);

        Assert.Equal(1, english.WaitingPastThreshold);
        Assert.Equal(100.0, english.Today.ServiceLevelPercent);
        Assert.Equal(200.0 / 3, english.Today.ProjectedServiceLevelPercent!.Value, 9);
        Assert.Null(f.View("service", 60).Today.ProjectedServiceLevelPercent);
    }
}

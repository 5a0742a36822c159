using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;

namespace CcWallboard.Core.Tests.Metrics;

/// <summary>
/// A live feed through <see cref="CentreMetrics"/> (EVENTS.md, "Order" and "Duplicates"): events wait until
/// the watermark — the clock (or the newest event) minus the allowed lateness, 5 s here — has passed them,
/// and are then applied in time order; a repeated id changes nothing; an event behind the watermark is late.
/// </summary>
public class LatenessAndDuplicateTests
{
    private static readonly DateTimeOffset NineAm = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static QueueSnapshot Sales(CentreMetrics centre, DateTimeOffset now) => centre.Engine.ViewOf("sales", now)!;

    /// <summary>Delivers each event with the clock at its own time: the ordered stream.</summary>
    private static CentreMetrics Ordered(CentreScript f, IEnumerable<AcdEvent> events, DateTimeOffset end)
    {
        var centre = f.NewCentreMetrics();
        foreach (var e in CentreScript.InTimeOrder(events))
        {
            centre.AdvanceTo(e.At);
            centre.Offer(e);
        }
        centre.AdvanceTo(end);
        return centre;
    }

    [Fact]
    public void An_answer_delivered_before_its_queued_event_within_the_lateness_gives_the_ordered_figures()
    {
        var f = new CentreScript(NineAm);
        var queued = f.Queued("c1", 10);     // happened 09:00:10, delivered 09:00:14 (4 s late)
        var answered = f.Answered("c1", 12); // happened 09:00:12, delivered 09:00:12
        var end = f.At(30);

        var shuffled = f.NewCentreMetrics();
        shuffled.AdvanceTo(f.At(12));
        shuffled.Offer(answered);
        shuffled.AdvanceTo(f.At(14));
        shuffled.Offer(queued);
        shuffled.AdvanceTo(end);
        var ordered = Ordered(f, [queued, answered], end);

        var today = Sales(shuffled, end).Today;
        Assert.Equal(Sales(ordered, end).Today, today);
        // The wait is 12 − 10 = 2 s: answered within T, no orphan, nothing late.
        Assert.Equal((1, 1, 2.0), (today.Answered, today.AnsweredWithinThreshold, today.AsaSeconds));
        Assert.Equal(0, shuffled.Engine.Orphans);
        Assert.Equal(0, shuffled.Late);
        Assert.Equal(0, Sales(shuffled, end).CallsWaiting);
    }

    [Fact]
    public void A_repeated_id_changes_nothing_and_is_counted_as_a_duplicate()
    {
        var f = new CentreScript(NineAm);
        var queued = f.Queued("c1", 10);
        var answered = f.Answered("c1", 20);
        var centre = f.NewCentreMetrics();

        centre.AdvanceTo(f.At(10));
        Assert.True(centre.Offer(queued));
        centre.AdvanceTo(f.At(20));
        Assert.True(centre.Offer(answered));
        Assert.False(centre.Offer(answered));            // again while it is still held
        centre.AdvanceTo(f.At(60));
        Assert.False(centre.Offer(answered));            // again after it was applied
        Assert.False(centre.Offer(queued));              // the queued event again: c1 must not wait again
        Assert.False(centre.Offer(new ContactQueued(queued.Id, f.At(61), "c2", "sales"))); // the id reused for another contact
        centre.AdvanceTo(f.At(120));

        var sales = Sales(centre, f.At(120));
        Assert.Equal(4, centre.Duplicates);
        Assert.Equal((1, 1), (sales.Today.Offered, sales.Today.Answered));
        Assert.Equal(0, sales.CallsWaiting);
        Assert.Equal(0, centre.Engine.Orphans);
        Assert.Equal(2, centre.Engine.EventsApplied);
    }

    [Fact]
    public void An_event_later_than_the_lateness_is_counted_late_and_still_lands_in_its_interval_and_today()
    {
        var f = new CentreScript(NineAm);
        var centre = f.NewCentreMetrics();
        centre.AdvanceTo(f.At(890));
        centre.Offer(f.Queued("c1", 890));                 // 09:14:50
        centre.AdvanceTo(f.At(930));                       // watermark 09:15:25: the engine is in the 09:15 interval
        Assert.Equal(f.At(925), centre.Engine.Now);

        centre.Offer(f.Answered("c1", 898));               // happened 09:14:58, delivered 09:15:30: 27 s behind the watermark
        centre.AdvanceTo(f.At(931));

        Assert.Equal(1, centre.Late);
        var sales = Sales(centre, f.At(931));
        var intervals = centre.Engine.IntervalsOf("sales")!;
        Assert.Equal(1, intervals[36].Answered);           // 09:00–09:15, where 09:14:58 belongs
        Assert.Equal(1, intervals[36].AnsweredWithinThreshold); // wait 898 − 890 = 8 s
        Assert.Equal(0, intervals[37].Offered);            // not the 09:15 interval it was applied in
        Assert.Equal(0, sales.Interval.Offered);
        Assert.Equal(1, sales.Today.Answered);
        Assert.Equal(1, CentreScript.Window(sales, "15m").Answered);
        Assert.Equal(0, sales.CallsWaiting);
    }

    [Fact]
    public void Figures_are_final_only_once_the_watermark_clock_minus_lateness_has_passed_them()
    {
        var f = new CentreScript(NineAm);
        var centre = f.NewCentreMetrics();
        centre.AdvanceTo(f.At(0));
        centre.Offer(f.Queued("c1", 0));
        centre.AdvanceTo(f.At(10));
        centre.Offer(f.Answered("c1", 10));

        // Clock 09:00:12 → watermark 12 − 5 = 7 s: the queued event (0 s) is applied, the answer (10 s) is held.
        centre.AdvanceTo(f.At(12));
        Assert.Equal(f.At(7), centre.Engine.Now);
        Assert.Equal(1, centre.Pending);
        Assert.Equal(0, Sales(centre, f.At(12)).Today.Answered);
        Assert.Equal(1, Sales(centre, f.At(12)).CallsWaiting);

        // 09:00:14.999 → watermark 9.999 s: still held.
        centre.AdvanceTo(f.At(14.999));
        Assert.Equal(0, Sales(centre, f.At(14.999)).Today.Answered);

        // 09:00:15 → watermark 10 s: the answer is final.
        centre.AdvanceTo(f.At(15));
        Assert.Equal(0, centre.Pending);
        Assert.Equal(f.At(10), centre.Engine.Now);
        Assert.Equal(1, Sales(centre, f.At(15)).Today.Answered);
        Assert.Equal(0, Sales(centre, f.At(15)).CallsWaiting);
    }

    [Fact]
    public void A_board_snapshot_says_its_figures_are_final_up_to_the_clock_minus_the_lateness()
    {
        var f = new CentreScript(NineAm);
        var centre = f.NewCentreMetrics();
        centre.AdvanceTo(f.At(60));

        var snapshot = centre.Engine.SnapshotOf(f.Options.Boards[0], "Floor", 1, f.At(60));

        Assert.Equal(f.At(60), snapshot.AsOf);
        Assert.Equal(f.At(55), snapshot.FiguresAsOf);
    }

    [Fact]
    public void A_stream_shuffled_within_the_lateness_gives_the_figures_of_the_ordered_stream()
    {
        var f = new CentreScript(NineAm);
        var random = new Random(20261123);
        var events = new List<AcdEvent>();
        string[] agents = ["a1", "a2"];
        foreach (var agent in agents)
        {
            events.Add(f.Agent(agent, AgentState.Available, 0));
        }
        // 90 contacts, one every 40 s, on whole seconds; every third abandons; the others are answered by a1 and a2 in
        // turn and handled (30 s talk, 5 s ACW). An agent's contacts never overlap (each is over within 9 + 34 + 35 = 78 s
        // of its slot, before the agent's next slot 80 s later), so no two state changes of one agent share an instant.
        for (var i = 0; i < 90; i++)
        {
            var at = (i * 40) + random.Next(0, 10);
            var wait = random.Next(0, 35);
            if (i % 3 == 2)
            {
                events.AddRange(f.AbandonedAfter($"c{i}", at, wait));
                continue;
            }
            var agent = agents[i % 2];
            var answeredAt = at + wait;
            events.AddRange([
                f.Queued($"c{i}", at),
                f.Answered($"c{i}", answeredAt, agent: agent),
                f.Agent(agent, AgentState.OnContact, answeredAt),
                f.Ended($"c{i}", answeredAt + 30, agent: agent),
                f.Agent(agent, AgentState.Acw, answeredAt + 30),
                f.Agent(agent, AgentState.Available, answeredAt + 35),
            ]);
        }
        // Each event is delivered up to 4.9 s after it happened, so the feed arrives out of order.
        var deliveries = events
            .Select(e => (Event: e, DeliveredAt: e.At.AddSeconds(random.NextDouble() * 4.9)))
            .OrderBy(d => d.DeliveredAt)
            .ToList();
        var end = f.At(4000);

        var shuffled = f.NewCentreMetrics();
        foreach (var (e, deliveredAt) in deliveries)
        {
            shuffled.AdvanceTo(deliveredAt);
            shuffled.Offer(e);
        }
        shuffled.AdvanceTo(end);
        var ordered = Ordered(f, events, end);

        Assert.True(deliveries.Zip(deliveries.Skip(1)).Any(p => p.First.Event.At > p.Second.Event.At), "the feed is shuffled");
        Assert.Equal(0, shuffled.Late);
        Assert.Equal(0, shuffled.Engine.Orphans);
        foreach (var id in new[] { "sales", "english", QueueMetricsEngine.CentreId })
        {
            var expected = ordered.Engine.ViewOf(id, end)!;
            var actual = shuffled.Engine.ViewOf(id, end)!;
            Assert.Equal(expected.Today, actual.Today);
            Assert.Equal(expected.Interval, actual.Interval);
            Assert.Equal(expected.Sliding, actual.Sliding);
            Assert.Equal(expected.Trend, actual.Trend);
            Assert.Equal(ordered.Engine.IntervalsOf(id), shuffled.Engine.IntervalsOf(id));
        }
        Assert.Equal(60, ordered.Engine.ViewOf("sales", end)!.Today.Answered);
    }

    // The queued event (09:00:10) comes 30 s late, after its answer (09:00:20) was applied as an orphan. The contact has
    // an outcome, so it is not waiting: calls waiting 0, no longest wait (a ghost would wait, and its wait grow, forever).
    [Fact]
    public void A_queued_event_arriving_late_after_its_answer_leaves_no_contact_waiting()
    {
        var f = new CentreScript(NineAm);
        var centre = f.NewCentreMetrics();
        centre.AdvanceTo(f.At(20));
        centre.Offer(f.Answered("c1", 20));
        centre.AdvanceTo(f.At(40));                       // watermark 35 s: the answer is applied
        centre.Offer(f.Queued("c1", 10));                 // 25 s behind the watermark: late
        centre.AdvanceTo(f.At(600));

        var sales = Sales(centre, f.At(600));

        Assert.Equal(1, centre.Late);
        Assert.Equal(0, sales.CallsWaiting);
        Assert.Null(sales.LongestWaitSeconds);
    }

    // In event time a1 is available 09:00, on a break 09:05 (that event comes 30 s late, at 09:10:30), on contact
    // 09:10. The break is history: a1 is on contact now, not on a break.
    [Fact]
    public void A_late_agent_state_older_than_the_agents_current_state_does_not_replace_it()
    {
        var f = new CentreScript(NineAm);
        var centre = PlayLateBreak(f);

        var agents = centre.Engine.ViewOf("english", f.At(1205))!.Agents;

        Assert.Equal(1, centre.Late);
        // (on contact, not ready, available, logged in): a1 on contact, a3 available.
        Assert.Equal((1, 0, 1, 2), (agents.OnContact, agents.NotReady, agents.Available, agents.LoggedIn));
    }

    // The same feed, figures at the watermark 09:20:00. In event time (agent-minutes, busy / available):
    //   a1: available 09:00–09:05 (0 / 5), break 09:05–09:10 (neither), on contact 09:10–09:20 (10 / 0);
    //   a3: available 09:00–09:20 (0 / 20).
    // english today: 10 / (10 + 25) = 28.57 %. Interval 09:00–09:15: a1 0 / 5 + busy 5, a3 0 / 15 → 5 / 25 = 20 %.
    [Fact]
    public void A_late_agent_state_still_lands_in_the_occupancy_of_its_interval_and_today()
    {
        var f = new CentreScript(NineAm);
        var centre = PlayLateBreak(f);

        var english = centre.Engine.ViewOf("english", f.At(1205))!;

        Assert.Equal(f.At(1200), centre.Engine.Now);
        Assert.Equal(100.0 * 10 / 35, english.Today.OccupancyPercent!.Value, 9);
        Assert.Equal(20.0, centre.Engine.IntervalsOf("english")![36].OccupancyPercent!.Value, 9);
    }

    private static CentreMetrics PlayLateBreak(CentreScript f)
    {
        var centre = f.NewCentreMetrics();
        centre.AdvanceTo(f.At(0));
        centre.Offer(f.Agent("a1", AgentState.Available, 0));
        centre.Offer(f.Agent("a3", AgentState.Available, 0));
        centre.AdvanceTo(f.At(600));
        centre.Offer(f.Agent("a1", AgentState.OnContact, 600));
        centre.AdvanceTo(f.At(630));                                      // watermark 09:10:25
        centre.Offer(f.Agent("a1", AgentState.NotReady, 300, "break"));  // 09:05, 5 min 25 s behind it: late
        centre.AdvanceTo(f.At(1205));
        return centre;
    }

    // In event time: a1 answers c1 at 09:00:10, the conversation ends at 09:03:10 (that event comes late, at 09:04:00),
    // a1 is in ACW 09:03:10–09:03:40. Handle time = talk 180 s + ACW 30 s = 210 s, counted at the end of ACW (09:03:40).
    [Fact]
    public void A_late_contact_ended_still_counts_its_talk_and_acw_in_the_handle_time()
    {
        var f = new CentreScript(NineAm);
        var centre = f.NewCentreMetrics();
        centre.AdvanceTo(f.At(0));
        centre.Offer(f.Agent("a1", AgentState.Available, 0));
        centre.Offer(f.Queued("c1", 0));
        centre.AdvanceTo(f.At(10));
        centre.Offer(f.Answered("c1", 10));
        centre.Offer(f.Agent("a1", AgentState.OnContact, 10));
        centre.AdvanceTo(f.At(190));
        centre.Offer(f.Agent("a1", AgentState.Acw, 190));
        centre.AdvanceTo(f.At(220));
        centre.Offer(f.Agent("a1", AgentState.Available, 220));
        centre.AdvanceTo(f.At(240));                      // watermark 09:03:55
        centre.Offer(f.Ended("c1", 190));                 // 09:03:10, 45 s behind it: late
        centre.AdvanceTo(f.At(300));

        var today = Sales(centre, f.At(300)).Today;

        Assert.Equal(1, centre.Late);
        Assert.Equal(1, today.Handled);
        Assert.Equal(210.0, today.AhtSeconds);
    }
}

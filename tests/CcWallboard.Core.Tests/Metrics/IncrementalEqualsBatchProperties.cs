using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CcWallboard.Core.Tests.Metrics;

/// <summary>
/// The incremental engine, fed as a live host feeds it, gives every figure a plain batch recomputation over the
/// same events gives (<see cref="BatchReference"/>): for random centres and realistic streams, in order, shuffled
/// within the allowed lateness, with duplicates, with abandons arriving later than the lateness, and with agents
/// whose feed reports no contact states. Figures are compared at three checkpoints of the live feed (sometimes
/// exactly on an interval start or a sliding window's edge) and after the final flush.
/// Each case is a seed (<see cref="RandomCentreStreams"/>); a failing case is shrunk and printed with its seed.
/// </summary>
public sealed class IncrementalEqualsBatchProperties
{
    private const int Cases = 200;

    /// <summary>Seeds; shrinking a seed means nothing, so the harness shrinks the stream itself.</summary>
    private static readonly Arbitrary<int> Seeds = Gen.Choose(0, 1_000_000_000).ToArbitrary();

    [Property(MaxTest = Cases)]
    public Property Stream_in_order_gives_the_figures_of_a_batch_recomputation() =>
        Prop.ForAll(Seeds, seed => LiveFeedHarness.Check(seed, Delivery.InOrder));

    [Property(MaxTest = Cases)]
    public Property Stream_shuffled_within_the_allowed_lateness_gives_the_figures_of_the_ordered_stream() =>
        Prop.ForAll(Seeds, seed => LiveFeedHarness.Check(seed, Delivery.ShuffledWithinLateness));

    [Property(MaxTest = Cases)]
    public Property Duplicated_events_delivered_again_later_change_no_figure() =>
        Prop.ForAll(Seeds, seed => LiveFeedHarness.Check(seed, Delivery.ShuffledWithDuplicates));

    [Property(MaxTest = Cases / 2)]
    public Property Abandons_later_than_the_lateness_are_counted_late_and_still_give_the_batch_figures_at_the_end() =>
        Prop.ForAll(Seeds, seed => LiveFeedHarness.Check(seed, Delivery.LateAbandons));

    /// <summary>
    /// Feeds like Asterisk's queue_log (EVENTS.md) report log in, pause and log off but no on_contact or acw: an
    /// agent's next answer is what shows that no ACW followed the previous contact.
    /// </summary>
    [Property(MaxTest = Cases / 2)]
    public Property Agents_whose_feed_reports_no_contact_states_give_the_figures_of_a_batch_recomputation() =>
        Prop.ForAll(Seeds, seed => LiveFeedHarness.Check(seed, Delivery.ShuffledWithDuplicates, agentsWithoutContactStates: true));

    [Fact]
    public void A_contact_followed_by_the_agents_next_answer_with_no_state_between_is_handled_with_zero_acw()
    {
        var nine = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var options = new CentreOptions
        {
            Centre = new CentreSettings { TimeZone = "UTC", IntervalMinutes = 15, AllowedLatenessSeconds = 5 },
            Queues = [new QueueSettings { Id = "sales", ServiceLevelSeconds = 20 }],
            Agents = [new AgentSettings { Id = "a1", Queues = ["sales"] }],
        };
        var metrics = new CentreMetrics(options, nine);
        AcdEvent[] events =
        [
            new AgentStateChanged("e1", nine, "a1", AgentState.Available),
            new ContactQueued("e2", nine.AddSeconds(10), "c1", "sales"),
            new ContactAnswered("e3", nine.AddSeconds(15), "c1", "sales", "a1"),
            new ContactEnded("e4", nine.AddSeconds(315), "c1", "sales", "a1"),
            new ContactQueued("e5", nine.AddSeconds(320), "c2", "sales"),
            // a1 takes the next contact: no ACW followed c1, whose 300 s of talk are its handle time.
            new ContactAnswered("e6", nine.AddSeconds(330), "c2", "sales", "a1"),
        ];
        foreach (var e in events)
        {
            metrics.Offer(e);
            metrics.AdvanceTo(e.At);
        }
        metrics.AdvanceTo(nine.AddMinutes(6));

        var sales = metrics.Engine.ViewOf("sales", metrics.Engine.Now)!;

        Assert.Equal(1, sales.Today.Handled);
        Assert.Equal(300.0, sales.Today.AhtSeconds);
        Assert.Equal(1, sales.Sliding[0].Handled);
    }

    [Fact]
    public void Two_chats_an_agent_handles_at_once_each_count_their_handle_time()
    {
        var nine = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var options = new CentreOptions
        {
            Centre = new CentreSettings { TimeZone = "UTC", IntervalMinutes = 15, AllowedLatenessSeconds = 5 },
            Queues = [new QueueSettings { Id = "chat", ServiceLevelSeconds = 60 }],
            Agents = [new AgentSettings { Id = "a1", Queues = ["chat"] }],
        };
        var metrics = new CentreMetrics(options, nine);
        AcdEvent[] events =
        [
            new AgentStateChanged("e1", nine, "a1", AgentState.Available),
            new ContactQueued("e2", nine.AddSeconds(1), "c1", "chat", ContactChannel.Chat),
            new ContactAnswered("e3", nine.AddSeconds(2), "c1", "chat", "a1"),
            new AgentStateChanged("e4", nine.AddSeconds(3), "a1", AgentState.OnContact),
            new ContactQueued("e5", nine.AddSeconds(10), "c2", "chat", ContactChannel.Chat),
            // a1 takes a second chat while the first goes on.
            new ContactAnswered("e6", nine.AddSeconds(12), "c2", "chat", "a1"),
            new ContactEnded("e7", nine.AddSeconds(102), "c1", "chat", "a1"),
            new ContactEnded("e8", nine.AddSeconds(132), "c2", "chat", "a1"),
            new AgentStateChanged("e9", nine.AddSeconds(133), "a1", AgentState.Available),
        ];
        var offered = new List<AcdEvent>();
        foreach (var e in events)
        {
            metrics.Offer(e);
            offered.Add(e);
            metrics.AdvanceTo(e.At);
        }
        metrics.AdvanceTo(nine.AddMinutes(5));

        var chat = metrics.Engine.ViewOf("chat", metrics.Engine.Now)!;

        var reference = BatchReference.Compute(options, offered, metrics.Engine.Now).ViewOf("chat");
        Assert.Equal(2, reference.Today.Handled);
        Assert.Equal(110.0, reference.Today.AhtSeconds);

        // 100 s for c1 (09:00:02–09:01:42) and 120 s for c2 (09:00:12–09:02:12), no ACW.
        Assert.Equal(2, chat.Today.Handled);
        Assert.Equal(110.0, chat.Today.AhtSeconds);
    }

    [Fact]
    public void Events_later_than_the_allowed_lateness_are_counted_late_and_land_in_the_interval_and_today_they_belong_to()
    {
        var nine = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var options = new CentreOptions
        {
            Centre = new CentreSettings { TimeZone = "UTC", IntervalMinutes = 15, AllowedLatenessSeconds = 5 },
            Queues = [new QueueSettings { Id = "sales", ServiceLevelSeconds = 20, ShortAbandonSeconds = 5 }],
            Agents = [new AgentSettings { Id = "a1", Queues = ["sales"] }],
        };
        var metrics = new CentreMetrics(options, nine);
        var offered = new List<AcdEvent>();
        void Arrive(AcdEvent e, DateTimeOffset clock)
        {
            metrics.AdvanceTo(clock);
            metrics.Offer(e);
            offered.Add(e);
        }

        Arrive(new AgentStateChanged("s1", nine.AddSeconds(1), "a1", AgentState.Available), nine.AddSeconds(1));
        Arrive(new ContactQueued("q1", nine.AddMinutes(14), "c1", "sales"), nine.AddMinutes(14));
        Arrive(new ContactQueued("q2", nine.AddMinutes(14).AddSeconds(30), "c2", "sales"), nine.AddMinutes(14).AddSeconds(30));
        Arrive(new ContactAnswered("a2", nine.AddMinutes(14).AddSeconds(40), "c2", "sales", "a1"), nine.AddMinutes(14).AddSeconds(40));
        Arrive(new ContactQueued("q3", nine.AddMinutes(15).AddSeconds(10), "c3", "sales"), nine.AddMinutes(15).AddSeconds(10));
        Arrive(new ContactQueued("q4", nine.AddMinutes(16), "c4", "sales"), nine.AddMinutes(16));
        // c1 gave up at 09:14:50 (a 50 s wait, in 09:00–09:15), but the host hears of it at 09:16:30.
        Arrive(new ContactAbandoned("b1", nine.AddMinutes(14).AddSeconds(50), "c1", "sales"), nine.AddMinutes(16).AddSeconds(30));
        // c3 gave up at 09:15:12 after 2 s, a short abandon of 09:15–09:30, heard of at 09:17:00.
        Arrive(new ContactAbandoned("b3", nine.AddMinutes(15).AddSeconds(12), "c3", "sales"), nine.AddMinutes(17));
        metrics.AdvanceTo(nine.AddMinutes(17).AddSeconds(10));

        var now = metrics.Engine.Now;
        var sales = metrics.Engine.ViewOf("sales", now)!;
        var intervals = metrics.Engine.IntervalsOf("sales")!;
        var nineToQuarterPast = intervals.Single(i => i.WindowStart == nine);
        var quarterPastToHalfPast = intervals.Single(i => i.WindowStart == nine.AddMinutes(15));

        Assert.Equal(2, metrics.Late);
        Assert.Equal(nine.AddMinutes(17).AddSeconds(5), now);
        Assert.Equal(1, nineToQuarterPast.Abandoned);
        Assert.Equal(0, nineToQuarterPast.AbandonedWithinThreshold);
        Assert.Equal(1, nineToQuarterPast.Answered);
        Assert.Equal(2, nineToQuarterPast.Offered);
        Assert.Equal(1, quarterPastToHalfPast.ShortAbandoned);
        Assert.Equal(1, sales.Interval.ShortAbandoned);
        Assert.Equal(1, sales.Today.Abandoned);
        Assert.Equal(1, sales.Today.ShortAbandoned);
        Assert.Equal(3, sales.Today.Offered);
        Assert.Equal(50.0, sales.Today.ServiceLevelPercent);
        Assert.Equal(1, sales.CallsWaiting);
        Assert.Equal(3, sales.Sliding[0].Offered);

        var mismatches = new List<Mismatch>();
        LiveFeedHarness.Compare(metrics.Engine, BatchReference.Compute(options, offered, now), now, "after the late events:", mismatches);
        Assert.Empty(mismatches);
    }
}

using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;

namespace CcWallboard.Core.Tests.Metrics;

/// <summary>Sliding windows hold the outcomes timed in <c>(now − W, now]</c> (METRICS.md, "Windows").</summary>
public class SlidingWindowTests
{
    private static readonly DateTimeOffset NineAm = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static int[] OfferedPerWindow(CentreScript f, DateTimeOffset now) =>
        [.. f.View("sales", now).Sliding.Select(w => w.Offered)];

    [Fact]
    public void Default_windows_are_15_30_and_60_minutes_shortest_first()
    {
        var f = new CentreScript(NineAm);

        Assert.Equal(["15m", "30m", "60m"], f.View("sales", 0).Sliding.Select(w => w.Window));
    }

    [Fact]
    public void An_outcome_leaves_each_window_exactly_when_the_window_length_has_passed_since_it()
    {
        var f = new CentreScript(NineAm);
        var answeredAt = NineAm.AddSeconds(30);
        f.Play(f.AnsweredAfter("c1", 20, 10));

        // Window W at now holds t when now − W < t <= now.
        Assert.Equal([1, 1, 1], OfferedPerWindow(f, answeredAt));
        Assert.Equal([1, 1, 1], OfferedPerWindow(f, answeredAt + TimeSpan.FromMinutes(15) - Tick));
        Assert.Equal([0, 1, 1], OfferedPerWindow(f, answeredAt + TimeSpan.FromMinutes(15)));
        Assert.Equal([0, 1, 1], OfferedPerWindow(f, answeredAt + TimeSpan.FromMinutes(30) - Tick));
        Assert.Equal([0, 0, 1], OfferedPerWindow(f, answeredAt + TimeSpan.FromMinutes(30)));
        Assert.Equal([0, 0, 1], OfferedPerWindow(f, answeredAt + TimeSpan.FromMinutes(60) - Tick));
        Assert.Equal([0, 0, 0], OfferedPerWindow(f, answeredAt + TimeSpan.FromMinutes(60)));
    }

    [Fact]
    public void An_outcome_timed_exactly_now_is_inside_every_window()
    {
        var f = new CentreScript(NineAm);
        f.Play(f.AnsweredAfter("c1", 0, 10));

        Assert.Equal([1, 1, 1], OfferedPerWindow(f, NineAm.AddSeconds(10)));
    }

    [Fact]
    public void A_window_spans_now_minus_its_length_to_now_in_local_time()
    {
        var summerNine = new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.FromHours(1)); // 09:00 BST
        var f = new CentreScript(summerNine);

        var view = f.View("sales", 1800);

        // now = 09:30 BST; 15m: 09:15–09:30, 30m: 09:00–09:30, 60m: 08:30–09:30, all on the local clock at +01:00.
        Assert.Equal(
            [("09:15", "09:30"), ("09:00", "09:30"), ("08:30", "09:30")],
            view.Sliding.Select(w => (Clock(w.WindowStart), Clock(w.WindowEnd))));
        Assert.All(view.Sliding, w => Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromHours(1)), (w.WindowStart.Offset, w.WindowEnd.Offset)));

        static string Clock(DateTimeOffset local) => local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Each_window_sums_exactly_the_outcomes_still_inside_it()
    {
        var f = new CentreScript(NineAm);
        // Answers at 09:01 (wait 10 s), 09:20 (wait 25 s, a miss), 09:40 (wait 5 s); an abandon at 09:44 after 40 s.
        f.Play([
            .. f.AnsweredAfter("c1", 50, 10),
            .. f.AnsweredAfter("c2", 1175, 25),
            .. f.AnsweredAfter("c3", 2395, 5),
            .. f.AbandonedAfter("c4", 2600, 40),
        ]);

        var view = f.View("sales", 2700); // now 09:45

        // 15m (09:30, 09:45]: c3 met, c4 abandoned after T → AbandonsWithinThresholdIgnored 1 / (1 + 1 − 0) = 50 %.
        var w15 = CentreScript.Window(view, "15m");
        Assert.Equal((2, 1, 1), (w15.Offered, w15.Answered, w15.Abandoned));
        Assert.Equal(50.0, w15.ServiceLevelPercent);
        Assert.Equal(50.0, w15.AbandonmentRatePercent);
        Assert.Equal(5.0, w15.AsaSeconds);
        // 30m (09:15, 09:45]: c2 missed, c3 met, c4 → 1 / (2 + 1) = 33.33 %; ASA (25 + 5) / 2 = 15 s.
        var w30 = CentreScript.Window(view, "30m");
        Assert.Equal((3, 2, 1), (w30.Offered, w30.Answered, w30.Abandoned));
        Assert.Equal(100.0 / 3, w30.ServiceLevelPercent!.Value, 9);
        Assert.Equal(15.0, w30.AsaSeconds);
        // 60m (08:45, 09:45]: c1, c2, c3, c4 → 2 / (3 + 1) = 50 %; ASA (10 + 25 + 5) / 3 = 13.33 s.
        var w60 = CentreScript.Window(view, "60m");
        Assert.Equal((4, 3, 1), (w60.Offered, w60.Answered, w60.Abandoned));
        Assert.Equal(50.0, w60.ServiceLevelPercent);
        Assert.Equal(40.0 / 3, w60.AsaSeconds!.Value, 9);
    }

    [Fact]
    public void Handle_time_counts_in_the_windows_of_the_end_of_acw_not_of_the_answer()
    {
        var f = new CentreScript(NineAm);
        // Answered 09:00:10, talk to 09:03:10 (180 s), ACW to 09:03:40 (30 s): handle 210 s, counted at 09:03:40.
        f.Play([
            f.Agent("a1", AgentState.Available, 0),
            .. f.AnsweredAfter("c1", 0, 10),
            f.Agent("a1", AgentState.OnContact, 10),
            f.Ended("c1", 190),
            f.Agent("a1", AgentState.Acw, 190),
        ]);

        Assert.Equal(0, CentreScript.Window(f.View("sales", 219), "15m").Handled);

        f.Play(f.Agent("a1", AgentState.Available, 220));
        var atAcwEnd = CentreScript.Window(f.View("sales", 220), "15m");
        Assert.Equal((1, 1), (atAcwEnd.Answered, atAcwEnd.Handled));
        Assert.Equal(210.0, atAcwEnd.AhtSeconds);

        // 09:15:10: the answer (09:00:10) has left the 15-minute window, the handle (09:03:40) has not.
        var afterAnswerLeft = CentreScript.Window(f.View("sales", 910), "15m");
        Assert.Equal((0, 1), (afterAnswerLeft.Answered, afterAnswerLeft.Handled));
        Assert.Null(afterAnswerLeft.ServiceLevelPercent);
        Assert.Equal(210.0, afterAnswerLeft.AhtSeconds);

        // 09:18:40: the handle leaves the 15-minute window and stays in the 30-minute one.
        var view = f.View("sales", 1120);
        Assert.Equal(0, CentreScript.Window(view, "15m").Handled);
        Assert.Null(CentreScript.Window(view, "15m").AhtSeconds);
        Assert.Equal(210.0, CentreScript.Window(view, "30m").AhtSeconds);
    }

    [Fact]
    public void Configured_windows_replace_the_defaults_sorted_and_without_repeats()
    {
        var f = new CentreScript(NineAm, o => o.Centre.SlidingWindowsMinutes = [120, 5, 5]);
        f.Play(f.AnsweredAfter("c1", 0, 10)); // answered 09:00:10

        Assert.Equal(["5m", "120m"], f.Engine.SlidingWindowNames);
        Assert.Equal(["5m", "120m"], f.View("sales", 10).Sliding.Select(w => w.Window));
        Assert.Equal([1, 1], OfferedPerWindow(f, NineAm.AddSeconds(10 + 300) - Tick));
        Assert.Equal([0, 1], OfferedPerWindow(f, NineAm.AddSeconds(10 + 300)));
        Assert.Equal([0, 1], OfferedPerWindow(f, NineAm.AddSeconds(10 + 7200) - Tick));
        Assert.Equal([0, 0], OfferedPerWindow(f, NineAm.AddSeconds(10 + 7200)));
    }

    [Fact]
    public void Sliding_windows_run_across_an_interval_boundary_where_the_interval_restarts()
    {
        var f = new CentreScript(NineAm);
        f.Play(f.AnsweredAfter("c1", 830, 10)); // answered 09:14:00, in the 09:00 interval

        var view = f.View("sales", 1200); // 09:20, in the 09:15 interval

        Assert.Equal(NineAm.AddMinutes(15), view.Interval.WindowStart);
        Assert.Equal(0, view.Interval.Offered);
        Assert.Equal(1, CentreScript.Window(view, "15m").Offered);
        Assert.Equal(1, view.Today.Offered);
    }

    [Fact]
    public void Sliding_windows_run_across_local_midnight_while_today_restarts()
    {
        var f = new CentreScript(NineAm);
        var answeredAt = new DateTimeOffset(2026, 11, 23, 23, 55, 0, TimeSpan.Zero); // 23:55 London (GMT)
        f.Play(f.AnsweredAfter("late-night", answeredAt.AddSeconds(-10), 10));

        var afterMidnight = f.View("sales", new DateTimeOffset(2026, 11, 24, 0, 5, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 11, 24), f.Engine.Day.Date);
        Assert.Equal(0, afterMidnight.Today.Offered);
        Assert.Equal(0, afterMidnight.Interval.Offered);
        Assert.Equal([1, 1, 1], afterMidnight.Sliding.Select(w => w.Offered));
        Assert.Equal(100.0, CentreScript.Window(afterMidnight, "15m").ServiceLevelPercent);
        // 00:10 = 23:55 + 15 min: out of the 15-minute window, still in the 30 and 60.
        Assert.Equal([0, 1, 1], OfferedPerWindow(f, new DateTimeOffset(2026, 11, 24, 0, 10, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void An_outcome_applied_out_of_order_is_counted_in_the_windows_it_belongs_to_and_leaves_them_on_time()
    {
        var f = new CentreScript(NineAm);
        f.Play([.. f.AnsweredAfter("a", 350, 10), .. f.AnsweredAfter("b", 1070, 10)]); // answered 09:06:00 and 09:18:00
        f.Play(f.Queued("c", 100));
        f.Engine.AdvanceTo(NineAm.AddMinutes(20));

        // c's answer is applied at 09:20 but happened at 09:02: outside the 15-minute window (09:05, 09:20].
        f.Engine.Apply(f.Answered("c", 120));

        Assert.Equal([2, 3, 3], OfferedPerWindow(f, NineAm.AddMinutes(20)));
        // 09:21: a (09:06) leaves the 15-minute window; 09:32: c (09:02) leaves the 30-minute one;
        // 10:02: c leaves the 60-minute one; 10:18: b (09:18), the last, leaves it.
        Assert.Equal([1, 3, 3], OfferedPerWindow(f, NineAm.AddMinutes(21)));
        Assert.Equal([1, 2, 3], OfferedPerWindow(f, NineAm.AddMinutes(32)));
        Assert.Equal([0, 0, 2], OfferedPerWindow(f, NineAm.AddMinutes(62)));
        Assert.Equal([0, 0, 0], OfferedPerWindow(f, NineAm.AddMinutes(78)));
    }

    [Fact]
    public void An_empty_window_has_null_figures_not_zero()
    {
        var f = new CentreScript(NineAm);
        f.Play([
            f.Agent("a1", AgentState.Available, 0),
            .. f.AnsweredAfter("c1", 0, 10),
            f.Agent("a1", AgentState.OnContact, 10),
            f.Ended("c1", 100),
            f.Agent("a1", AgentState.LoggedOut, 100),
        ]);

        var view = f.View("sales", 100 + 3600); // everything, including the agent's time, is over an hour old

        foreach (var window in view.Sliding)
        {
            Assert.Equal(0, window.Offered);
            Assert.Equal(0, window.Handled);
            Assert.Null(window.ServiceLevelPercent);
            Assert.Null(window.AbandonmentRatePercent);
            Assert.Null(window.AsaSeconds);
            Assert.Null(window.AhtSeconds);
            Assert.Null(window.OccupancyPercent);
        }
        Assert.Equal(1, view.Today.Offered);
    }

    /// <summary>
    /// 3,000 contacts over 2.5 hours (more than the engine's first 1,024 held outcomes, so its store compacts and
    /// grows), one in ten outcomes applied up to 20 minutes after it happened: at every checkpoint each window holds
    /// exactly the outcomes a recount finds in <c>(now − W, now]</c>.
    /// </summary>
    [Fact]
    public void Sliding_sums_equal_a_recount_of_the_outcomes_inside_each_window_even_when_some_come_late()
    {
        var f = new CentreScript(NineAm);
        var random = new Random(15_30_60);
        var schedule = new List<(DateTimeOffset ApplyAt, AcdEvent Event)>();
        for (var i = 0; i < 3000; i++)
        {
            var queuedAt = f.At(i * 3);
            var outcomeAt = queuedAt.AddSeconds(random.Next(0, 60));
            AcdEvent outcome = random.Next(4) == 0 ? f.Abandoned($"c{i}", outcomeAt) : f.Answered($"c{i}", outcomeAt);
            var delay = random.Next(10) == 0 ? TimeSpan.FromSeconds(random.Next(1, 1200)) : TimeSpan.Zero;
            schedule.Add((queuedAt, f.Queued($"c{i}", queuedAt)));
            schedule.Add((outcomeAt + delay, outcome));
        }
        var applied = new List<AcdEvent>();
        var step = 0;
        foreach (var (applyAt, e) in schedule.OrderBy(s => s.ApplyAt).ThenBy(s => s.Event is ContactQueued ? 0 : 1))
        {
            f.Engine.AdvanceTo(applyAt);
            f.Engine.Apply(e);
            if (e is not ContactQueued)
            {
                applied.Add(e);
            }
            if (++step % 97 == 0)
            {
                var now = f.Engine.Now;
                var view = f.Engine.ViewOf("sales", now)!;
                foreach (var window in view.Sliding)
                {
                    var length = now - window.WindowStart;
                    var inside = applied.Where(o => o.At > now - length && o.At <= now).ToList();
                    Assert.Equal(inside.Count, window.Offered);
                    Assert.Equal(inside.Count(o => o is ContactAnswered), window.Answered);
                }
            }
        }
        Assert.Equal(0, f.Engine.Orphans);
    }
}

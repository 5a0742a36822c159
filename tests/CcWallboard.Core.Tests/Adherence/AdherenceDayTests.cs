using CcWallboard.Core.Adherence;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;

namespace CcWallboard.Core.Tests.Adherence;

/// <summary>The day: it resets by the clock, a daylight-saving day has 25 hours, late events and new schedules re-count it.</summary>
public sealed class AdherenceDayTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute, int second = 0) =>
        new(2026, month, day, hour, minute, second, TimeSpan.Zero);

    /// <summary>
    /// Europe/London, 2026-10-25: the day runs 2026-10-24T23:00Z – 2026-10-26T00:00Z (25 h; 01:00–02:00 local twice).
    /// A shift 00:00–04:00 local on that date lasts 5 h of elapsed time: 23:00Z – 04:00Z, 18000 s.
    /// a1 logs in at 00:30 BST (23:30Z) and out at 04:00 GMT: in 16200 s, out 1800 s, 90 %; worked 16200 / 18000 = 90 %.
    /// a2, with no schedule, is logged in the whole day: 25 h = 90000 s worked when read at the day's end instant.
    /// </summary>
    [Fact]
    public void A_daylight_saving_day_has_25_hours_and_a_shift_across_the_change_is_counted_in_elapsed_time()
    {
        var s = new AdherenceScript();
        var night = new ShiftSettings { Id = "night", Start = "00:00", End = "04:00" };
        foreach (var activity in ShiftSchedule.Expand("a1", night, new DateOnly(2026, 10, 25), s.Calendar))
        {
            s.Scheduled("a1", activity.Activity, activity.Start, activity.End);
        }
        s.Start(Utc(10, 24, 23, 0));
        Assert.Equal(TimeSpan.FromHours(25), s.Engine.Day.Length);

        s.State("a2", AgentState.Available, Utc(10, 24, 23, 0));
        s.State("a1", AgentState.Available, Utc(10, 24, 23, 30));
        s.State("a1", AgentState.LoggedOut, Utc(10, 25, 4, 0));
        s.AdvanceTo(Utc(10, 26, 0, 0));

        var a1 = s.Engine.AgentOf("a1")!;
        Assert.Equal(18000, a1.ScheduledSeconds);
        Assert.Equal(16200, a1.InAdherenceSeconds);
        Assert.Equal(1800, a1.OutOfAdherenceSeconds);
        Assert.Equal(90, a1.AdherencePercent!.Value, 6);
        Assert.Equal(90, a1.ConformancePercent!.Value, 6);
        Assert.Equal(90000, s.Engine.AgentOf("a2")!.WorkedSeconds);
        Assert.Equal(new DateOnly(2026, 10, 25), s.Engine.Day.Date);

        s.AdvanceTo(Utc(10, 26, 0, 0, 1));

        Assert.Equal(new DateOnly(2026, 10, 26), s.Engine.Day.Date);
        Assert.Equal(0, s.Engine.AgentOf("a1")!.ScheduledSeconds);
        Assert.Equal(1, s.Engine.AgentOf("a2")!.WorkedSeconds);
    }

    /// <summary>
    /// a1 is open 09:00–10:00 on Monday and Tuesday, logs in on Monday at 09:00 and stays logged in. Monday's figures
    /// stand at midnight; past it Tuesday starts from nothing, with a1 still available: in 3600 s by Tuesday 10:00.
    /// </summary>
    [Fact]
    public void The_day_resets_by_the_clock_and_the_agents_state_carries_into_the_next_day()
    {
        var s = new AdherenceScript()
            .Scheduled("a1", "open", "09:00", "10:00")
            .Scheduled("a1", "open", new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero))
            .Start();
        s.Available("a1", "09:00");

        s.AdvanceTo(Utc(11, 24, 0, 0));
        Assert.Equal(3600, s.Engine.AgentOf("a1")!.InAdherenceSeconds);
        Assert.Equal(54000, s.Engine.AgentOf("a1")!.WorkedSeconds); // 09:00 to midnight

        s.AdvanceTo(Utc(11, 24, 0, 0, 1));
        var tuesday = s.Engine.AgentOf("a1")!;
        Assert.Equal(new DateOnly(2026, 11, 24), s.Engine.Day.Date);
        Assert.Equal(0, tuesday.ScheduledSeconds);
        Assert.Null(tuesday.AdherencePercent);

        s.AdvanceTo(Utc(11, 24, 10, 0));
        Assert.Equal(3600, s.Engine.AgentOf("a1")!.InAdherenceSeconds);
        Assert.Equal(100, s.Engine.AgentOf("a1")!.AdherencePercent!.Value, 6);
    }

    /// <summary>
    /// Open 09:00–10:00; available at 09:00; at 09:30 two changes arrive late: a break 09:10–09:20. Re-counted as if in
    /// order: in 600 + 600 = 1200 s, out 600 s by 09:30 — the figures of the engine that got them in time.
    /// </summary>
    [Fact]
    public void A_state_change_that_comes_after_the_clock_passed_it_is_recounted_as_if_in_order()
    {
        var late = new AdherenceScript().Scheduled("a1", "open", "09:00", "10:00").Start();
        late.Available("a1", "09:00");
        late.AdvanceTo("09:30");
        late.NotReady("a1", "break", "09:10");
        late.Available("a1", "09:20");

        var inOrder = new AdherenceScript().Scheduled("a1", "open", "09:00", "10:00").Start();
        inOrder.Available("a1", "09:00");
        inOrder.NotReady("a1", "break", "09:10");
        inOrder.Available("a1", "09:20");
        inOrder.AdvanceTo("09:30");

        var a1 = late.Engine.AgentOf("a1")!;
        Assert.Equal((1200.0, 600.0), (a1.InAdherenceSeconds, a1.OutOfAdherenceSeconds));
        Assert.Equal(inOrder.Engine.AgentOf("a1"), a1);
        Assert.Equal(AgentState.Available, a1.State);
    }

    /// <summary>A late change newer than the agent's last one becomes the current state: out since 09:25, 300 s by 09:30.</summary>
    [Fact]
    public void A_late_state_change_newer_than_the_agents_last_becomes_the_current_state()
    {
        var s = new AdherenceScript().Scheduled("a1", "open", "09:00", "10:00").Start();
        s.Available("a1", "09:00");
        s.AdvanceTo("09:30");

        s.NotReady("a1", "break", "09:25");

        var a1 = s.Engine.AgentOf("a1")!;
        Assert.Equal((AgentState.NotReady, "break"), (a1.State, a1.Reason));
        Assert.Equal(AdherenceStatus.Out, a1.Status);
        Assert.Equal(s.At("09:25"), a1.OutSince);
        Assert.Equal(300, a1.OutOfAdherenceSeconds);
    }

    [Fact]
    public void A_state_change_from_before_the_day_changes_nothing_and_is_counted_as_stale()
    {
        var s = new AdherenceScript().Scheduled("a1", "open", "09:00", "10:00").Start();
        s.Available("a1", "09:00");

        s.State("a1", AgentState.LoggedOut, Utc(11, 22, 23, 0));

        Assert.Equal(1, s.Engine.StaleAgentStates);
        Assert.Equal(AgentState.Available, s.Engine.AgentOf("a1")!.State);
    }

    /// <summary>
    /// Scheduled open 09:00–10:00 but on a break from 09:00: out, alert raised at 09:03. At 09:20 a new schedule says
    /// break 09:00–09:30, open 09:30–10:00: re-counted, the 1200 s so far are in and the alert clears.
    /// </summary>
    [Fact]
    public void Replacing_the_schedule_recounts_the_day_so_far_and_clears_an_alert_it_no_longer_supports()
    {
        var s = new AdherenceScript().Scheduled("a1", "open", "09:00", "10:00").Start();
        s.NotReady("a1", "break", "09:00");
        s.AdvanceTo("09:20");
        Assert.Equal(AlertChangeKind.Raised, s.Changes[0].Kind);

        var changes = s.Engine.ReplaceSchedule(new Dictionary<string, IReadOnlyList<ScheduledActivity>>
        {
            ["a1"] = [new("a1", "break", s.At("09:00"), s.At("09:30")), new("a1", "open", s.At("09:30"), s.At("10:00"))],
        });

        Assert.Equal(AlertChangeKind.Cleared, Assert.Single(changes).Kind);
        var a1 = s.Engine.AgentOf("a1")!;
        Assert.Equal((1200.0, 0.0, AdherenceStatus.In), (a1.InAdherenceSeconds, a1.OutOfAdherenceSeconds, a1.Status));
        Assert.Equal(s.At("09:30"), a1.ActivityUntil);
        Assert.Equal(AdherenceStatus.Out, s.Agent("a1", "09:31").Status);
    }

    /// <summary>
    /// Open 09:00–10:30, break 10:30–10:45, open 10:45–12:00; logs in 09:10, break 10:30–10:50. At 11:00 the picture:
    /// off until 09:00, out 09:00–09:10, in 09:10–10:45, out 10:45–10:50, in 10:50–11:00.
    /// </summary>
    [Fact]
    public void Timeline_gives_the_days_schedule_the_actual_states_and_the_adherence_bands()
    {
        var s = new AdherenceScript()
            .Scheduled("a1", "open", "09:00", "10:30")
            .Scheduled("a1", "break", "10:30", "10:45")
            .Scheduled("a1", "open", "10:45", "12:00")
            .Start();
        s.Available("a1", "09:10");
        s.NotReady("a1", "break", "10:30");
        s.Available("a1", "10:50");
        s.AdvanceTo("11:00");

        var timeline = s.Engine.Timeline("a1")!;

        Assert.Equal(
            [("open", s.At("09:00"), s.At("10:30")), ("break", s.At("10:30"), s.At("10:45")), ("open", s.At("10:45"), s.At("12:00"))],
            timeline.Scheduled.Select(a => (a.Activity, a.Start, a.End)));
        Assert.Equal(
            [
                (AgentState.LoggedOut, (string?)null, s.At("00:00"), s.At("09:10")),
                (AgentState.Available, null, s.At("09:10"), s.At("10:30")),
                (AgentState.NotReady, "break", s.At("10:30"), s.At("10:50")),
                (AgentState.Available, null, s.At("10:50"), s.At("11:00")),
            ],
            timeline.Actual.Select(a => (a.State, a.Reason, a.Start, a.End)));
        Assert.Equal(
            [
                (AdherenceStatus.Off, s.At("00:00"), s.At("09:00")),
                (AdherenceStatus.Out, s.At("09:00"), s.At("09:10")),
                (AdherenceStatus.In, s.At("09:10"), s.At("10:45")),
                (AdherenceStatus.Out, s.At("10:45"), s.At("10:50")),
                (AdherenceStatus.In, s.At("10:50"), s.At("11:00")),
            ],
            timeline.Adherence.Select(a => (a.Status, a.Start, a.End)));
        Assert.Null(s.Engine.Timeline("nobody"));
    }

    [Fact]
    public void An_agent_first_seen_in_the_feed_is_tracked_and_counted_in_the_centre_only()
    {
        var s = new AdherenceScript().Start();
        s.State("x9", AgentState.Available, s.At("09:00"));

        var x9 = s.Agent("x9", "10:00");

        Assert.Equal(("x9", (string?)null, 3600.0), (x9.Name, x9.TeamId, x9.WorkedSeconds));
        Assert.Equal(4, s.Engine.Centre.Agents);
        Assert.DoesNotContain(s.Engine.Teams, t => t.Agents == 4);
    }

    [Fact]
    public void Status_names_are_those_of_the_ui()
    {
        Assert.Equal(["off", "in", "out", "not_calculated"], Enum.GetValues<AdherenceStatus>().Select(AdherenceNames.Of));
        Assert.Equal(["warning", "severe"], Enum.GetValues<AlertSeverity>().Select(AdherenceNames.Of));
    }

    [Fact]
    public void The_rules_classify_an_instant_as_metrics_md_maps_it()
    {
        var rules = new AdherenceRules(new CentreOptions());

        Assert.Equal(AdherenceStatus.In, rules.Classify("open", AgentState.Acw, null));
        Assert.Equal(AdherenceStatus.Out, rules.Classify("open", AgentState.NotReady, "lunch"));
        Assert.Equal(AdherenceStatus.NotCalculated, rules.Classify("open", AgentState.NotReady, "personal"));
        Assert.Equal(AdherenceStatus.In, rules.Classify("open", AgentState.NotReady, "personal", approved: true));
        Assert.Equal(AdherenceStatus.In, rules.Classify("LUNCH", AgentState.NotReady, "Lunch"));
        Assert.Equal(AdherenceStatus.Out, rules.Classify("meeting", AgentState.LoggedOut, null));
        Assert.Equal(AdherenceStatus.Off, rules.Classify(null, AgentState.LoggedOut, null));
        Assert.Equal(AdherenceStatus.Off, rules.Classify("off", AgentState.Available, null));
    }
}

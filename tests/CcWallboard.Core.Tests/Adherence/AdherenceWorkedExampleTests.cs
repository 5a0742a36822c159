using CcWallboard.Core.Adherence;
using CcWallboard.Core.Events;

namespace CcWallboard.Core.Tests.Adherence;

/// <summary>
/// Worked examples of METRICS.md, "Schedule adherence", each computed by hand in its comment. Adherence % = in /
/// (in + out); conformance % = worked (logged in) / scheduled to work.
/// </summary>
public sealed class AdherenceWorkedExampleTests
{
    /// <summary>
    /// Open 09:00–10:00 (3600 s); logs in at 09:10, works until 10:10.
    /// Setting off: in 09:10–10:00 = 3000 s, out 09:00–09:10 = 600 s; 10:00–10:10 is not counted.
    /// Adherence 3000 / 3600 = 83.33 %. Worked 3600 s (50 min in the schedule + 10 past it) / 3600 = 100 %.
    /// </summary>
    [Fact]
    public void Starting_10_minutes_late_and_working_10_past_the_end_is_83_33_percent_when_work_outside_the_schedule_is_not_counted()
    {
        var s = new AdherenceScript().Scheduled("a1", "open", "09:00", "10:00").Start();
        s.Available("a1", "09:10");
        s.LoggedOut("a1", "10:10");

        var a1 = s.Agent("a1", "10:30");

        Assert.Equal(3600, a1.ScheduledSeconds);
        Assert.Equal(3000, a1.InAdherenceSeconds);
        Assert.Equal(600, a1.OutOfAdherenceSeconds);
        Assert.Equal(83.33, a1.AdherencePercent!.Value, 2);
        Assert.Equal(3600, a1.WorkedSeconds);
        Assert.Equal(600, a1.WorkedOutsideScheduleSeconds);
        Assert.Equal(100, a1.ConformancePercent!.Value, 6);
        Assert.Equal(AdherenceStatus.Off, a1.Status);
    }

    /// <summary>
    /// The same day with CountWorkOutsideSchedule on: 10:00–10:10 logged in while off is out and in the denominator.
    /// In 3000 s; out 600 (late) + 600 (past the end) = 1200 s. Adherence 3000 / 4200 = 50 / 70 = 71.43 %.
    /// </summary>
    [Fact]
    public void Starting_10_minutes_late_and_working_10_past_the_end_is_71_43_percent_when_work_outside_the_schedule_counts()
    {
        var s = new AdherenceScript(o => o.Adherence.CountWorkOutsideSchedule = true).Scheduled("a1", "open", "09:00", "10:00").Start();
        s.Available("a1", "09:10");

        Assert.Equal(AdherenceStatus.Out, s.Agent("a1", "10:05").Status);
        s.LoggedOut("a1", "10:10");
        var a1 = s.Agent("a1", "10:30");

        Assert.Equal(3600, a1.ScheduledSeconds);
        Assert.Equal(3000, a1.InAdherenceSeconds);
        Assert.Equal(1200, a1.OutOfAdherenceSeconds);
        Assert.Equal(71.43, a1.AdherencePercent!.Value, 2);
        Assert.Equal(100, a1.ConformancePercent!.Value, 6);
        Assert.Equal(AdherenceStatus.Off, a1.Status);
    }

    /// <summary>
    /// Open 09:00–13:00 (14400 s); logs in at 09:20. Out 1200 s from 09:00, in 13200 s.
    /// Adherence 13200 / 14400 = 91.67 %; worked 13200 / 14400 = 91.67 %.
    /// </summary>
    [Fact]
    public void Late_login_is_out_of_adherence_from_the_shift_start_and_lowers_conformance_as_much()
    {
        var s = new AdherenceScript().Scheduled("a1", "open", "09:00", "13:00").Start();

        var late = s.Agent("a1", "09:15");
        Assert.Equal(AdherenceStatus.Out, late.Status);
        Assert.Equal(s.At("09:00"), late.OutSince);
        Assert.Equal(900, late.OutSeconds);
        Assert.Equal("open", late.Activity);
        Assert.Equal(s.At("13:00"), late.ActivityUntil);

        s.Available("a1", "09:20");
        s.LoggedOut("a1", "13:00");
        var a1 = s.Agent("a1", "13:00");

        Assert.Equal(14400, a1.ScheduledSeconds);
        Assert.Equal(13200, a1.InAdherenceSeconds);
        Assert.Equal(1200, a1.OutOfAdherenceSeconds);
        Assert.Equal(91.67, a1.AdherencePercent!.Value, 2);
        Assert.Equal(13200, a1.WorkedSeconds);
        Assert.Equal(91.67, a1.ConformancePercent!.Value, 2);
    }

    /// <summary>
    /// Open 09:00–12:00, lunch 12:00–13:00, open 13:00–17:00 (28800 s). Lunch (not_ready:lunch) 12:00–13:20: the
    /// 20 minutes past the scheduled lunch are out. In 27600 s: 95.83 %. Logged in all day: 28800 / 28800 = 100 %.
    /// </summary>
    [Fact]
    public void Long_lunch_is_out_of_adherence_for_the_overrun_while_conformance_stays_100_percent()
    {
        var s = new AdherenceScript()
            .Scheduled("a1", "open", "09:00", "12:00")
            .Scheduled("a1", "lunch", "12:00", "13:00")
            .Scheduled("a1", "open", "13:00", "17:00")
            .Start();
        s.Available("a1", "09:00");
        s.NotReady("a1", "lunch", "12:00");

        Assert.Equal(AdherenceStatus.In, s.Agent("a1", "12:30").Status);
        var overrun = s.Agent("a1", "13:10");
        Assert.Equal(AdherenceStatus.Out, overrun.Status);
        Assert.Equal(s.At("13:00"), overrun.OutSince);
        Assert.Equal("open", overrun.Activity);

        s.Available("a1", "13:20");
        s.LoggedOut("a1", "17:00");
        var a1 = s.Agent("a1", "17:00");

        Assert.Equal(28800, a1.ScheduledSeconds);
        Assert.Equal(27600, a1.InAdherenceSeconds);
        Assert.Equal(1200, a1.OutOfAdherenceSeconds);
        Assert.Equal(95.83, a1.AdherencePercent!.Value, 2);
        Assert.Equal(28800, a1.WorkedSeconds);
        Assert.Equal(100, a1.ConformancePercent!.Value, 6);
    }

    /// <summary>
    /// Open 09:00–10:30, break 10:30–10:45, open 10:45–12:00 (10800 s). Break taken 10:15–10:30, then available:
    /// out 10:15–10:30 (a break state while open) and 10:30–10:45 (available while on break) — one continuous stretch
    /// from 10:15 across the schedule boundary. Out 1800 s, in 9000 s: 83.33 %. Logged in throughout: 100 %.
    /// </summary>
    [Fact]
    public void Early_break_is_out_for_the_break_taken_early_and_the_scheduled_break_worked_as_one_stretch()
    {
        var s = new AdherenceScript()
            .Scheduled("a1", "open", "09:00", "10:30")
            .Scheduled("a1", "break", "10:30", "10:45")
            .Scheduled("a1", "open", "10:45", "12:00")
            .Start();
        s.Available("a1", "09:00");
        s.NotReady("a1", "break", "10:15");
        s.Available("a1", "10:30");

        var during = s.Agent("a1", "10:40");
        Assert.Equal(AdherenceStatus.Out, during.Status);
        Assert.Equal("break", during.Activity);
        Assert.Equal(s.At("10:15"), during.OutSince);
        Assert.Equal(1500, during.OutSeconds);

        s.LoggedOut("a1", "12:00");
        var a1 = s.Agent("a1", "12:00");

        Assert.Equal(10800, a1.ScheduledSeconds);
        Assert.Equal(9000, a1.InAdherenceSeconds);
        Assert.Equal(1800, a1.OutOfAdherenceSeconds);
        Assert.Equal(83.33, a1.AdherencePercent!.Value, 2);
        Assert.Equal(100, a1.ConformancePercent!.Value, 6);
    }

    /// <summary>
    /// Open 09:00–12:00 (10800 s); logs out at 11:45. Out 900 s, in 9900 s: 91.67 %; worked 9900 / 10800 = 91.67 %.
    /// </summary>
    [Fact]
    public void Leaving_early_is_out_of_adherence_until_the_shift_ends_and_lowers_conformance()
    {
        var s = new AdherenceScript().Scheduled("a1", "open", "09:00", "12:00").Start();
        s.Available("a1", "09:00");
        s.LoggedOut("a1", "11:45");

        var gone = s.Agent("a1", "11:50");
        Assert.Equal(AdherenceStatus.Out, gone.Status);
        Assert.Equal(AgentState.LoggedOut, gone.State);

        var a1 = s.Agent("a1", "12:30");
        Assert.Equal(10800, a1.ScheduledSeconds);
        Assert.Equal(9900, a1.InAdherenceSeconds);
        Assert.Equal(900, a1.OutOfAdherenceSeconds);
        Assert.Equal(91.67, a1.AdherencePercent!.Value, 2);
        Assert.Equal(9900, a1.WorkedSeconds);
        Assert.Equal(91.67, a1.ConformancePercent!.Value, 2);
        Assert.Equal(AdherenceStatus.Off, a1.Status);
    }

    /// <summary>
    /// Open 09:00–10:00; not_ready:personal (named by no activity of the default mapping) 09:20–09:30. That time is
    /// neither in nor out: in 3000 s, out 0, not calculated 600 s; adherence 3000 / 3000 = 100 %. Ten minutes in it
    /// raise no alert (the default threshold is 180 s).
    /// </summary>
    [Fact]
    public void A_state_no_activity_names_is_not_calculated_neither_in_nor_out_and_raises_no_alert()
    {
        var s = new AdherenceScript().Scheduled("a1", "open", "09:00", "10:00").Start();
        s.Available("a1", "09:00");
        s.NotReady("a1", "personal", "09:20");

        var personal = s.Agent("a1", "09:29");
        Assert.Equal(AdherenceStatus.NotCalculated, personal.Status);
        Assert.Null(personal.OutSince);
        Assert.Null(personal.Alert);
        Assert.Equal("not_calculated", AdherenceNames.Of(personal.Status));

        s.Available("a1", "09:30");
        var a1 = s.Agent("a1", "10:00");
        Assert.Equal(3600, a1.ScheduledSeconds);
        Assert.Equal(3000, a1.InAdherenceSeconds);
        Assert.Equal(0, a1.OutOfAdherenceSeconds);
        Assert.Equal(600, a1.NotCalculatedSeconds);
        Assert.Equal(100, a1.AdherencePercent!.Value, 6);
        Assert.Empty(s.Changes);
    }

    /// <summary>A scheduled activity the mapping does not know cannot be judged: its time is not calculated, whatever the state.</summary>
    [Fact]
    public void An_activity_the_mapping_does_not_know_is_not_calculated()
    {
        var s = new AdherenceScript().Scheduled("a1", "coaching", "09:00", "09:30").Start();
        s.Available("a1", "09:00");

        var a1 = s.Agent("a1", "09:30");

        Assert.Equal(1800, a1.NotCalculatedSeconds);
        Assert.Null(a1.AdherencePercent);
        Assert.Equal(1800, a1.ScheduledSeconds);
    }

    /// <summary>
    /// Break 10:00–10:15 (900 s), taken as not_ready:lunch. With break ≈ lunch: in 900 s, 100 %. Without: out 900 s, 0 %.
    /// </summary>
    [Theory]
    [InlineData(true, 900, 0, 100.0)]
    [InlineData(false, 0, 900, 0.0)]
    public void A_lunch_state_in_a_scheduled_break_is_in_adherence_only_when_break_is_equivalent_to_lunch(
        bool equivalent, double inSeconds, double outSeconds, double percent)
    {
        var s = new AdherenceScript(o =>
        {
            if (equivalent)
            {
                o.Adherence.Equivalences["break"] = ["lunch"];
            }
        }).Scheduled("a1", "break", "10:00", "10:15").Start();
        s.NotReady("a1", "lunch", "10:00");

        var a1 = s.Agent("a1", "10:15");

        Assert.Equal(inSeconds, a1.InAdherenceSeconds);
        Assert.Equal(outSeconds, a1.OutOfAdherenceSeconds);
        Assert.Equal(percent, a1.AdherencePercent!.Value, 6);
    }

    /// <summary>Equivalence goes one way: break ≈ lunch does not make a break state satisfy a scheduled lunch.</summary>
    [Fact]
    public void An_equivalence_goes_one_way()
    {
        var s = new AdherenceScript(o => o.Adherence.Equivalences["break"] = ["lunch"]).Scheduled("a1", "lunch", "12:00", "12:30").Start();
        s.NotReady("a1", "break", "12:00");

        Assert.Equal(0, s.Agent("a1", "12:30").InAdherenceSeconds);
    }

    /// <summary>A configured mapping replaces the default: here only available satisfies open and nothing names acw, so 09:05–09:10 in acw is not calculated.</summary>
    [Fact]
    public void A_configured_state_mapping_replaces_the_default_and_a_state_it_leaves_out_is_not_calculated()
    {
        var s = new AdherenceScript(o =>
        {
            o.StateMapping["open"] = ["available"];
            o.StateMapping["break"] = ["not_ready:break"];
        }).Scheduled("a1", "open", "09:00", "09:10").Start();
        s.Available("a1", "09:00");
        s.State("a1", AgentState.Acw, "09:05");

        var a1 = s.Agent("a1", "09:10");

        Assert.Equal(300, a1.InAdherenceSeconds);
        Assert.Equal(0, a1.OutOfAdherenceSeconds);
        Assert.Equal(300, a1.NotCalculatedSeconds);
    }

    /// <summary>An agent with no schedule today is off: nothing counts, unless work outside the schedule counts (then it is all out).</summary>
    [Theory]
    [InlineData(false, null, 0.0)]
    [InlineData(true, 0.0, 3600.0)]
    public void An_unscheduled_agent_who_works_counts_only_when_work_outside_the_schedule_counts(bool countOutside, double? percent, double outSeconds)
    {
        var s = new AdherenceScript(o => o.Adherence.CountWorkOutsideSchedule = countOutside).Start();
        s.Available("a2", "09:00");

        var a2 = s.Agent("a2", "10:00");

        Assert.Equal(0, a2.ScheduledSeconds);
        Assert.Equal(percent, a2.AdherencePercent);
        Assert.Equal(outSeconds, a2.OutOfAdherenceSeconds);
        Assert.Equal(3600, a2.WorkedSeconds);
        Assert.Null(a2.ConformancePercent);
    }
}

using CcWallboard.Core.Adherence;

namespace CcWallboard.Core.Tests.Adherence;

/// <summary>
/// RTA (METRICS.md): an agent out of adherence continuously for longer than the activity's alert threshold raises an
/// alert; past the severe threshold it turns severe; back in adherence clears it; the out time counts from the moment
/// it began. Here open alerts after 180 s and turns severe after 600 s; a1 is scheduled open 09:00–11:00.
/// </summary>
public sealed class RealTimeAdherenceAlertTests
{
    private static AdherenceScript LateForOpen() =>
        new AdherenceScript(o =>
        {
            o.Adherence.AlertAfterSeconds["open"] = 180;
            o.Adherence.SevereAfterSeconds["open"] = 600;
        }).Scheduled("a1", "open", "09:00", "11:00").Start();

    [Fact]
    public void Rta_alert_is_raised_only_once_out_longer_than_the_threshold_and_is_dated_when_it_passed()
    {
        var s = LateForOpen();

        Assert.Empty(s.AdvanceTo("09:03:00")); // out exactly 180 s: not longer than the threshold
        Assert.Empty(s.Engine.Alerts);
        Assert.Equal(180, s.Engine.AgentOf("a1")!.OutSeconds);

        var raised = Assert.Single(s.AdvanceTo("09:03:01"));

        Assert.Equal(AlertChangeKind.Raised, raised.Kind);
        Assert.Equal(s.At("09:03:00"), raised.At);
        Assert.Equal(new AdherenceAlert("a1", "Ann", "north", "open", s.At("09:00"), AlertSeverity.Warning), raised.Alert);
        Assert.Equal(raised.Alert, Assert.Single(s.Engine.Alerts));
        Assert.Equal(AlertSeverity.Warning, s.Engine.AgentOf("a1")!.Alert);
    }

    [Fact]
    public void Rta_alert_turns_severe_once_out_longer_than_the_severe_threshold()
    {
        var s = LateForOpen();
        s.AdvanceTo("09:05");

        Assert.Empty(s.AdvanceTo("09:10:00"));
        var escalated = Assert.Single(s.AdvanceTo("09:10:01"));

        Assert.Equal(AlertChangeKind.Escalated, escalated.Kind);
        Assert.Equal(s.At("09:10:00"), escalated.At);
        Assert.Equal(AlertSeverity.Severe, escalated.Alert.Severity);
        Assert.Equal(s.At("09:00"), escalated.Alert.OutSince);
        Assert.Equal(AlertSeverity.Severe, s.Engine.AgentOf("a1")!.Alert);
    }

    /// <summary>Logs in at 09:12: out 09:00–09:12 = 720 s, all of it counted; then in until 11:00: 6480 / 7200 = 90 %.</summary>
    [Fact]
    public void Rta_alert_clears_when_the_agent_is_back_in_adherence_and_the_out_time_counts_from_when_it_began()
    {
        var s = LateForOpen();
        s.AdvanceTo("09:11");

        var cleared = Assert.Single(s.Available("a1", "09:12"));

        Assert.Equal(AlertChangeKind.Cleared, cleared.Kind);
        Assert.Equal(s.At("09:12"), cleared.At);
        Assert.Equal(AlertSeverity.Severe, cleared.Alert.Severity);
        Assert.Empty(s.Engine.Alerts);
        var back = s.Engine.AgentOf("a1")!;
        Assert.Equal(AdherenceStatus.In, back.Status);
        Assert.Null(back.Alert);
        Assert.Equal(720, back.OutOfAdherenceSeconds);
        Assert.Equal(90, s.Agent("a1", "11:00").AdherencePercent!.Value, 6);
    }

    [Fact]
    public void Rta_changes_are_the_same_whether_the_clock_ticks_every_second_or_jumps()
    {
        var ticking = LateForOpen();
        for (var t = ticking.At("09:00"); t <= ticking.At("09:15"); t = t.AddSeconds(1))
        {
            ticking.AdvanceTo(t);
        }
        ticking.Available("a1", "09:15:30");

        var jumping = LateForOpen();
        jumping.AdvanceTo("09:15");
        jumping.Available("a1", "09:15:30");

        Assert.Equal([AlertChangeKind.Raised, AlertChangeKind.Escalated, AlertChangeKind.Cleared], jumping.Changes.Select(c => c.Kind));
        Assert.Equal([jumping.At("09:03"), jumping.At("09:10"), jumping.At("09:15:30")], jumping.Changes.Select(c => c.At));
        Assert.Equal(ticking.Changes, jumping.Changes);
    }

    /// <summary>Break alerts after 60 s; open falls back to the <c>*</c> default of 300 s (severe after an hour, out of the way).</summary>
    [Fact]
    public void Each_activity_has_its_own_alert_threshold_with_star_as_the_default()
    {
        var s = new AdherenceScript(o =>
        {
            o.Adherence.AlertAfterSeconds["break"] = 60;
            o.Adherence.AlertAfterSeconds["*"] = 300;
            o.Adherence.SevereAfterSeconds["*"] = 3600;
        }).Scheduled("a1", "open", "09:00", "10:00").Scheduled("a1", "break", "10:00", "10:15").Start();
        s.NotReady("a1", "break", "09:00");
        s.AdvanceTo("09:06");

        var open = Assert.Single(s.Changes);
        Assert.Equal((s.At("09:05"), "open"), (open.At, open.Alert.Activity));

        s.Available("a1", "09:30");
        s.AdvanceTo("10:05");

        Assert.Equal(AlertChangeKind.Cleared, s.Changes[1].Kind);
        var onBreak = s.Changes[2];
        Assert.Equal((AlertChangeKind.Raised, s.At("10:01"), "break", s.At("10:00")), (onBreak.Kind, onBreak.At, onBreak.Alert.Activity, onBreak.Alert.OutSince));
    }

    /// <summary>
    /// Out since 10:15 (a break state while open). A clock tick exactly at 10:30, when the break begins, sees the break
    /// state in adherence and clears the alert; the agent's change to available stamped 10:30 makes them out again. No
    /// time passed in adherence, so the stretch still runs from 10:15 and the alert is raised again with that start.
    /// </summary>
    [Fact]
    public void A_tick_on_a_schedule_boundary_just_before_that_instants_state_change_does_not_break_the_stretch()
    {
        var s = new AdherenceScript()
            .Scheduled("a1", "open", "09:00", "10:30")
            .Scheduled("a1", "break", "10:30", "10:45")
            .Start();
        s.Available("a1", "09:00");
        s.NotReady("a1", "break", "10:15");
        s.AdvanceTo("10:29");

        var tick = Assert.Single(s.AdvanceTo("10:30"));
        var again = Assert.Single(s.Available("a1", "10:30"));

        Assert.Equal(AlertChangeKind.Cleared, tick.Kind);
        Assert.Equal((AlertChangeKind.Raised, s.At("10:15")), (again.Kind, again.Alert.OutSince));
        var a1 = s.Agent("a1", "10:40");
        Assert.Equal(s.At("10:15"), a1.OutSince);
        Assert.Equal(1500, a1.OutSeconds);
    }

    /// <summary>Counting work outside the schedule, an agent who stays logged in past the shift's end is out, under the <c>off</c> threshold.</summary>
    [Fact]
    public void Working_past_the_schedule_raises_an_alert_under_the_off_threshold_when_such_work_counts()
    {
        var s = new AdherenceScript(o =>
        {
            o.Adherence.CountWorkOutsideSchedule = true;
            o.Adherence.AlertAfterSeconds["off"] = 600;
            o.Adherence.SevereAfterSeconds["off"] = 1800;
        }).Scheduled("a1", "open", "09:00", "10:00").Start();
        s.Available("a1", "09:00");

        s.AdvanceTo("10:11");

        var raised = Assert.Single(s.Changes);
        Assert.Equal((s.At("10:10"), "off", s.At("10:00")), (raised.At, raised.Alert.Activity, raised.Alert.OutSince));
    }
}

using CcWallboard.Core.Adherence;

namespace CcWallboard.Core.Tests.Adherence;

/// <summary>
/// Exceptions (METRICS.md): a supervisor marks a period as approved; it counts as in adherence, the past part of today
/// is re-counted at once, and the approval is kept with who, when and why. Default thresholds: alert 180 s, severe 600 s.
/// </summary>
public sealed class ApprovedExceptionTests
{
    /// <summary>
    /// Open 09:00–11:00. A coaching session overruns: not_ready:meeting 09:30–10:30 (meeting is not scheduled: out).
    /// By 10:00: in 1800 s, out 1800 s, the alert raised at 09:33 and severe since 09:40.
    /// At 10:00 the supervisor approves 09:30–10:30: in 3600 s, out 0, 100 %, the alert cleared at 10:00.
    /// At 11:00: in 7200 s = 100 % (it would be 3600 / 7200 = 50 % without the approval).
    /// </summary>
    [Theory]
    [InlineData(true, 7200, 0, 100.0)]
    [InlineData(false, 3600, 3600, 50.0)]
    public void An_exception_approved_mid_way_recounts_the_past_part_and_counts_the_rest_as_in(bool approve, double inSeconds, double outSeconds, double percent)
    {
        var s = new AdherenceScript().Scheduled("a1", "open", "09:00", "11:00").Start();
        s.Available("a1", "09:00");
        s.NotReady("a1", "meeting", "09:30");
        s.AdvanceTo("10:00");
        Assert.Equal([AlertChangeKind.Raised, AlertChangeKind.Escalated], s.Changes.Select(c => c.Kind));
        Assert.Equal(1800, s.Engine.AgentOf("a1")!.OutOfAdherenceSeconds);

        if (approve)
        {
            var cleared = Assert.Single(s.Approve("a1", "09:30", "10:30", now: "10:00"));
            Assert.Equal((AlertChangeKind.Cleared, s.At("10:00")), (cleared.Kind, cleared.At));
            var now = s.Engine.AgentOf("a1")!;
            Assert.Equal((3600.0, 0.0, 100.0), (now.InAdherenceSeconds, now.OutOfAdherenceSeconds, now.AdherencePercent!.Value));
            Assert.Equal(AdherenceStatus.In, now.Status);
            Assert.Empty(s.Engine.Alerts);
        }
        s.Available("a1", "10:30");
        var a1 = s.Agent("a1", "11:00");

        Assert.Equal(inSeconds, a1.InAdherenceSeconds);
        Assert.Equal(outSeconds, a1.OutOfAdherenceSeconds);
        Assert.Equal(percent, a1.AdherencePercent!.Value, 6);
    }

    /// <summary>
    /// Still in the meeting at 10:15 when 09:30–10:00 is approved: the stretch out of adherence now begins at 10:00, when
    /// the approved period ended — 15 min, past the severe threshold — so the old alert (out since 09:30) is replaced.
    /// In 1800 + 1800 = 3600 s, out 900 s.
    /// </summary>
    [Fact]
    public void Approving_the_start_of_a_stretch_moves_its_start_to_the_end_of_the_approved_period()
    {
        var s = new AdherenceScript().Scheduled("a1", "open", "09:00", "11:00").Start();
        s.Available("a1", "09:00");
        s.NotReady("a1", "meeting", "09:30");
        s.AdvanceTo("10:15");

        var changes = s.Approve("a1", "09:30", "10:00", now: "10:15");

        Assert.Equal([AlertChangeKind.Cleared, AlertChangeKind.Raised], changes.Select(c => c.Kind));
        Assert.Equal(s.At("09:30"), changes[0].Alert.OutSince);
        Assert.Equal((s.At("10:00"), AlertSeverity.Severe), (changes[1].Alert.OutSince, changes[1].Alert.Severity));
        var a1 = s.Engine.AgentOf("a1")!;
        Assert.Equal((3600.0, 900.0), (a1.InAdherenceSeconds, a1.OutOfAdherenceSeconds));
        Assert.Equal(s.At("10:00"), a1.OutSince);
    }

    [Fact]
    public void An_exception_approved_ahead_counts_as_in_adherence_when_it_comes_and_raises_no_alert()
    {
        var s = new AdherenceScript().Scheduled("a1", "open", "09:00", "11:00").Start();
        s.Available("a1", "09:00");
        Assert.Empty(s.Approve("a1", "10:00", "10:30", now: "09:05", reason: "team meeting", by: "sup2"));
        s.NotReady("a1", "meeting", "10:00");
        s.Available("a1", "10:30");

        var a1 = s.Agent("a1", "11:00");

        Assert.Equal(7200, a1.InAdherenceSeconds);
        Assert.Empty(s.Changes);
        var approval = Assert.Single(s.Engine.Approvals);
        Assert.Equal(new AdherenceApproval("a1", s.At("10:00"), s.At("10:30"), "team meeting", "sup2", s.At("09:05")), approval);
    }

    [Fact]
    public void An_approval_without_a_reason_or_approver_or_with_its_end_before_its_start_is_refused()
    {
        var s = new AdherenceScript().Start();

        Assert.Throws<ArgumentException>(() => s.Approve("a1", "10:00", "10:30", now: "10:00", reason: " "));
        Assert.Throws<ArgumentException>(() => s.Approve("a1", "10:00", "10:30", now: "10:00", by: ""));
        Assert.Throws<ArgumentException>(() => s.Approve("a1", "10:30", "10:00", now: "10:00"));
        Assert.Empty(s.Engine.Approvals);
    }
}

using CcWallboard.Core.Alerts;

namespace CcWallboard.Core.Tests.Alerts;

/// <summary>
/// The lifecycle on fake time, driven through a caller-supplied signal so the value is exact: a rule "load below 80,
/// clear at 82" on <c>load:sales</c>, evaluated every second.
/// </summary>
public sealed class AlertLifecycleTests
{
    private const string Load = "load:sales";

    [Fact]
    public void A_dip_shorter_than_the_minimum_duration_raises_nothing()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82, minDurationSeconds: 300));

        s.Hold(Load, 90, "09:00:00", "09:00:59");
        s.Hold(Load, 70, "09:01:00", "09:05:59"); // below for 299 s: one second short
        s.Hold(Load, 90, "09:06:00", "09:10:00");

        Assert.Empty(s.Changes);
        Assert.Empty(s.Engine.History);
    }

    [Fact]
    public void The_condition_must_hold_continuously_a_value_between_the_thresholds_restarts_the_minimum_duration()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82, minDurationSeconds: 300));

        s.Hold(Load, 70, "09:00:00", "09:03:59");
        s.Hold(Load, 81, "09:04:00", "09:04:00"); // not below the raise threshold for one second
        s.Hold(Load, 70, "09:04:01", "09:08:59"); // 298 s since it went below again

        Assert.Empty(s.Changes);

        var raised = Assert.Single(s.Hold(Load, 70, "09:09:00", "09:09:10")); // 09:04:01 + 300 s

        Assert.Equal(s.At("09:09:01"), raised.At);
    }

    [Fact]
    public void An_alert_is_raised_exactly_when_the_condition_has_held_for_the_minimum_duration()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82, minDurationSeconds: 300));

        Assert.Empty(s.Hold(Load, 79.9, "09:00:00", "09:04:59"));
        var raised = Assert.Single(s.Hold(Load, 79.9, "09:05:00", "09:05:00"));

        Assert.Equal(AlertChangeKind.Raised, raised.Kind);
        Assert.Equal(s.At("09:05:00"), raised.At);
        var alert = raised.Alert;
        Assert.Equal(("load-low", "sales", AlertSubjectKinds.Signal, "Sales"), (alert.Rule, alert.Subject, alert.SubjectKind, alert.SubjectName));
        Assert.Equal((79.9, 80.0, (double?)82.0), (alert.Value, alert.Threshold, alert.ClearThreshold));
        Assert.Equal(AlertStatus.Raised, alert.Status);
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
        Assert.Equal(alert.Id, Assert.Single(s.Engine.Active).Id);
    }

    [Fact]
    public void A_value_oscillating_between_the_raise_and_clear_thresholds_keeps_a_raised_alert_raised()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82));
        s.Hold(Load, 75, "09:00:00", "09:00:00");

        for (var minute = 1; minute <= 30; minute++)
        {
            s.Hold(Load, minute % 2 == 0 ? 80 : 81.99, $"09:{minute:00}:00", $"09:{minute:00}:59");
        }

        var raised = Assert.Single(s.Changes);
        Assert.Equal(AlertChangeKind.Raised, raised.Kind);
        Assert.Equal(75, Assert.Single(s.Engine.Active).WorstValue);

        var cleared = Assert.Single(s.Hold(Load, 82, "09:31:00", "09:31:00"));

        Assert.Equal(AlertChangeKind.Cleared, cleared.Kind);
        Assert.Equal(s.At("09:31:00"), cleared.Alert.ClearedAt);
        Assert.Equal(82, cleared.Alert.LastValue);
    }

    [Fact]
    public void A_value_oscillating_between_the_thresholds_after_a_clear_raises_nothing_new()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82));
        s.Hold(Load, 75, "09:00:00", "09:00:00");
        s.Hold(Load, 85, "09:00:01", "09:00:01");

        for (var minute = 1; minute <= 30; minute++)
        {
            s.Hold(Load, minute % 2 == 0 ? 80 : 81.99, $"09:{minute:00}:00", $"09:{minute:00}:59");
        }

        Assert.Equal([AlertChangeKind.Raised, AlertChangeKind.Cleared], s.Changes.Select(c => c.Kind));
        Assert.Empty(s.Engine.Active);
    }

    [Fact]
    public void A_raise_within_the_cooldown_after_the_clear_rejoins_the_same_alert()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82, minDurationSeconds: 60, cooldownSeconds: 300));
        var raised = s.Hold(Load, 70, "09:00:00", "09:01:00").Single();
        s.Hold(Load, 90, "09:01:01", "09:03:59");

        // Below again from 09:04:00; the minimum duration still applies: raised again at 09:05:00, 239 s after the clear.
        var rejoined = Assert.Single(s.Hold(Load, 65, "09:04:00", "09:06:00"));

        Assert.Equal(AlertChangeKind.Rejoined, rejoined.Kind);
        Assert.Equal(s.At("09:05:00"), rejoined.At);
        Assert.Equal(raised.Alert.Id, rejoined.Alert.Id);
        Assert.Equal(s.At("09:01:00"), rejoined.Alert.RaisedAt);
        Assert.Null(rejoined.Alert.ClearedAt);
        Assert.Equal(1, rejoined.Alert.Rejoins);
        Assert.Equal(65, rejoined.Alert.WorstValue);
        Assert.Single(s.Engine.History);
    }

    [Fact]
    public void A_raise_after_the_cooldown_is_a_new_alert_with_a_new_id()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82, cooldownSeconds: 300));
        var first = s.Hold(Load, 70, "09:00:00", "09:00:00").Single();
        s.Hold(Load, 90, "09:00:01", "09:05:01");

        var second = Assert.Single(s.Hold(Load, 70, "09:05:02", "09:05:02")); // 301 s after the clear

        Assert.Equal(AlertChangeKind.Raised, second.Kind);
        Assert.NotEqual(first.Alert.Id, second.Alert.Id);
        Assert.Equal([first.Alert.Id, second.Alert.Id], s.Engine.History.Select(a => a.Id));
    }

    [Fact]
    public void A_missing_value_never_raises_and_clears_a_raised_alert()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82));
        s.EverySecond("09:00:00", "09:00:10");
        Assert.Empty(s.Changes);

        s.Hold(Load, 70, "09:00:11", "09:00:11");
        var cleared = Assert.Single(s.Signal(Load, null).EverySecond("09:00:12", "09:00:12"));

        Assert.Equal(AlertChangeKind.Cleared, cleared.Kind);
        Assert.Null(cleared.Alert.LastValue);
    }

    [Fact]
    public void Acknowledging_records_who_when_and_the_note_and_the_alert_stays_active_until_it_clears()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82));
        var id = s.Hold(Load, 70, "09:00:00", "09:00:00").Single().Alert.Id;

        var result = s.Engine.Acknowledge(id, "sup.jones", "  calling in the overflow team ", s.At("09:00:30"));

        Assert.True(result.Succeeded);
        Assert.Equal(AlertChangeKind.Acknowledged, result.Change!.Kind);
        var acknowledged = Assert.Single(s.Engine.Active);
        Assert.Equal(AlertStatus.Acknowledged, acknowledged.Status);
        Assert.Equal((s.At("09:00:30"), "sup.jones", "calling in the overflow team"),
            (acknowledged.AcknowledgedAt!.Value, acknowledged.AcknowledgedBy, acknowledged.AcknowledgementNote));

        var cleared = s.Hold(Load, 90, "09:01:00", "09:01:00").Single();
        Assert.Equal(AlertStatus.Cleared, cleared.Alert.Status);
        Assert.Equal("sup.jones", cleared.Alert.AcknowledgedBy);
    }

    [Fact]
    public void Acknowledging_an_unknown_a_cleared_or_an_already_acknowledged_alert_is_refused_with_the_reason()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82));
        var first = s.Hold(Load, 70, "09:00:00", "09:00:00").Single().Alert.Id;
        s.Engine.Acknowledge(first, "sup.jones", null, s.At("09:00:10"));

        var again = s.Engine.Acknowledge(first, "sup.smith", null, s.At("09:00:20"));
        var unknown = s.Engine.Acknowledge("0123456789abcdef", "sup.smith", null, s.At("09:00:20"));
        s.Hold(Load, 90, "09:00:30", "09:00:30");
        var cleared = s.Engine.Acknowledge(first, "sup.smith", null, s.At("09:00:40"));

        Assert.Equal(AcknowledgeStatus.AlreadyAcknowledged, again.Status);
        Assert.Contains("acknowledged by sup.jones", again.Message, StringComparison.Ordinal);
        Assert.Equal("sup.jones", s.Engine.Find(first)!.AcknowledgedBy);
        Assert.Equal(AcknowledgeStatus.UnknownAlert, unknown.Status);
        Assert.Contains("no alert '0123456789abcdef'", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(AcknowledgeStatus.AlreadyCleared, cleared.Status);
        Assert.Contains("cleared at", cleared.Message, StringComparison.Ordinal);
        Assert.Null(cleared.Change);
    }

    [Fact]
    public void A_rejoined_alert_keeps_its_acknowledgement()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82, cooldownSeconds: 300));
        var id = s.Hold(Load, 70, "09:00:00", "09:00:00").Single().Alert.Id;
        s.Engine.Acknowledge(id, "sup.jones", null, s.At("09:00:05"));
        s.Hold(Load, 90, "09:00:10", "09:00:10");

        var rejoined = s.Hold(Load, 70, "09:01:00", "09:01:00").Single();

        Assert.Equal(AlertChangeKind.Rejoined, rejoined.Kind);
        Assert.Equal(AlertStatus.Acknowledged, rejoined.Alert.Status);
    }

    [Fact]
    public void Alert_ids_follow_from_the_rule_the_subject_and_the_raise_time()
    {
        var one = new AlertScript(AlertScript.LoadBelow(80, 82));
        var other = new AlertScript(AlertScript.LoadBelow(80, 82));

        var a = one.Hold(Load, 70, "09:00:00", "09:00:00").Single().Alert.Id;
        other.Hold(Load, 90, "08:00:00", "08:00:05");
        var b = other.Hold(Load, 70, "09:00:00", "09:00:00").Single().Alert.Id;

        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{16}$", a);
        Assert.Equal(AlertEngine.IdOf("load-low", "sales", one.At("09:00:00").UtcTicks), a);
    }

    [Fact]
    public void An_evaluation_earlier_than_the_last_counts_as_the_last_and_neither_raises_early_nor_restarts_the_duration()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82, minDurationSeconds: 60));
        s.Hold(Load, 70, "09:00:00", "09:00:30");

        Assert.Empty(s.Hold(Load, 70, "08:00:00", "08:00:00"));
        Assert.Equal(s.At("09:00:30"), s.Engine.Now);

        var raised = Assert.Single(s.Hold(Load, 70, "09:01:00", "09:01:00"));
        Assert.Equal(s.At("09:01:00"), raised.At);
    }

    [Fact]
    public void History_is_todays_an_alert_cleared_before_the_day_leaves_it_and_one_still_active_stays()
    {
        var s = new AlertScript(
            AlertScript.LoadBelow(80, 82),
            new AlertRuleSettings { Name = "queue-hot", Kind = "SignalAbove", Signal = "heat", Subject = "sales", RaiseAt = 10 });
        s.Signal("load:sales", 70).Signal("heat:sales", 20).Evaluate("22:00:00");
        s.Signal("load:sales", 90).Evaluate("23:00:00");

        s.Evaluate(s.At("23:00").AddHours(2)); // 01:00 the next day

        var kept = Assert.Single(s.Engine.History);
        Assert.Equal("queue-hot", kept.Rule);
        Assert.Null(kept.ClearedAt);
    }

    /// <summary>The worked example of docs/alerts.md: below 80 % raises after 300 s, 82 % clears, a 600 s cool-down.</summary>
    [Fact]
    public void The_worked_example_of_the_alerts_documentation()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82, minDurationSeconds: 300, cooldownSeconds: 600));
        void Wander(string from, string to)
        {
            for (var t = s.At(from); t <= s.At(to); t = t.AddSeconds(1))
            {
                s.Signal(Load, t.Second % 2 == 0 ? 80 : 81.9).Evaluate(t);
            }
        }

        s.Hold(Load, 78, "09:00:00", "09:02:59");
        s.Hold(Load, 81, "09:03:00", "09:03:00");
        s.Hold(Load, 79, "09:03:01", "09:08:00");
        s.Hold(Load, 77, "09:08:01", "09:09:59");
        Wander("09:10:00", "09:20:59");
        s.Hold(Load, 82, "09:21:00", "09:21:00");
        Wander("09:21:01", "09:24:59");
        s.Hold(Load, 75, "09:25:00", "09:30:00");

        Assert.Equal(
            [(AlertChangeKind.Raised, s.At("09:08:01")), (AlertChangeKind.Cleared, s.At("09:21:00")), (AlertChangeKind.Rejoined, s.At("09:30:00"))],
            s.Changes.Select(c => (c.Kind, c.At)));
        var alert = Assert.Single(s.Engine.History);
        Assert.Equal((77.0, 80.0, (double?)82.0, 75.0, 1), (alert.Value, alert.Threshold, alert.ClearThreshold, alert.WorstValue, alert.Rejoins));
    }
}

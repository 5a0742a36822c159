using CcWallboard.Core.Alerts;
using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;
using AdherenceEngine = CcWallboard.Core.Adherence.AdherenceEngine;

namespace CcWallboard.Core.Tests.Alerts;

/// <summary>
/// Each built-in rule kind on a worked scenario with real events through the metric (and adherence) engines, evaluated
/// every second. Sales: T 20 s, target 80 %, short abandons under 5 s; service: T 30 s, target 80 %.
/// </summary>
public sealed class AlertRuleKindTests
{
    private static AlertRuleSettings Rule(string name, AlertRuleKind kind, string subject, Action<AlertRuleSettings>? more = null)
    {
        var rule = new AlertRuleSettings { Name = name, Kind = kind.ToString(), Subject = subject };
        more?.Invoke(rule);
        return rule;
    }

    /// <summary>
    /// c1 waits 30 s (a miss): the 15-minute service level is 0 % from 09:00:30, so the alert is raised 5 minutes later.
    /// Four answers within T make it 4/5 = 80 %: not below target, not yet at the clear threshold 82 %, still raised.
    /// One more makes it 5/6 = 83.3 %: cleared.
    /// </summary>
    [Fact]
    public void Service_level_below_target_raises_after_five_minutes_below_and_clears_at_target_plus_two_points()
    {
        var s = new AlertScript(Rule("sl-sales", AlertRuleKind.ServiceLevelBelow, "sales", r =>
        {
            r.Window = "15m";
            r.MinDurationSeconds = 300;
        }));
        s.Queued("c1", "09:00:00");
        Assert.Empty(s.EverySecond("09:00:00", "09:00:29")); // someone waits, nothing counted yet: no service level
        s.Answered("c1", "09:00:30");

        Assert.Empty(s.EverySecond("09:00:30", "09:05:29"));
        var raised = Assert.Single(s.EverySecond("09:05:30", "09:05:59"));
        Assert.Equal((AlertChangeKind.Raised, s.At("09:05:30")), (raised.Kind, raised.At));
        Assert.Equal((0.0, 80.0, (double?)82.0), (raised.Alert.Value, raised.Alert.Threshold, raised.Alert.ClearThreshold));
        Assert.Equal((AlertSubjectKinds.Queue, "Sales"), (raised.Alert.SubjectKind, raised.Alert.SubjectName));

        for (var i = 0; i < 4; i++)
        {
            s.AnsweredAfter($"q{i}", "09:06:00", 5);
        }
        Assert.Empty(s.EverySecond("09:06:05", "09:06:59"));

        s.AnsweredAfter("q5", "09:07:00", 5);
        var cleared = Assert.Single(s.EverySecond("09:07:05", "09:07:05"));
        Assert.Equal(AlertChangeKind.Cleared, cleared.Kind);
        Assert.Equal(100.0 * 5 / 6, cleared.Alert.LastValue!.Value, 9);
    }

    [Fact]
    public void A_window_with_nothing_counted_has_no_service_level_and_never_raises()
    {
        var s = new AlertScript(Rule("sl-sales", AlertRuleKind.ServiceLevelBelow, "sales", r => r.RaiseAt = 80));
        s.Queued("c1", "09:00:00");

        Assert.Empty(s.EverySecond("09:00:00", "09:10:00"));
    }

    /// <summary>Sales raises above 2T = 40 s and clears at T = 20 s; service above 60 s, clears at 30 s (the defaults from each queue).</summary>
    [Fact]
    public void Longest_wait_above_twice_the_threshold_is_judged_per_queue_and_clears_only_back_within_the_threshold()
    {
        var s = new AlertScript(Rule("wait", AlertRuleKind.LongestWaitAbove, "*"));
        s.Queued("c1", "09:00:00");
        s.Queued("c2", "09:00:00", "service");

        Assert.Empty(s.EverySecond("09:00:00", "09:00:40"));
        var sales = Assert.Single(s.EverySecond("09:00:41", "09:00:41"));
        Assert.Equal(("sales", 41.0, 40.0, (double?)20.0), (sales.Alert.Subject, sales.Alert.Value, sales.Alert.Threshold, sales.Alert.ClearThreshold));
        var service = Assert.Single(s.EverySecond("09:00:42", "09:01:01"));
        Assert.Equal(("service", s.At("09:01:01"), 60.0, (double?)30.0), (service.Alert.Subject, service.At, service.Alert.Threshold, service.Alert.ClearThreshold));

        s.Queued("c3", "09:01:10");
        s.EverySecond("09:01:10", "09:01:39");
        s.Answered("c1", "09:01:40");
        Assert.Empty(s.EverySecond("09:01:40", "09:01:44")); // c3 has waited 30–34 s: between 20 and 40

        s.Answered("c3", "09:01:45");
        var cleared = Assert.Single(s.EverySecond("09:01:45", "09:01:45"));
        Assert.Equal((AlertChangeKind.Cleared, "sales", (double?)0.0), (cleared.Kind, cleared.Alert.Subject, cleared.Alert.LastValue));
        Assert.Equal(99, cleared.Alert.WorstValue); // c1 at the last evaluation before its answer (09:01:39)
        Assert.Equal("service", Assert.Single(s.Engine.Active).Subject);
    }

    [Fact]
    public void Calls_waiting_above_available_agents_raises_when_more_wait_than_can_be_answered()
    {
        var s = new AlertScript(Rule("short-staffed", AlertRuleKind.CallsWaitingAboveAvailable, "sales"));
        s.State("a1", AgentState.Available, "09:00:00");
        Assert.Empty(s.EverySecond("09:00:00", "09:00:09"));
        s.Queued("c1", "09:00:10");
        s.Queued("c2", "09:00:10");

        var raised = Assert.Single(s.EverySecond("09:00:10", "09:00:19"));
        Assert.Equal((s.At("09:00:10"), 1.0, 0.0), (raised.At, raised.Alert.Value, raised.Alert.Threshold));

        s.State("a2", AgentState.Available, "09:00:20");
        var cleared = Assert.Single(s.EverySecond("09:00:20", "09:00:30"));
        Assert.Equal(AlertChangeKind.Cleared, cleared.Kind);
    }

    /// <summary>Today: 3 answered and 1 abandoned after 30 s is 1/4 = 25 %; 3 more answered, 1/7 = 14.3 %, is between the thresholds; 4 more, 1/11 = 9.1 %, clears at 10 %.</summary>
    [Fact]
    public void Abandonment_rate_above_raises_on_the_window_rate_and_holds_until_the_clear_threshold()
    {
        var s = new AlertScript(Rule("abandons", AlertRuleKind.AbandonmentRateAbove, "sales", r =>
        {
            r.Window = "today";
            r.RaiseAt = 20;
            r.ClearAt = 10;
        }));
        for (var i = 0; i < 3; i++)
        {
            s.AnsweredAfter($"a{i}", "09:00:00", 5);
        }
        s.Queued("gone", "09:00:30");
        Assert.Empty(s.EverySecond("09:00:05", "09:00:59"));

        s.Abandoned("gone", "09:01:00");
        var raised = Assert.Single(s.EverySecond("09:01:00", "09:01:59"));
        Assert.Equal((s.At("09:01:00"), 25.0), (raised.At, raised.Alert.Value));

        for (var i = 3; i < 6; i++)
        {
            s.AnsweredAfter($"a{i}", "09:02:00", 5);
        }
        Assert.Empty(s.EverySecond("09:02:05", "09:02:59")); // 1/7 = 14.3 %: between

        for (var i = 6; i < 10; i++)
        {
            s.AnsweredAfter($"a{i}", "09:03:00", 5);
        }
        var cleared = Assert.Single(s.EverySecond("09:03:05", "09:03:05"));
        Assert.Equal(100.0 / 11, cleared.Alert.LastValue!.Value, 9);
    }

    [Fact]
    public void Agent_in_acw_longer_than_the_limit_raises_for_each_agent_of_the_team_named()
    {
        var s = new AlertScript(Rule("long-acw", AlertRuleKind.AgentStateLongerThan, "north", r =>
        {
            r.State = "acw";
            r.RaiseAt = 120;
        }));
        s.State("a1", AgentState.Acw, "09:00:00");
        s.State("a2", AgentState.Available, "09:00:00");
        s.State("a3", AgentState.Acw, "09:00:00"); // team south: not watched

        Assert.Empty(s.EverySecond("09:00:00", "09:02:00"));
        var raised = Assert.Single(s.EverySecond("09:02:01", "09:02:59"));
        Assert.Equal(("a1", "Ann", AlertSubjectKinds.Agent, "north"), (raised.Alert.Subject, raised.Alert.SubjectName, raised.Alert.SubjectKind, raised.Alert.TeamId));
        Assert.Equal((121.0, 120.0), (raised.Alert.Value, raised.Alert.Threshold));

        s.State("a1", AgentState.Available, "09:03:00");
        var cleared = Assert.Single(s.EverySecond("09:03:00", "09:03:00"));
        Assert.Equal(AlertChangeKind.Cleared, cleared.Kind);
    }

    [Fact]
    public void Agent_not_ready_with_a_reason_is_watched_only_for_that_reason()
    {
        var s = new AlertScript(Rule("long-break", AlertRuleKind.AgentStateLongerThan, "*", r =>
        {
            r.State = "not_ready:break";
            r.RaiseAt = 60;
        }));
        s.State("a1", AgentState.NotReady, "09:00:00", "lunch");
        s.State("a2", AgentState.NotReady, "09:00:00", "Break");

        var raised = Assert.Single(s.EverySecond("09:00:00", "09:05:00"));

        Assert.Equal(("a2", s.At("09:01:01")), (raised.Alert.Subject, raised.At));
    }

    /// <summary>a1 is scheduled open from 09:00 and not logged in: out of adherence from 09:00; open alerts after 180 s, severe after 600 s.</summary>
    [Fact]
    public void Out_of_adherence_follows_the_rta_alert_raising_escalating_to_critical_and_clearing_with_it()
    {
        var s = new AlertScript(o =>
        {
            o.Adherence.AlertAfterSeconds["open"] = 180;
            o.Adherence.SevereAfterSeconds["open"] = 600;
        }, Rule("rta", AlertRuleKind.OutOfAdherence, "*"));
        var schedule = new Dictionary<string, IReadOnlyList<ScheduledActivity>>
        {
            ["a1"] = [new ScheduledActivity("a1", "open", s.At("09:00"), s.At("11:00"))],
        };
        s.Adherence = new AdherenceEngine(s.Options, s.Calendar, schedule, s.Calendar.DayOf(s.At("09:00")).Start);

        Assert.Empty(s.EverySecond("08:59:00", "09:03:00"));
        var raised = Assert.Single(s.EverySecond("09:03:01", "09:03:01"));
        Assert.Equal((AlertChangeKind.Raised, "a1", "north"), (raised.Kind, raised.Alert.Subject, raised.Alert.TeamId));
        Assert.Equal((181.0, 180.0, (double?)null), (raised.Alert.Value, raised.Alert.Threshold, raised.Alert.ClearThreshold));
        Assert.Equal(AlertSeverity.Warning, raised.Alert.Severity);

        Assert.Empty(s.EverySecond("09:03:02", "09:10:00"));
        var escalated = Assert.Single(s.EverySecond("09:10:01", "09:10:01"));
        Assert.Equal((AlertChangeKind.Escalated, AlertSeverity.Critical, raised.Alert.Id), (escalated.Kind, escalated.Alert.Severity, escalated.Alert.Id));

        Assert.Empty(s.EverySecond("09:10:02", "09:11:59"));
        s.State("a1", AgentState.Available, "09:12:00");
        var cleared = Assert.Single(s.EverySecond("09:12:00", "09:12:00"));
        Assert.Equal((AlertChangeKind.Cleared, 719.0), (cleared.Kind, cleared.Alert.WorstValue));
    }

    [Fact]
    public void Out_of_adherence_raises_nothing_without_an_adherence_engine()
    {
        var s = new AlertScript(Rule("rta", AlertRuleKind.OutOfAdherence, "*"));

        Assert.Empty(s.EverySecond("09:00:00", "09:20:00"));
    }

    [Fact]
    public void Surge_reads_the_callers_surge_signal_per_queue_with_hysteresis()
    {
        var s = new AlertScript(Rule("surge", AlertRuleKind.Surge, "*", r =>
        {
            r.RaiseAt = 120;
            r.ClearAt = 110;
            r.Severity = "critical";
        }));

        var raised = Assert.Single(s.Hold("surge:sales", 135, "09:00:00", "09:00:30"));
        Assert.Equal(("sales", "Sales", AlertSeverity.Critical, 135.0), (raised.Alert.Subject, raised.Alert.SubjectName, raised.Alert.Severity, raised.Alert.Value));
        Assert.Empty(s.Hold("surge:sales", 115, "09:00:31", "09:01:00"));
        var cleared = Assert.Single(s.Hold("surge:sales", 105, "09:01:01", "09:01:01"));
        Assert.Equal(AlertChangeKind.Cleared, cleared.Kind);
    }

    [Fact]
    public void Surge_is_a_signal_rule_like_any_other_the_same_values_give_the_same_history()
    {
        AlertScript Run(AlertRuleSettings rule)
        {
            var s = new AlertScript(rule);
            double[] values = [100, 125, 125, 118, 121, 109, 130];
            for (var i = 0; i < values.Length; i++)
            {
                s.Hold("surge:sales", values[i], $"09:0{i}:00", $"09:0{i}:59");
            }
            return s;
        }

        var surge = Run(Rule("surge", AlertRuleKind.Surge, "sales", r => { r.RaiseAt = 120; r.ClearAt = 110; }));
        var generic = Run(Rule("surge", AlertRuleKind.SignalAbove, "sales", r => { r.Signal = "surge"; r.RaiseAt = 120; r.ClearAt = 110; }));

        Assert.Equal(2, surge.Engine.History.Count);
        Assert.Equal(
            AlertHistoryJson.ToJsonLines(surge.Engine.History).Replace("\"kind\":\"Surge\"", "", StringComparison.Ordinal),
            AlertHistoryJson.ToJsonLines(generic.Engine.History).Replace("\"kind\":\"SignalAbove\"", "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_group_subject_is_judged_on_the_groups_figures()
    {
        var s = new AlertScript(Rule("all-waiting", AlertRuleKind.CallsWaitingAboveAvailable, "all", r => r.RaiseAt = 1));
        s.Queued("c1", "09:00:00");
        s.Queued("c2", "09:00:00", "service");

        var raised = Assert.Single(s.EverySecond("09:00:00", "09:00:05"));

        Assert.Equal(("all", AlertSubjectKinds.Group, 2.0), (raised.Alert.Subject, raised.Alert.SubjectKind, raised.Alert.Value));
    }
}

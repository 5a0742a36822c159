using CcWallboard.Core.Alerts;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;

namespace CcWallboard.Core.Tests.Alerts;

/// <summary>Rules: validation naming the key and the rule, the default set, and replacing rules while alerts run.</summary>
public sealed class AlertRulesTests
{
    private static IReadOnlyList<FieldError> Validate(params AlertRuleSettings[] rules) =>
        AlertRulesValidator.Validate(rules, AlertScript.Centre());

    private static AlertRuleSettings Rule(string name, string kind, Action<AlertRuleSettings>? more = null)
    {
        var rule = new AlertRuleSettings { Name = name, Kind = kind, Subject = "sales" };
        more?.Invoke(rule);
        return rule;
    }

    [Fact]
    public void Valid_rules_of_every_kind_pass()
    {
        var errors = Validate(
            Rule("sl", "ServiceLevelBelow", r => { r.Window = "30M"; r.RaiseAt = 75; r.ClearAt = 78; }),
            Rule("wait", "longestwaitabove", r => r.Subject = "*"),
            Rule("queue", "CallsWaitingAboveAvailable", r => r.Subject = "all"),
            Rule("abandons", "AbandonmentRateAbove", r => { r.Window = "interval"; r.RaiseAt = 10; r.ClearAt = 8; }),
            Rule("acw", "AgentStateLongerThan", r => { r.Subject = "north"; r.State = "acw"; r.RaiseAt = 120; r.Severity = "INFO"; r.Teams = ["north"]; }),
            Rule("rta", "OutOfAdherence", r => r.Subject = "a3"),
            Rule("surge", "Surge", r => { r.RaiseAt = 120; r.ClearAt = 110; r.Severity = "critical"; }),
            Rule("queue-heat", "SignalBelow", r => { r.Signal = "heat"; r.RaiseAt = 5; }));

        Assert.Empty(errors);
    }

    [Fact]
    public void An_above_rule_whose_clear_threshold_is_above_its_raise_threshold_is_rejected_with_key_name_and_reason()
    {
        var error = Assert.Single(Validate(Rule("wait-sales", "LongestWaitAbove", r => { r.RaiseAt = 60; r.ClearAt = 90; })));

        Assert.Equal("Alerts:Rules:0:ClearAt", error.Field);
        Assert.StartsWith("rule 'wait-sales': ", error.Reason, StringComparison.Ordinal);
        Assert.Contains("ClearAt 90 is above RaiseAt 60", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_below_rule_whose_clear_threshold_is_below_its_raise_threshold_is_rejected()
    {
        var error = Assert.Single(Validate(Rule("sl", "ServiceLevelBelow", r => { r.RaiseAt = 80; r.ClearAt = 75; })));

        Assert.Equal("Alerts:Rules:0:ClearAt", error.Field);
        Assert.Contains("ClearAt 75 is below RaiseAt 80", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clear_threshold_is_checked_against_each_queues_own_target_when_the_raise_threshold_comes_from_the_queue()
    {
        var centre = AlertScript.Centre();
        centre.Queues[1].ServiceLevelTargetPercent = 90;

        var error = Assert.Single(AlertRulesValidator.Validate([Rule("sl", "ServiceLevelBelow", r => { r.Subject = "*"; r.ClearAt = 85; })], centre));

        Assert.Equal("Alerts:Rules:0:ClearAt", error.Field);
        Assert.Contains("ClearAt 85 is below RaiseAt 90 for queue 'service'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_fault_of_every_rule_is_reported_at_once()
    {
        var errors = Validate(
            Rule("dup", "LongestWaitAbove"),
            Rule("DUP", "LongestWaitAbove"),
            Rule("", "LongestWaitAbove"),
            Rule("what", "QueueOnFire"),
            Rule("nobody", "ServiceLevelBelow", r => { r.Subject = "sails"; r.Window = "5m"; }),
            Rule("acw", "AgentStateLongerThan", r => { r.Subject = "*"; r.State = "available"; r.RaiseAt = 60; r.Teams = ["west"]; }),
            Rule("rta", "OutOfAdherence", r => { r.Subject = "*"; r.RaiseAt = 200; }),
            Rule("odd", "SignalAbove", r => { r.RaiseAt = 1; r.Severity = "apocalyptic"; r.MinDurationSeconds = -1; r.State = "acw"; }),
            Rule("pct", "AbandonmentRateAbove", r => r.RaiseAt = 140));

        Assert.Equal(
        [
            "Alerts:Rules:1:Name",
            "Alerts:Rules:2:Name",
            "Alerts:Rules:3:Kind",
            "Alerts:Rules:4:Subject",
            "Alerts:Rules:4:Window",
            "Alerts:Rules:5:Teams:0",
            "Alerts:Rules:5:State",
            "Alerts:Rules:6:RaiseAt",
            "Alerts:Rules:7:Severity",
            "Alerts:Rules:7:MinDurationSeconds",
            "Alerts:Rules:7:State",
            "Alerts:Rules:7:Signal",
            "Alerts:Rules:8:RaiseAt",
        ], errors.Select(e => e.Field));
        Assert.Contains(errors, e => e.Reason == "rule 'DUP': the name 'DUP' is used by an earlier rule; names are unique");
        Assert.Contains(errors, e => e.Reason.StartsWith("rule 'what': 'QueueOnFire' is not a rule kind; expected one of ServiceLevelBelow,", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Reason.StartsWith("rule 'nobody': 'sails' is not a configured queue or queue group", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Reason.StartsWith("rule 'nobody': '5m' is not a window; expected interval, today or a configured sliding window (15m, 30m, 60m)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Reason == "rule 'acw': team 'west' is not configured under Teams");
    }

    [Fact]
    public void The_centre_validator_reports_bad_alert_rules_with_the_rest_of_the_configuration()
    {
        var centre = AlertScript.Centre();
        centre.Alerts.Rules = [Rule("wait", "LongestWaitAbove", r => { r.RaiseAt = 10; r.ClearAt = 20; })];

        var error = Assert.Single(CentreOptionsValidator.Validate(centre));

        Assert.Equal("Alerts:Rules:0:ClearAt", error.Field);
    }

    [Fact]
    public void With_no_rules_configured_the_documented_default_set_applies()
    {
        var engine = new AlertEngine(AlertScript.Centre());

        Assert.Equal(["service-level-below-target", "longest-wait-above-twice-threshold", "out-of-adherence"], engine.Rules.Select(r => r.Name));
        var sl = engine.Rules[0];
        Assert.Equal(("ServiceLevelBelow", "*", "15m", 300.0, (double?)null), (sl.Kind, sl.Subject, sl.Window, sl.MinDurationSeconds, sl.RaiseAt));
        Assert.Equal(("LongestWaitAbove", (double?)null), (engine.Rules[1].Kind, engine.Rules[1].RaiseAt));
        Assert.Equal("OutOfAdherence", engine.Rules[2].Kind);
    }

    [Fact]
    public void The_default_service_level_rule_uses_the_shortest_window_when_fifteen_minutes_is_not_configured()
    {
        var centre = AlertScript.Centre();
        centre.Centre.SlidingWindowsMinutes = [60, 30];

        Assert.Equal("30m", AlertSettings.DefaultRules(centre)[0].Window);
        Assert.Empty(AlertRulesValidator.Validate(AlertSettings.DefaultRules(centre), centre));
    }

    /// <summary>Sales: target 80 %, T 20 s. The default service-level rule raises below 80 % and clears at 82 %; the longest-wait rule above 40 s, clearing at 20 s.</summary>
    [Fact]
    public void The_default_set_raises_longest_wait_above_twice_the_threshold()
    {
        var s = new AlertScript();
        s.Queued("c1", "09:00:00");

        var raised = Assert.Single(s.EverySecond("09:00:00", "09:00:45"));

        Assert.Equal(("longest-wait-above-twice-threshold", "sales", s.At("09:00:41")), (raised.Alert.Rule, raised.Alert.Subject, raised.At));
    }

    [Fact]
    public void Bad_rules_are_rejected_with_name_and_reason_and_the_old_rules_stay_in_force()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82));
        s.Hold("load:sales", 70, "09:00:00", "09:00:00");

        var result = s.Engine.ReplaceRules([AlertScript.LoadBelow(80, 70), Rule("second", "Nonsense")]);

        Assert.False(result.Applied);
        Assert.Equal(["Alerts:Rules:0:ClearAt", "Alerts:Rules:1:Kind"], result.Errors.Select(e => e.Field));
        Assert.StartsWith("rule 'load-low': ", result.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Empty(result.Changes);
        Assert.Equal((80.0, 82.0), (s.Engine.Rules[0].RaiseAt!.Value, s.Engine.Rules[0].ClearAt!.Value));
        var cleared = Assert.Single(s.Hold("load:sales", 82, "09:00:01", "09:00:01")); // the old clear threshold
        Assert.Equal(AlertChangeKind.Cleared, cleared.Kind);
    }

    [Fact]
    public void A_changed_rule_keeps_the_active_alerts_of_its_name_and_judges_them_by_its_new_thresholds()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82));
        var raised = s.Hold("load:sales", 70, "09:00:00", "09:00:00").Single();

        var result = s.Engine.ReplaceRules([AlertScript.LoadBelow(80, 90)]);

        Assert.True(result.Applied);
        Assert.Empty(result.Changes);
        Assert.Empty(s.Hold("load:sales", 85, "09:00:01", "09:00:10"));
        var cleared = Assert.Single(s.Hold("load:sales", 90, "09:00:11", "09:00:11"));
        Assert.Equal(raised.Alert.Id, cleared.Alert.Id);
    }

    [Fact]
    public void A_removed_rule_clears_its_alerts_when_the_rules_are_replaced()
    {
        var s = new AlertScript(
            AlertScript.LoadBelow(80, 82),
            new AlertRuleSettings { Name = "hot", Kind = "SignalAbove", Signal = "heat", Subject = "*", RaiseAt = 10 });
        s.Signal("load:sales", 70).Signal("heat:sales", 20).Evaluate("09:00:00");

        var result = s.Engine.ReplaceRules([AlertScript.LoadBelow(80, 82)]);

        var cleared = Assert.Single(result.Changes);
        Assert.Equal((AlertChangeKind.Cleared, "hot", s.At("09:00:00")), (cleared.Kind, cleared.Alert.Rule, cleared.At));
        Assert.Equal("load-low", Assert.Single(s.Engine.Active).Rule);
        Assert.Empty(s.Evaluate("09:00:01"));
    }

    [Fact]
    public void Building_an_engine_with_bad_rules_fails_naming_every_error()
    {
        var centre = AlertScript.Centre();

        var error = Assert.Throws<ArgumentException>(() => new AlertEngine(centre, [Rule("a", "Nope"), Rule("b", "LongestWaitAbove", r => r.RaiseAt = -1)]));

        Assert.Contains("Alerts:Rules:0:Kind", error.Message, StringComparison.Ordinal);
        Assert.Contains("Alerts:Rules:1:RaiseAt: rule 'b': is seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Alerts_carry_the_rules_teams_and_an_empty_list_means_everyone_sees_them()
    {
        var s = new AlertScript(
            new AlertRuleSettings { Name = "north-only", Kind = "SignalAbove", Signal = "x", Subject = "sales", RaiseAt = 0, Teams = ["north"] },
            new AlertRuleSettings { Name = "everyone", Kind = "SignalAbove", Signal = "x", Subject = "sales", RaiseAt = 0 });
        s.Signal("x:sales", 1).Evaluate("09:00:00");

        var (north, everyone) = (s.Engine.Active[0], s.Engine.Active[1]);

        Assert.Equal((true, false), (north.IsVisibleTo("north"), north.IsVisibleTo("south")));
        Assert.Equal((true, true), (everyone.IsVisibleTo("north"), everyone.IsVisibleTo("south")));
    }

    [Fact]
    public void Rules_bind_from_the_centre_configuration_file()
    {
        using var folder = new Cli.TemporaryFolder();
        var config = folder.File("centre.json");
        File.WriteAllText(config, """
            {
              "Centre": { "TimeZone": "Europe/London" },
              "Queues": [ { "Id": "sales" } ],
              "Teams": [ { "Id": "north" } ],
              "Alerts": {
                "Rules": [
                  { "Name": "sl", "Kind": "ServiceLevelBelow", "Subject": "sales", "Window": "15m", "RaiseAt": 75, "ClearAt": 80,
                    "MinDurationSeconds": 120, "Severity": "critical", "Teams": [ "north" ], "CooldownSeconds": 600 }
                ]
              }
            }
            """);

        var loaded = CcWallboard.Cli.CentreConfigurationFile.Load(config);

        Assert.Empty(loaded.Errors);
        var rule = Assert.Single(loaded.Options!.Alerts.Rules);
        Assert.Equal(("sl", "ServiceLevelBelow", 75.0, 80.0, 120.0, "critical", 600.0),
            (rule.Name, rule.Kind, rule.RaiseAt!.Value, rule.ClearAt!.Value, rule.MinDurationSeconds, rule.Severity, rule.CooldownSeconds));
        Assert.Equal(["north"], rule.Teams);
    }
}

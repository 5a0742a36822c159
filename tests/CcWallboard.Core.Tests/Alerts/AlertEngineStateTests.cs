using System.Text.Json;
using System.Text.Json.Serialization;
using CcWallboard.Core.Alerts;

namespace CcWallboard.Core.Tests.Alerts;

/// <summary>
/// Surviving a host restart: the state is saved, written as JSON the way the host would keep it (web defaults, enums as
/// snake_case names), read back, and restored into a new engine built from the same configuration.
/// </summary>
public sealed class AlertEngineStateTests
{
    private static readonly JsonSerializerOptions HostJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private const string Load = "load:sales";

    /// <summary>The host restarts: a new engine from the same configuration gets the state as the host stored it.</summary>
    private static void Restart(AlertScript s)
    {
        var stored = JsonSerializer.Serialize(s.Engine.Save(), HostJson);
        var restored = JsonSerializer.Deserialize<AlertEngineState>(stored, HostJson)!;
        s.Engine = new AlertEngine(s.Options);
        Assert.Empty(s.Engine.Restore(restored));
    }

    [Fact]
    public void An_acknowledgement_is_kept_across_a_restart()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82));
        var raised = s.Hold(Load, 70, "09:00:00", "09:00:10").Single().Alert;
        s.Engine.Acknowledge(raised.Id, "sup.jones", "on it", s.At("09:00:05"));
        var before = s.Engine.Active.Single();

        Restart(s);

        var after = Assert.Single(s.Engine.Active);
        Assert.Equal(AlertStatus.Acknowledged, after.Status);
        Assert.Equal(AlertHistoryJson.ToJsonLine(before), AlertHistoryJson.ToJsonLine(after));
        Assert.Equal(AcknowledgeStatus.AlreadyAcknowledged, s.Engine.Acknowledge(raised.Id, "sup.smith", null, s.At("09:00:20")).Status);
        var cleared = Assert.Single(s.Hold(Load, 90, "09:00:30", "09:00:30"));
        Assert.Equal((raised.Id, "sup.jones", "on it"), (cleared.Alert.Id, cleared.Alert.AcknowledgedBy, cleared.Alert.AcknowledgementNote));
    }

    [Fact]
    public void A_restart_changes_nothing_the_history_is_the_same_as_an_uninterrupted_run()
    {
        static AlertScript Run(bool restart)
        {
            var s = new AlertScript(AlertScript.LoadBelow(80, 82, minDurationSeconds: 120, cooldownSeconds: 600));
            s.Hold(Load, 70, "09:00:00", "09:02:30");
            s.Hold(Load, 90, "09:02:31", "09:03:00");
            s.Hold(Load, 70, "09:03:01", "09:04:00"); // pending: 59 s of the 120
            if (restart)
            {
                Restart(s);
            }
            s.Hold(Load, 70, "09:04:01", "09:06:00"); // rejoins at 09:05:01, within the cool-down of the 09:02:31 clear
            s.Hold(Load, 90, "09:06:01", "09:06:01");
            return s;
        }

        var uninterrupted = Run(restart: false);
        var restarted = Run(restart: true);

        var alert = Assert.Single(restarted.Engine.History);
        Assert.Equal((1, restarted.At("09:06:01")), (alert.Rejoins, alert.ClearedAt!.Value));
        Assert.Equal(AlertHistoryJson.ToJsonLines(uninterrupted.Engine.History), AlertHistoryJson.ToJsonLines(restarted.Engine.History));
    }

    [Fact]
    public void Restoring_alerts_of_a_rule_no_longer_configured_clears_them_at_the_saved_time()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82));
        var raised = s.Hold(Load, 70, "09:00:00", "09:00:10").Single().Alert;
        var state = s.Engine.Save();

        var other = new AlertScript(new AlertRuleSettings { Name = "another", Kind = "SignalAbove", Signal = "x", Subject = "*", RaiseAt = 1 });
        var cleared = Assert.Single(other.Engine.Restore(state));

        Assert.Equal((AlertChangeKind.Cleared, raised.Id, s.At("09:00:10")), (cleared.Kind, cleared.Alert.Id, cleared.At));
        Assert.Empty(other.Engine.Active);
        Assert.Equal(AlertStatus.Cleared, Assert.Single(other.Engine.History).Status);
    }

    [Fact]
    public void The_saved_state_holds_the_alerts_and_the_pending_conditions_with_local_times()
    {
        var s = new AlertScript(AlertScript.LoadBelow(80, 82, minDurationSeconds: 60),
            new AlertRuleSettings { Name = "hot", Kind = "SignalAbove", Signal = "heat", Subject = "*", RaiseAt = 10 });
        s.Signal("heat:sales", 20).Signal(Load, 70).Evaluate("09:00:00");

        var state = s.Engine.Save();

        Assert.Equal(AlertEngineState.CurrentVersion, state.Version);
        Assert.Equal(s.At("09:00:00"), state.Now);
        Assert.Equal("hot", Assert.Single(state.Alerts).Rule);
        Assert.Equal(new PendingAlert("load-low", "sales", s.At("09:00:00")), Assert.Single(state.Pending));
    }
}

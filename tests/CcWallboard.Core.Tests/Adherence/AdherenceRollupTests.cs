using CcWallboard.Core.Adherence;

namespace CcWallboard.Core.Tests.Adherence;

/// <summary>
/// Team and centre roll-ups are sums of seconds, never averages of percentages. At 09:50:
/// a1 (north, open 09:00–10:00, logs in 09:10): scheduled 3000, in 2400, out 600 (80 %); worked 2400.
/// a2 (north, open 09:00–09:30, 09:00–09:30 logged in): scheduled 1800, in 1800 (100 %); worked 1800; off now.
/// a3 (south, open 09:00–10:00, available 09:00, break from 09:30): scheduled 3000, in 1800, out 1200 (60 %); worked
/// 3000; out now since 09:30 — 20 min, a severe alert.
/// North: 4200 / 4800 = 87.5 % (the average of 80 and 100 would be 90); conformance 4200 / 4800 = 87.5 %.
/// South: 60 %; conformance 100 %. Centre: 6000 / 7800 = 76.92 % (not 80); conformance 7200 / 7800 = 92.31 %.
/// </summary>
public sealed class AdherenceRollupTests
{
    private static AdherenceScript Floor()
    {
        var s = new AdherenceScript()
            .Scheduled("a1", "open", "09:00", "10:00")
            .Scheduled("a2", "open", "09:00", "09:30")
            .Scheduled("a3", "open", "09:00", "10:00")
            .Start();
        s.Available("a1", "09:10");
        s.Available("a2", "09:00");
        s.LoggedOut("a2", "09:30");
        s.Available("a3", "09:00");
        s.NotReady("a3", "break", "09:30");
        s.AdvanceTo("09:50");
        return s;
    }

    [Fact]
    public void Team_adherence_and_conformance_are_percentages_of_summed_seconds()
    {
        var s = Floor();

        var north = s.Engine.TeamOf("north")!;
        var south = s.Engine.TeamOf("south")!;

        Assert.Equal(("North", 2, 4800.0, 4200.0, 600.0), (north.Name, north.Agents, north.ScheduledSeconds, north.InAdherenceSeconds, north.OutOfAdherenceSeconds));
        Assert.Equal(87.5, north.AdherencePercent!.Value, 6);
        Assert.Equal(87.5, north.ConformancePercent!.Value, 6);
        Assert.Equal((0, 0), (north.OutOfAdherenceNow, north.Alerts.Count));
        Assert.Equal(60, south.AdherencePercent!.Value, 6);
        Assert.Equal(100, south.ConformancePercent!.Value, 6);
        Assert.Equal(1, south.OutOfAdherenceNow);
        Assert.Equal(["north", "south"], s.Engine.Teams.Select(t => t.TeamId));
    }

    [Fact]
    public void Centre_adherence_sums_every_agents_seconds_and_lists_who_is_out_now_with_their_alerts()
    {
        var s = Floor();

        var centre = s.Engine.Centre;

        Assert.Equal((AdherenceEngine.CentreId, "Centre", 3), (centre.TeamId, centre.Name, centre.Agents));
        Assert.Equal((7800.0, 6000.0, 1800.0), (centre.ScheduledSeconds, centre.InAdherenceSeconds, centre.OutOfAdherenceSeconds));
        Assert.Equal(76.92, centre.AdherencePercent!.Value, 2);
        Assert.Equal(92.31, centre.ConformancePercent!.Value, 2);
        Assert.Equal(1, centre.OutOfAdherenceNow);
        var alert = Assert.Single(centre.Alerts);
        Assert.Equal(("a3", "south", AlertSeverity.Severe, s.At("09:30")), (alert.AgentId, alert.TeamId, alert.Severity, alert.OutSince));
        Assert.Equal((centre.TeamId, centre.InAdherenceSeconds), (s.Engine.TeamOf(AdherenceEngine.CentreId)!.TeamId, s.Engine.TeamOf(AdherenceEngine.CentreId)!.InAdherenceSeconds));
        Assert.Null(s.Engine.TeamOf("east"));
    }
}

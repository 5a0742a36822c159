using CcWallboard.Cli;
using CcWallboard.Core.Tests.Simulation;

namespace CcWallboard.Core.Tests.Cli;

public sealed class CentreConfigurationFileTests
{
    [Fact]
    public void The_example_centre_loads_and_is_valid()
    {
        var loaded = CentreConfigurationFile.Load(ExampleCentre.ConfigPath);

        Assert.Empty(loaded.Errors);
        var options = Assert.IsType<Core.Configuration.CentreOptions>(loaded.Options);
        Assert.Equal("Europe/London", options.Centre.TimeZone);
        Assert.Equal(3, options.Queues.Count);
        Assert.Equal(60, options.Agents.Count);
        Assert.Equal(5, options.Shifts.Count);
        Assert.Equal(24, options.Simulator.Queues[0].HourlyProfile.Count);
        Assert.Equal(["not_ready:lunch"], options.StateMapping["LUNCH"]);
    }

    [Fact]
    public void Every_rule_broken_is_reported_with_its_key()
    {
        using var folder = new TemporaryFolder();
        var config = folder.File("centre.json");
        File.WriteAllText(config, """
            {
              "Centre": { "TimeZone": "Nowhere/Town", "DayStartsAt": "25:00" },
              "Queues": [ { "Id": "q", "ServiceLevelTargetPercent": 120 } ]
            }
            """);

        var loaded = CentreConfigurationFile.Load(config);

        Assert.Null(loaded.Options);
        Assert.Equal(
            ["Centre:DayStartsAt", "Centre:TimeZone", "Queues:0:ServiceLevelTargetPercent"],
            loaded.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}

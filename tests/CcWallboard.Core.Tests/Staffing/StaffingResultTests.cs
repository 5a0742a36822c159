using System.Text.Json;
using CcWallboard.Core.Staffing;

namespace CcWallboard.Core.Tests.Staffing;

public sealed class StaffingResultTests
{
    private static readonly StaffingRequest Published = new(100, 30, 180, 20, 80, ShrinkagePercent: 30);

    [Fact]
    public void The_published_load_gives_14_agents_and_20_staff_in_percent_units()
    {
        var result = StaffingResult.For(Published);

        Assert.Equal(StaffingResult.ErlangCModel, result.Model);
        Assert.Equal(10, result.TrafficErlangs, 12);
        Assert.Equal(14, result.AgentsRequired);
        Assert.Equal(20, result.StaffRequired);
        Assert.Equal(0.1741, result.ProbabilityOfWaiting, 4);
        Assert.Null(result.ProbabilityOfAbandon);
        Assert.Equal(88.84, result.ServiceLevelPercent!.Value, 2);
        Assert.Equal(7.84, result.AsaSeconds!.Value, 2);
        Assert.Equal(71.43, result.OccupancyPercent, 2);
        Assert.True(result.MeetsTarget);
    }

    [Fact]
    public void Given_agents_are_judged_rather_than_found()
    {
        var short13 = StaffingResult.For(Published with { Agents = 13 });
        var unstable = StaffingResult.For(Published with { Agents = 10 });

        Assert.Equal(13, short13.AgentsRequired);
        Assert.Equal(19, short13.StaffRequired);
        Assert.False(short13.MeetsTarget);
        Assert.Equal(1.0, unstable.ProbabilityOfWaiting);
        Assert.Null(unstable.ServiceLevelPercent);
        Assert.Null(unstable.AsaSeconds);
        Assert.Equal(100, unstable.OccupancyPercent);
        Assert.False(unstable.MeetsTarget);
    }

    [Fact]
    public void A_patience_selects_erlang_a_with_the_probability_of_abandon()
    {
        var result = StaffingResult.For(Published with { Agents = 14, PatienceSeconds = 300 });

        Assert.Equal(StaffingResult.ErlangAModel, result.Model);
        Assert.Equal(0.14526, result.ProbabilityOfWaiting, 5);
        Assert.Equal(0.013984, result.ProbabilityOfAbandon!.Value, 6);
        Assert.True(result.MeetsTarget);
        Assert.Equal(13, StaffingResult.For(Published with { PatienceSeconds = 300 }).AgentsRequired);
    }

    [Fact]
    public void The_json_names_every_figure_in_camel_case_and_keeps_null_service_levels_but_no_null_abandon()
    {
        using var c = JsonDocument.Parse(StaffingResult.For(Published with { Agents = 9 }).ToJson());
        using var a = JsonDocument.Parse(StaffingResult.For(Published with { PatienceSeconds = 300 }).ToJson());

        Assert.Equal(["model", "trafficErlangs", "agentsRequired", "staffRequired", "probabilityOfWaiting", "serviceLevelPercent", "asaSeconds",
            "occupancyPercent", "meetsTarget"], c.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, c.RootElement.GetProperty("serviceLevelPercent").ValueKind);
        Assert.Equal(JsonValueKind.Null, c.RootElement.GetProperty("asaSeconds").ValueKind);
        Assert.Equal(0.025, a.RootElement.GetProperty("probabilityOfAbandon").GetDouble(), 2);
    }
}

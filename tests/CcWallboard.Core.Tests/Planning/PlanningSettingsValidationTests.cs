using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Tests.Simulation;

namespace CcWallboard.Core.Tests.Planning;

/// <summary>Bad Planning and Simulator:Surges settings are refused with their configuration key.</summary>
public sealed class PlanningSettingsValidationTests
{
    private static IReadOnlyList<FieldError> Errors(Action<CentreOptions> change)
    {
        var options = ExampleCentre.Load();
        change(options);
        return CentreOptionsValidator.Validate(options);
    }

    private static FieldError Single(Action<CentreOptions> change) => Assert.Single(Errors(change));

    [Fact]
    public void The_defaults_and_a_well_formed_surge_are_valid()
    {
        Assert.Empty(Errors(o =>
        {
            o.Planning = new PlanningSettings();
            o.Simulator.Surges = [new SimulatedSurgeSettings { QueueId = "sales", StartsAt = "14:00", DurationMinutes = 30, Multiplier = 1.8 }];
        }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(121)]
    public void Observed_minutes_outside_1_to_120_are_refused(int minutes)
    {
        var error = Single(o => o.Planning.ObservedMinutes = minutes);

        Assert.Equal("Planning:ObservedMinutes", error.Field);
        Assert.Equal($"must be between 1 and 120 minutes, not {minutes}", error.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void A_surge_window_outside_1_to_60_minutes_is_refused(int minutes)
    {
        Assert.Equal("Planning:Surge:WindowMinutes", Single(o => o.Planning.Surge.WindowMinutes = minutes).Field);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(90)]
    [InlineData(10_001)]
    [InlineData(double.NaN)]
    public void A_surge_ratio_not_above_100_percent_or_above_10000_is_refused(double percent)
    {
        Assert.Equal("Planning:Surge:RatioPercent", Single(o => o.Planning.Surge.RatioPercent = percent).Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    public void A_surge_significance_not_strictly_between_0_and_half_is_refused(double significance)
    {
        var error = Single(o => o.Planning.Surge.Significance = significance);

        Assert.Equal("Planning:Surge:Significance", error.Field);
        Assert.StartsWith("must be above 0 and below 0.5", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_broken_simulated_surge_setting_is_reported_with_its_index()
    {
        var errors = Errors(o => o.Simulator.Surges =
        [
            new SimulatedSurgeSettings { QueueId = "sales", StartsAt = "10:00" },
            new SimulatedSurgeSettings { QueueId = "nowhere", StartsAt = "9am", DurationMinutes = 0, Multiplier = 0 },
            new SimulatedSurgeSettings { QueueId = "billing", StartsAt = "24:00", DurationMinutes = 1441, Multiplier = 101 },
        ]);

        Assert.Equal(
            [
                "Simulator:Surges:1:DurationMinutes", "Simulator:Surges:1:Multiplier", "Simulator:Surges:1:QueueId", "Simulator:Surges:1:StartsAt",
                "Simulator:Surges:2:DurationMinutes", "Simulator:Surges:2:Multiplier", "Simulator:Surges:2:StartsAt",
            ],
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Contains(errors, e => e.Reason == "queue 'nowhere' is not configured under Queues");
        Assert.Contains(errors, e => e.Reason == "'9am' is not a local time HH:mm");
        Assert.Contains(errors, e => e.Reason == "must be above 0 and at most 1440 minutes, not 1441");
        Assert.Contains(errors, e => e.Reason == "must be above 0 and at most 100, not 101");
    }
}

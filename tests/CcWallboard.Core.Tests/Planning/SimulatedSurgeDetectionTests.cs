using Xunit.Abstractions;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Tests.Simulation;
using static CcWallboard.Core.Tests.Simulation.ExampleCentre;

namespace CcWallboard.Core.Tests.Planning;

/// <summary>
/// Surge detection with the default <see cref="SurgeSettings"/> on simulated days of the example centre, judged every
/// minute against the simulator's forecast (which leaves surges out, as a real forecast would).
/// </summary>
public sealed class SimulatedSurgeDetectionTests(ITestOutputHelper output)
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private static CentreOptions Centre(params SimulatedSurgeSettings[] surges)
    {
        var options = Load();
        options.Planning = new PlanningSettings();
        options.Simulator.Surges = [.. surges];
        return options;
    }

    [Fact]
    public void A_tripling_of_the_busiest_queue_mid_morning_is_detected_within_five_minutes_and_nothing_before()
    {
        var surgeStart = Local(2026, 11, 23, 10);
        var options = Centre(new SimulatedSurgeSettings { QueueId = "service", StartsAt = "10:00", DurationMinutes = 30, Multiplier = 3 });

        var surges = SurgeWatch.SurgesOf(options, Monday);

        Assert.DoesNotContain(surges, s => s.QueueId != "service");
        Assert.DoesNotContain(surges, s => s.At <= surgeStart);
        Assert.NotEmpty(surges);
        var first = Assert.IsType<SurgeWatch.Judged>(surges[0]);
        output.WriteLine($"first surge judgement {first.At - surgeStart} after the start: {first.Judgement}");
        Assert.InRange(first.At - surgeStart, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void The_example_centres_demo_surge_shows_and_nothing_else_does()
    {
        var options = Load();
        var demo = Assert.Single(options.Simulator.Surges);
        var start = Local(2026, 11, 23, 17);

        var surges = SurgeWatch.SurgesOf(options, Monday);

        Assert.Equal(("service", "17:00"), (demo.QueueId, demo.StartsAt));
        Assert.NotEmpty(surges);
        Assert.All(surges, s => Assert.Equal("service", s.QueueId));
        Assert.All(surges, s => Assert.InRange(s.At, start.AddMinutes(1), start.AddMinutes(demo.DurationMinutes + options.Planning.Surge.WindowMinutes)));
        output.WriteLine($"demo surge first judged {surges[0].At - start} after its start: {surges[0].Judgement}");
    }

    [Theory]
    [InlineData(2026, 11, 23)]
    [InlineData(2026, 11, 24)]
    [InlineData(2026, 11, 25)]
    [InlineData(2026, 11, 26)]
    [InlineData(2026, 11, 27)]
    public void A_normal_day_shows_no_surge_on_any_queue_at_any_minute(int year, int month, int day)
    {
        var surges = SurgeWatch.SurgesOf(Centre(), new DateOnly(year, month, day));

        Assert.Empty(surges);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2024)]
    public void A_normal_day_on_another_seed_shows_no_surge(int seed)
    {
        Assert.Empty(SurgeWatch.SurgesOf(Centre(), Monday, seed));
    }

    [Fact]
    public void A_simulated_surge_with_multiplier_one_is_no_surge()
    {
        var options = Centre(new SimulatedSurgeSettings { QueueId = "service", StartsAt = "10:00", DurationMinutes = 30, Multiplier = 1 });

        Assert.Empty(SurgeWatch.SurgesOf(options, Monday));
    }
}

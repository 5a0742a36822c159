using System.Diagnostics;
using CcWallboard.Core.Simulation;

namespace CcWallboard.Core.Tests.Simulation;

/// <summary>Timing tests run alone, so other tests running in parallel do not skew the clock.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;

[Collection(nameof(RunsAlone))]
public sealed class SimulationPerformanceTests
{
    [Fact]
    public void A_whole_day_of_the_example_centre_simulates_in_well_under_a_second()
    {
        var simulator = new FloorSimulator(ExampleCentre.Load());
        var day = simulator.Calendar.DayOf(ExampleCentre.Local(2026, 11, 23, 12));
        var count = simulator.Run(day.Start, day.End).Count(); // warm up the JIT

        var fastest = Enumerable.Range(0, 3).Min(_ =>
        {
            var stopwatch = Stopwatch.StartNew();
            Assert.Equal(count, simulator.Run(day.Start, day.End).Count());
            return stopwatch.Elapsed;
        });

        Assert.True(count > 20_000);
        Assert.True(fastest < TimeSpan.FromSeconds(0.5), $"a day of {count} events took {fastest.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void Reading_the_next_event_of_an_endless_run_stays_cheap_days_later()
    {
        var simulator = new FloorSimulator(ExampleCentre.Load());
        var from = ExampleCentre.Local(2026, 11, 23, 0);
        using var events = simulator.Run(from).GetEnumerator();
        while (events.MoveNext() && events.Current.At < from.AddDays(7))
        {
        }

        var stopwatch = Stopwatch.StartNew();
        var read = 0;
        while (read < 10_000 && events.MoveNext())
        {
            read++;
        }
        stopwatch.Stop();

        Assert.Equal(10_000, read);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(0.5), $"10,000 events a week in took {stopwatch.Elapsed.TotalMilliseconds:0} ms");
    }
}

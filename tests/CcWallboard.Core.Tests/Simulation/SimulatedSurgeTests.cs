using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;
using static CcWallboard.Core.Tests.Simulation.ExampleCentre;

namespace CcWallboard.Core.Tests.Simulation;

/// <summary>Simulator:Surges: during a surge the queue's arrival rate is multiplied, and nothing else changes.</summary>
public sealed class SimulatedSurgeTests
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private static CentreOptions Centre(params SimulatedSurgeSettings[] surges)
    {
        var options = Load();
        options.Simulator.Surges = [.. surges];
        return options;
    }

    private static List<ContactQueued> Arrivals(CentreOptions options, DateTimeOffset from, DateTimeOffset until) =>
        new FloorSimulator(options).Run(from, until).OfType<ContactQueued>().ToList();

    private static List<(string QueueId, DateTimeOffset At)> Times(IEnumerable<ContactQueued> arrivals) =>
        arrivals.Select(a => (a.QueueId, a.At)).ToList();

    [Fact]
    public void A_surge_multiplies_its_queue_arrivals_for_its_minutes_and_leaves_the_rest_as_they_were()
    {
        var start = Local(2026, 11, 23, 10);
        var from = Local(2026, 11, 23, 6);
        var until = Local(2026, 11, 23, 13);
        var plain = Arrivals(Centre(), from, until);
        var surged = Arrivals(Centre(new SimulatedSurgeSettings { QueueId = "service", StartsAt = "10:00", DurationMinutes = 30, Multiplier = 3 }), from, until);
        var expected = SimulatorForecast.For(Load(), Monday).ExpectedArrivals("service", start, start.AddMinutes(30))!.Value;

        Assert.Equal(Times(plain.Where(a => a.At < start)), Times(surged.Where(a => a.At < start)));
        Assert.Equal(Times(plain.Where(a => a.QueueId != "service")), Times(surged.Where(a => a.QueueId != "service")));
        var during = surged.Count(a => a.QueueId == "service" && a.At >= start && a.At < start.AddMinutes(30));
        Assert.InRange(during, 3 * expected * 0.8, 3 * expected * 1.2);
        var after = surged.Count(a => a.QueueId == "service" && a.At >= start.AddMinutes(30) && a.At < start.AddMinutes(150));
        var expectedAfter = SimulatorForecast.For(Load(), Monday).ExpectedArrivals("service", start.AddMinutes(30), start.AddMinutes(150))!.Value;
        Assert.InRange(after, expectedAfter * 0.8, expectedAfter * 1.2);
    }

    [Fact]
    public void A_surge_runs_every_day_at_its_local_time_and_may_cross_midnight()
    {
        var options = Centre(new SimulatedSurgeSettings { QueueId = "billing", StartsAt = "23:40", DurationMinutes = 40, Multiplier = 20 });
        var from = Local(2026, 11, 23, 22);
        var arrivals = Arrivals(options, from, from.AddHours(27)).Where(a => a.QueueId == "billing").ToList();

        int In(DateTimeOffset start, int minutes) => arrivals.Count(a => a.At >= start && a.At < start.AddMinutes(minutes));

        // billing's quiet hours hold about 5 to 6 contacts an hour; ×20 gives about 100 in 40 minutes.
        Assert.InRange(In(Local(2026, 11, 23, 23, 40), 40), 60, 140);
        Assert.InRange(In(Local(2026, 11, 24, 23, 40), 40), 60, 140);
        Assert.InRange(In(Local(2026, 11, 24, 0, 20), 40), 0, 12);
        Assert.InRange(In(Local(2026, 11, 23, 22, 40), 60), 0, 20);
    }
}

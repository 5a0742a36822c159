using CcWallboard.Core.Configuration;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Simulation;

/// <summary>What every run of a <see cref="FloorSimulator"/> shares, taken from the configuration once.</summary>
internal sealed class SimulationSetup
{
    public SimulationSetup(CentreOptions options, int seed)
    {
        Calendar = CentreCalendar.For(options.Centre);
        Schedule = new ShiftSchedule(options, Calendar);
        Seed = seed;
        DeviationProbability = options.Simulator.DeviationProbability;
        var simulated = options.Simulator.Queues.ToDictionary(q => q.QueueId, Copy, StringComparer.Ordinal);
        Queues = options.Queues
            .Select(q => new QueueSetup(q.Id, simulated.GetValueOrDefault(q.Id), SimulatedSurge.Of(options.Simulator, q.Id)))
            .ToList();
        var indexOf = Queues.Select((q, i) => (q.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        Agents = options.Agents
            .Select(a => new AgentSetup(a.Id, a.Queues.Where(indexOf.ContainsKey).Select(q => indexOf[q]).Distinct().ToArray()))
            .ToList();
    }

    public CentreCalendar Calendar { get; }

    public ShiftSchedule Schedule { get; }

    public int Seed { get; }

    public double DeviationProbability { get; }

    public IReadOnlyList<QueueSetup> Queues { get; }

    public IReadOnlyList<AgentSetup> Agents { get; }

    private static SimulatedQueueSettings Copy(SimulatedQueueSettings q) => new()
    {
        QueueId = q.QueueId,
        ContactsPerDay = q.ContactsPerDay,
        HourlyProfile = [.. q.HourlyProfile],
        MeanTalkSeconds = q.MeanTalkSeconds,
        MeanAcwSeconds = q.MeanAcwSeconds,
        MeanPatienceSeconds = q.MeanPatienceSeconds,
    };

    /// <summary>A queue of the centre, its simulator settings (null: no simulated arrivals) and its simulated surges.</summary>
    public sealed record QueueSetup(string Id, SimulatedQueueSettings? Settings, IReadOnlyList<SimulatedSurge> Surges);

    /// <summary>An agent and the indexes of the queues it serves.</summary>
    public sealed record AgentSetup(string Id, int[] Skills);
}

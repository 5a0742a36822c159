using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;
using static CcWallboard.Core.Tests.Simulation.ExampleCentre;

namespace CcWallboard.Core.Tests.Simulation;

/// <summary>One simulated centre day of the example configuration, and the views of it the tests look at.</summary>
public sealed class SimulatedDay
{
    public SimulatedDay(DateOnly date, double? deviationProbability = null)
    {
        Options = Load(deviationProbability);
        Simulator = new FloorSimulator(Options);
        Date = date;
        Start = Simulator.Calendar.StartOf(date);
        End = Simulator.Calendar.StartOf(date.AddDays(1));
        Events = Simulator.Run(Start, End).ToList();
        Contacts = Events.OfType<ContactEvent>().GroupBy(e => e.ContactId).ToDictionary(g => g.Key, g => g.ToList());
        AgentStates = Events.OfType<AgentStateChanged>().ToLookup(e => e.AgentId);
    }

    public CentreOptions Options { get; }

    public FloorSimulator Simulator { get; }

    public DateOnly Date { get; }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public IReadOnlyList<AcdEvent> Events { get; }

    /// <summary>Each contact's events in order.</summary>
    public IReadOnlyDictionary<string, List<ContactEvent>> Contacts { get; }

    /// <summary>Each agent's state changes in order.</summary>
    public ILookup<string, AgentStateChanged> AgentStates { get; }

    /// <summary>The scheduled shifts that start on the simulated date.</summary>
    public IReadOnlyList<ScheduledActivity> Shifts => Simulator.Schedule.ForDate(Date);

    public string ShiftOf(string agentId) => Options.Agents.Single(a => a.Id == agentId).ShiftId!;
}

/// <summary>The example centre's 23 November 2026 (a Monday on GMT), simulated once for the whole test class.</summary>
public sealed class ExampleDayFixture
{
    public SimulatedDay Day { get; } = new(new DateOnly(2026, 11, 23));
}

using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Simulation;

/// <summary>
/// The built-in simulator of a realistic contact-centre floor: an endless, lazy, time-ordered stream of
/// <see cref="AcdEvent"/>s for the configured centre.
/// </summary>
/// <remarks>
/// <para>Contacts arrive per queue as a Poisson process shaped by the queue's hourly profile (local hours of the
/// centre's time zone). The ACD offers a contact to the longest-idle available agent with the skill (the agent rings
/// a few seconds, then answers); otherwise it waits first-in first-out and the next agent freed takes the
/// longest-waiting contact among its skills. Customers have exponential patience: a contact still waiting or ringing
/// when it runs out is abandoned. Talk (sometimes with hold) and after-contact work are log-normal around the queue's
/// means.</para>
/// <para>Agents follow their shifts (<see cref="ShiftSchedule"/>): log in at the start, go not ready with the
/// activity as the reason for breaks, lunches and meetings, and log out at the end — always finishing the contact in
/// hand first. With <see cref="SimulatorSettings.DeviationProbability"/> an agent deviates on a given day (late
/// login, long lunch, leaving early, a few minutes not ready "personal"), fixed per agent and date.</para>
/// <para>At the start instant every configured agent's state is announced, so a host started mid-day shows a
/// staffed floor at once. The same options, seed and start give exactly the same events; ids embed the start
/// (<c>sim-{fromUnixMs}-{n}</c>, contacts <c>c-{fromUnixMs}-{n}</c>) so runs from different starts never share one.
/// Event times are whole milliseconds in UTC; a start with a fraction of a millisecond is rounded up.</para>
/// </remarks>
/// <param name="options">A centre configuration that passes <see cref="CentreOptionsValidator"/>; read once here.</param>
/// <param name="seed">The random seed; by default <see cref="SimulatorSettings.Seed"/>.</param>
public sealed class FloorSimulator(CentreOptions options, int? seed = null)
{
    private readonly SimulationSetup _setup = new(Validated(options), seed ?? options.Simulator.Seed);

    /// <summary>The centre's calendar (time zone and day start) the simulation follows.</summary>
    public CentreCalendar Calendar => _setup.Calendar;

    /// <summary>The agents' scheduled shifts, before the simulated deviations.</summary>
    public ShiftSchedule Schedule => _setup.Schedule;

    /// <summary>The seed in use.</summary>
    public int Seed => _setup.Seed;

    /// <summary>
    /// The events from <paramref name="from"/> on, forever, computed lazily as they are read (non-decreasing
    /// <see cref="AcdEvent.At"/>). Each enumeration starts the floor afresh. Ends only when the configuration has
    /// nothing that could ever happen (no shifts and no arrivals).
    /// </summary>
    public IEnumerable<AcdEvent> Run(DateTimeOffset from)
    {
        var run = new FloorRun(_setup, from);
        foreach (var e in run.Events())
        {
            yield return e;
        }
    }

    /// <summary>The events of [<paramref name="from"/>, <paramref name="until"/>): the start of <see cref="Run(DateTimeOffset)"/>.</summary>
    public IEnumerable<AcdEvent> Run(DateTimeOffset from, DateTimeOffset until) => Run(from).TakeWhile(e => e.At < until);

    private static CentreOptions Validated(CentreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = CentreOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"The centre configuration is not valid: {string.Join("; ", errors)}", nameof(options));
        }
        return options;
    }
}

namespace CcWallboard.Core.Simulation;

/// <summary>
/// One dated piece of an agent's schedule: from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive)
/// the agent is scheduled to do <see cref="Activity"/> — <c>open</c> (on the phones), or an activity of the shift
/// pattern such as <c>break</c>, <c>lunch</c> or <c>meeting</c>. Outside every scheduled activity the agent is off.
/// </summary>
public sealed record ScheduledActivity(string AgentId, string Activity, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The activity name of the open part of a shift: the agent takes contacts.</summary>
    public const string Open = "open";

    public TimeSpan Duration => End - Start;

    /// <summary>True for the open part of a shift (the agent is meant to take contacts).</summary>
    public bool IsOpen => string.Equals(Activity, Open, StringComparison.OrdinalIgnoreCase);

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}

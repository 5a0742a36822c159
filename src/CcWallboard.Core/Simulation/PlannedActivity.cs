namespace CcWallboard.Core.Simulation;

/// <summary>
/// One piece of what a simulated agent will actually do — the schedule with the day's deviation applied — from
/// <see cref="Start"/> to <see cref="End"/> in Unix milliseconds.
/// </summary>
internal readonly record struct PlannedActivity(string Activity, long Start, long End)
{
    public bool IsOpen => string.Equals(Activity, ScheduledActivity.Open, StringComparison.OrdinalIgnoreCase);

    public long Length => End - Start;

    public bool Contains(long instant) => instant >= Start && instant < End;

    public static PlannedActivity From(ScheduledActivity scheduled) =>
        new(scheduled.Activity, scheduled.Start.ToUnixTimeMilliseconds(), scheduled.End.ToUnixTimeMilliseconds());
}

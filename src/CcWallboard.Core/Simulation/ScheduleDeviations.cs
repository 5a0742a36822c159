namespace CcWallboard.Core.Simulation;

/// <summary>
/// Turns an agent's scheduled shift into what the agent actually does that day. With the configured probability
/// the agent deviates once: logs in a few minutes late, takes a long lunch, leaves early, or takes a few minutes
/// not ready for a personal reason. The choice comes from a random stream fixed per agent and date, so a host
/// restarted mid-day simulates the same agents deviating the same way.
/// </summary>
internal static class ScheduleDeviations
{
    /// <summary>The not-ready reason of an unscheduled personal break.</summary>
    public const string PersonalReason = "personal";

    private const long MinuteMs = 60_000;

    private enum Deviation
    {
        LateLogin,
        LongLunch,
        LeavingEarly,
        Personal,
    }

    public static List<PlannedActivity> Apply(IReadOnlyList<ScheduledActivity> shift, double probability, SimulationRandom random)
    {
        var plan = shift.Select(PlannedActivity.From).ToList();
        if (plan.Count == 0 || !random.Chance(probability))
        {
            return plan;
        }
        var shiftStart = plan[0].Start;
        var shiftEnd = plan[^1].End;
        switch ((Deviation)random.NextInt(4))
        {
            case Deviation.LateLogin:
                var late = Minutes(random, 2, 12);
                return Overlay(plan, shiftStart, Math.Min(shiftStart + late, shiftEnd), activity: null);
            case Deviation.LeavingEarly:
                var early = Minutes(random, 5, 30);
                return Overlay(plan, Math.Max(shiftEnd - early, shiftStart), shiftEnd, activity: null);
            case Deviation.LongLunch when TryFindLongLunch(plan, random, out var lunch, out var overrunEnd):
                return Overlay(plan, lunch.End, overrunEnd, lunch.Activity);
            default:
                return WithPersonalBreak(plan, random);
        }
    }

    /// <summary>The lunch (or, without one, the longest scheduled activity) and how far it overruns into the open time after it.</summary>
    private static bool TryFindLongLunch(List<PlannedActivity> plan, SimulationRandom random, out PlannedActivity lunch, out long overrunEnd)
    {
        lunch = default;
        overrunEnd = 0;
        var candidates = plan.Where(p => !p.IsOpen).ToList();
        if (candidates.Count == 0)
        {
            return false;
        }
        lunch = candidates.FirstOrDefault(p => string.Equals(p.Activity, "lunch", StringComparison.OrdinalIgnoreCase));
        if (lunch.Activity is null)
        {
            lunch = candidates.MaxBy(p => p.Length);
        }
        var end = lunch.End;
        var openAfter = plan.FirstOrDefault(p => p.IsOpen && p.Start == end);
        if (openAfter.Activity is null)
        {
            return false;
        }
        overrunEnd = Math.Min(end + Minutes(random, 5, 20), openAfter.End);
        return true;
    }

    private static List<PlannedActivity> WithPersonalBreak(List<PlannedActivity> plan, SimulationRandom random)
    {
        var length = Minutes(random, 3, 10);
        var margin = 5 * MinuteMs;
        var fitting = plan.Where(p => p.IsOpen && p.Length >= length + (2 * margin)).ToList();
        if (fitting.Count == 0)
        {
            return plan;
        }
        var open = fitting[random.NextInt(fitting.Count)];
        var start = open.Start + margin + (long)random.Uniform(0, open.Length - length - (2 * margin));
        return Overlay(plan, start, start + length, PersonalReason);
    }

    /// <summary>Whole seconds, as milliseconds, uniformly between the given minutes.</summary>
    private static long Minutes(SimulationRandom random, double min, double max) =>
        (long)Math.Round(random.Uniform(min * 60, max * 60)) * 1000;

    /// <summary>The plan with [start, end) replaced by <paramref name="activity"/>, or removed (off) when it is null.</summary>
    internal static List<PlannedActivity> Overlay(List<PlannedActivity> plan, long start, long end, string? activity)
    {
        var result = new List<PlannedActivity>(plan.Count + 2);
        foreach (var piece in plan)
        {
            if (piece.End <= start || piece.Start >= end)
            {
                result.Add(piece);
                continue;
            }
            if (piece.Start < start)
            {
                result.Add(piece with { End = start });
            }
            if (piece.End > end)
            {
                result.Add(piece with { Start = end });
            }
        }
        if (activity is not null && end > start)
        {
            result.Add(new PlannedActivity(activity, start, end));
        }
        result.Sort((a, b) => a.Start.CompareTo(b.Start));
        return MergeAdjacent(result);
    }

    private static List<PlannedActivity> MergeAdjacent(List<PlannedActivity> plan)
    {
        var merged = new List<PlannedActivity>(plan.Count);
        foreach (var piece in plan)
        {
            if (merged.Count > 0 && merged[^1].End == piece.Start && string.Equals(merged[^1].Activity, piece.Activity, StringComparison.OrdinalIgnoreCase))
            {
                merged[^1] = merged[^1] with { End = piece.End };
            }
            else
            {
                merged.Add(piece);
            }
        }
        return merged;
    }
}

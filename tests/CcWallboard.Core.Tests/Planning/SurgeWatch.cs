using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Planning;
using CcWallboard.Core.Simulation;

namespace CcWallboard.Core.Tests.Planning;

/// <summary>
/// A planner watching a simulated centre day for surges as the host's does: every event goes into the day's
/// <see cref="PlannerDay"/>, and at each whole minute t of the day (from the first full window on) each queue is judged
/// by <see cref="QueuePlanner.JudgeSurge"/> — arrivals in [t − window, t) against the simulator's own forecast.
/// </summary>
internal static class SurgeWatch
{
    /// <summary>A judgement at the end of a window.</summary>
    public sealed record Judged(string QueueId, DateTimeOffset At, SurgeStatus Judgement);

    /// <summary>The judgements of the day that found a surge, in time order.</summary>
    public static IReadOnlyList<Judged> SurgesOf(CentreOptions options, DateOnly date, int? seed = null)
    {
        var simulator = new FloorSimulator(options, seed);
        var start = simulator.Calendar.StartOf(date);
        var end = simulator.Calendar.StartOf(date.AddDays(1));
        var forecast = SimulatorForecast.For(options, date);
        var settings = options.Planning.Surge;
        var window = TimeSpan.FromMinutes(settings.WindowMinutes);
        var day = new PlannerDay(options, simulator.Calendar, date);
        var surges = new List<Judged>();
        var next = start + window;

        void JudgeUntil(DateTimeOffset instant)
        {
            for (; next <= instant && next <= end; next = next.AddMinutes(1))
            {
                foreach (var queue in options.Queues)
                {
                    var judgement = QueuePlanner.JudgeSurge(day, forecast, queue.Id, settings, next);
                    if (judgement.Active)
                    {
                        surges.Add(new Judged(queue.Id, next, judgement));
                    }
                }
            }
        }

        foreach (var e in simulator.Run(start, end))
        {
            JudgeUntil(e.At);
            day.Apply(e);
        }
        JudgeUntil(end);
        return surges;
    }
}

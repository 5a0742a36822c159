using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Planning;
using CcWallboard.Core.Simulation;

namespace CcWallboard.Core.Tests.Planning;

/// <summary>
/// A planner watching a simulated centre day for surges: every arrival goes into its queue's
/// <see cref="ArrivalWindow"/>, and at each whole minute t of the day (from the first full window on) each queue's
/// arrivals in [t − window, t) are judged against the simulator's own forecast for the same minutes.
/// </summary>
internal static class SurgeWatch
{
    /// <summary>A judgement at the end of a window.</summary>
    public sealed record Judged(string QueueId, DateTimeOffset At, SurgeJudgement Judgement);

    /// <summary>The judgements of the day that found a surge, in time order.</summary>
    public static IReadOnlyList<Judged> SurgesOf(CentreOptions options, DateOnly date, int? seed = null)
    {
        var simulator = new FloorSimulator(options, seed);
        var start = simulator.Calendar.StartOf(date);
        var end = simulator.Calendar.StartOf(date.AddDays(1));
        var forecast = SimulatorForecast.For(options, date);
        var settings = options.Planning.Surge;
        var window = TimeSpan.FromMinutes(settings.WindowMinutes);
        var arrivals = options.Queues.ToDictionary(q => q.Id, _ => new ArrivalWindow(window), StringComparer.Ordinal);
        var surges = new List<Judged>();
        var next = start + window;

        void JudgeUntil(DateTimeOffset instant)
        {
            for (; next <= instant && next <= end; next = next.AddMinutes(1))
            {
                foreach (var (queueId, queueArrivals) in arrivals)
                {
                    if (forecast.ExpectedArrivals(queueId, next - window, next) is { } expected)
                    {
                        var judgement = SurgeDetector.Judge(queueArrivals.CountBetween(next - window, next), expected, settings);
                        if (judgement.IsSurge)
                        {
                            surges.Add(new Judged(queueId, next, judgement));
                        }
                    }
                }
            }
        }

        foreach (var queued in simulator.Run(start, end).OfType<ContactQueued>())
        {
            JudgeUntil(queued.At);
            arrivals[queued.QueueId].Add(queued.At);
        }
        JudgeUntil(end);
        return surges;
    }
}

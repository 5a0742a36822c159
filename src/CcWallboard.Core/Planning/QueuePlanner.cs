using CcWallboard.Core.Configuration;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Staffing;

namespace CcWallboard.Core.Planning;

/// <summary>
/// Builds a queue's planner figures (<see cref="QueuePlan"/>) at one instant from three sources: the planner's own fold
/// (<see cref="PlannerDay"/>: arrivals at arrival time, staffed agents), the metrics engine (outcomes, AHT and service
/// level per interval and sliding window, agents by state now) and the day's forecast. Erlang C
/// (<see cref="ErlangC"/>) turns a load into agents required at the queue's service-level threshold and target.
/// </summary>
public static class QueuePlanner
{
    /// <summary>Everything one queue's plan is built from.</summary>
    /// <param name="Intervals">The engine's figures for every interval of today up to the current one.</param>
    /// <param name="View">The engine's live view of the queue (sliding windows, agents by state, contacts waiting).</param>
    public sealed record Inputs(
        QueueSettings Queue,
        PlannerDay Day,
        DayForecast? Forecast,
        IReadOnlyList<QueueFigures> Intervals,
        QueueSnapshot View,
        PlanningSettings Settings,
        TimeZoneInfo TimeZone,
        TimeSpan IntervalLength,
        AgentsRequiredMemo? Memo = null)
    {
        /// <summary>Erlang C's agents required, from <see cref="Memo"/> when there is one.</summary>
        public int? Required(double? traffic, double? ahtSeconds) =>
            Memo is { } memo ? memo.AgentsRequired(traffic, ahtSeconds, Queue) : AgentsRequired(traffic, ahtSeconds, Queue);
    }

    public static QueuePlan Plan(Inputs inputs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var (queue, day, forecast) = (inputs.Queue, inputs.Day, inputs.Forecast);
        var current = Math.Clamp(day.Day.IntervalIndexOf(Clamp(now, day), inputs.IntervalLength), 0, day.IntervalCount - 1);
        var intervals = new List<PlannerInterval>(day.IntervalCount);
        for (var i = 0; i < day.IntervalCount; i++)
        {
            intervals.Add(Interval(inputs, i, current, now));
        }
        return new QueuePlan(queue.Id, queue.Name ?? queue.Id, queue.ServiceLevelSeconds, queue.ServiceLevelTargetPercent,
            Now(inputs, intervals[current], now), intervals);
    }

    /// <summary>
    /// Erlang C's agents required for <paramref name="traffic"/> Erlangs at the queue's threshold and target; 0 for no
    /// traffic; null without an AHT or with a target of 100 % (which no finite staffing meets in Erlang C).
    /// </summary>
    public static int? AgentsRequired(double? traffic, double? ahtSeconds, QueueSettings queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (traffic is not { } load || ahtSeconds is not > 0 || queue.ServiceLevelTargetPercent >= 100)
        {
            return null;
        }
        return load <= 0 ? 0 : ErlangC.AgentsRequired(load, ahtSeconds.Value, queue.ServiceLevelSeconds, queue.ServiceLevelTargetPercent / 100);
    }

    private static PlannerInterval Interval(Inputs inputs, int index, int current, DateTimeOffset now)
    {
        var (queue, day) = (inputs.Queue, inputs.Day);
        var start = day.Day.IntervalStart(index, inputs.IntervalLength, inputs.TimeZone);
        var end = index + 1 < day.IntervalCount ? day.Day.IntervalStart(index + 1, inputs.IntervalLength, inputs.TimeZone) : day.Day.End;
        var planned = inputs.Forecast?.At(queue.Id, start);
        var forecastRequired = planned is null ? null
            : inputs.Required(planned.Offered / (end - start).TotalSeconds * planned.AhtSeconds, planned.AhtSeconds);
        if (index > current || !day.Counts(start, end))
        {
            // A future interval, or one before the counting began (a first run mid-day): forecast only.
            var phase = index > current ? IntervalPhases.Future : IntervalPhases.Closed;
            return new PlannerInterval(start, end, phase, null, planned?.Offered, null, null, planned?.AhtSeconds,
                null, forecastRequired, null, null);
        }
        var until = index == current ? Clamp(now, day) : end;
        var arrivals = day.Arrivals(queue.Id, start, end);
        var figures = index < inputs.Intervals.Count ? inputs.Intervals[index] : null;
        var aht = figures?.AhtSeconds ?? planned?.AhtSeconds;
        var elapsed = (until - Later(start, day.CountsFrom)).TotalSeconds;
        var actualRequired = elapsed > 0 ? inputs.Required(arrivals / elapsed * aht, aht) : null;
        return new PlannerInterval(start, end, index == current ? IntervalPhases.Current : IntervalPhases.Closed, arrivals,
            planned?.Offered, figures?.Offered, figures?.AhtSeconds, planned?.AhtSeconds, figures?.ServiceLevelPercent,
            forecastRequired, actualRequired, day.AverageStaffed(queue.Id, index));
    }

    private static PlannerNow Now(Inputs inputs, PlannerInterval interval, DateTimeOffset now)
    {
        var (queue, day, forecast, settings) = (inputs.Queue, inputs.Day, inputs.Forecast, inputs.Settings);
        var at = Clamp(now, day);
        var planned = forecast?.At(queue.Id, interval.Start);

        var forecastToNow = forecast?.ExpectedArrivals(queue.Id, Later(interval.Start, day.CountsFrom), at);
        var arrivals = interval.Arrivals ?? 0;
        var observedFrom = at - TimeSpan.FromMinutes(settings.ObservedMinutes);
        var observedSeconds = (at - Later(observedFrom, day.CountsFrom)).TotalSeconds;
        var observedRate = observedSeconds > 0 ? day.Arrivals(queue.Id, observedFrom, at) / observedSeconds : 0;
        var observedAht = ObservedAht(inputs.View, settings.ObservedMinutes);
        var aht = observedAht ?? planned?.AhtSeconds;
        double? traffic = aht is { } h ? observedRate * h : null;
        var available = inputs.View.Agents.LoggedIn - inputs.View.Agents.NotReady;

        return new PlannerNow(
            interval.Start, interval.End,
            arrivals, forecastToNow, planned?.Offered, ServiceLevel.PercentOf(arrivals, forecastToNow ?? 0),
            settings.ObservedMinutes, observedRate * 3600, planned is null ? null : planned.RatePerSecond * 3600,
            observedAht, planned?.AhtSeconds,
            traffic, inputs.Required(traffic, aht), available, day.StaffedNow(queue.Id),
            inputs.View.Interval.ServiceLevelPercent,
            ProjectedServiceLevel(inputs, at, interval.End, observedRate, aht, available),
            Surge(inputs, at));
    }

    /// <summary>
    /// The interval's service level at its end if the observed rate holds: its terms so far (the queue's formula), plus
    /// the contacts still expected (observed rate × time left) met at Erlang C's SL(T) with the agents available now
    /// (none when they cannot carry the load), plus the contacts already waiting past the threshold as misses.
    /// </summary>
    private static double? ProjectedServiceLevel(Inputs inputs, DateTimeOffset at, DateTimeOffset end, double rate, double? aht, int available)
    {
        var figures = inputs.View.Interval;
        var counters = new OutcomeCounters
        {
            Answered = figures.Answered,
            AnsweredWithinThreshold = figures.AnsweredWithinThreshold,
            Abandoned = figures.Abandoned,
            AbandonedWithinThreshold = figures.AbandonedWithinThreshold,
            ShortAbandoned = figures.ShortAbandoned,
        };
        var (met, counted) = ServiceLevel.Terms(counters, inputs.Queue.ServiceLevelFormula);
        counted += inputs.View.WaitingPastThreshold;
        var expected = rate * Math.Max(0, (end - at).TotalSeconds);
        if (expected > 0 && aht is { } h)
        {
            var traffic = rate * h;
            var share = available > traffic ? ErlangC.ServiceLevel(available, traffic, h, inputs.Queue.ServiceLevelSeconds) ?? 0 : 0;
            met += share * expected;
            counted += expected;
        }
        return ServiceLevel.PercentOf(met, counted);
    }

    private static SurgeStatus Surge(Inputs inputs, DateTimeOffset at) =>
        JudgeSurge(inputs.Day, inputs.Forecast, inputs.Queue.Id, inputs.Settings.Surge, at);

    /// <summary>
    /// The queue's surge judgement at <paramref name="at"/> (<see cref="SurgeDetector"/>): its arrivals over the last
    /// <see cref="SurgeSettings.WindowMinutes"/> (cut at <see cref="PlannerDay.CountsFrom"/>) against the forecast's for
    /// the same minutes. No forecast for part of the window: no judgement, never a surge.
    /// </summary>
    public static SurgeStatus JudgeSurge(PlannerDay day, DayForecast? forecast, string queueId, SurgeSettings settings, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(settings);
        var from = Later(at - TimeSpan.FromMinutes(settings.WindowMinutes), day.CountsFrom);
        var arrivals = day.Arrivals(queueId, from, at);
        if (from >= at || forecast?.ExpectedArrivals(queueId, from, at) is not { } expected)
        {
            return new SurgeStatus(false, settings.WindowMinutes, arrivals, null, null, null);
        }
        var judgement = SurgeDetector.Judge(arrivals, expected, settings);
        return new SurgeStatus(judgement.IsSurge, settings.WindowMinutes, arrivals, expected, judgement.RatioPercent,
            judgement.PoissonTailProbability);
    }

    /// <summary>The AHT of the sliding window whose length is nearest <paramref name="minutes"/> (the shorter on a tie).</summary>
    private static double? ObservedAht(QueueSnapshot view, int minutes)
    {
        QueueFigures? nearest = null;
        var best = TimeSpan.MaxValue;
        var wanted = TimeSpan.FromMinutes(minutes);
        foreach (var window in view.Sliding)
        {
            var distance = (window.WindowEnd - window.WindowStart - wanted).Duration();
            if (distance < best)
            {
                (nearest, best) = (window, distance);
            }
        }
        return nearest?.AhtSeconds;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Clamp(DateTimeOffset now, PlannerDay day) =>
        now < day.Day.Start ? day.Day.Start : now >= day.Day.End ? day.Day.End.AddTicks(-1) : now;
}

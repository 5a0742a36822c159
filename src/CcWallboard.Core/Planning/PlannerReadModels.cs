namespace CcWallboard.Core.Planning;

/// <summary>What the planner page shows, as of one instant: every queue's plan against its forecast.</summary>
public sealed record PlannerSnapshot(
    DateTimeOffset AsOf,
    DateOnly Day,
    string TimeZone,
    int IntervalMinutes,
    /// <summary><see cref="ForecastSources"/>: imported, simulator, or null when the day has no forecast.</summary>
    string? ForecastSource,
    IReadOnlyList<QueuePlan> Queues);

/// <summary>One queue: the figures now and today's intervals (closed, current and those still to come).</summary>
public sealed record QueuePlan(
    string QueueId,
    string Name,
    double ServiceLevelSeconds,
    double ServiceLevelTargetPercent,
    PlannerNow Now,
    IReadOnlyList<PlannerInterval> Intervals);

/// <summary>
/// A queue right now: arrivals in the current interval against the forecast so far, the observed arrival rate and AHT
/// over the last <see cref="ObservedMinutes"/>, the agents Erlang C requires at that load for the queue's service-level
/// target against those available and staffed, and the service level the interval is heading for.
/// </summary>
public sealed record PlannerNow(
    DateTimeOffset IntervalStart,
    DateTimeOffset IntervalEnd,
    /// <summary>Arrivals (counted at arrival time) since the interval began.</summary>
    int Arrivals,
    /// <summary>The arrivals the forecast expects from the interval's start to now.</summary>
    double? ForecastArrivalsToNow,
    /// <summary>The forecast's arrivals for the whole interval.</summary>
    double? ForecastOffered,
    /// <summary>Arrivals as a percentage of <see cref="ForecastArrivalsToNow"/>.</summary>
    double? ArrivalsVsForecastPercent,
    int ObservedMinutes,
    double ObservedArrivalsPerHour,
    double? ForecastArrivalsPerHour,
    /// <summary>AHT of the contacts handled in the sliding window nearest <see cref="ObservedMinutes"/>.</summary>
    double? ObservedAhtSeconds,
    double? ForecastAhtSeconds,
    /// <summary>Observed arrival rate × AHT (the observed AHT, else the forecast's).</summary>
    double? TrafficErlangs,
    /// <summary>Erlang C: the fewest agents that meet the queue's service-level target at <see cref="TrafficErlangs"/>.</summary>
    int? AgentsRequired,
    /// <summary>Agents logged in, serving the queue and not in not-ready: available, ringing, on a contact or in ACW.</summary>
    int AgentsAvailable,
    /// <summary>Agents logged in and serving the queue, in any state.</summary>
    int AgentsStaffed,
    /// <summary>The service level of the interval so far.</summary>
    double? ServiceLevelPercent,
    /// <summary>
    /// The service level the interval ends at if the observed rate holds: its outcomes so far plus the rest of the
    /// interval's expected arrivals answered at Erlang C's SL(T) with the agents available now (none when they are
    /// too few for the load); contacts already waiting past the threshold count as misses.
    /// </summary>
    double? ProjectedServiceLevelPercent,
    SurgeStatus Surge);

/// <summary>The surge judgement of a queue now (METRICS.md, "Surges").</summary>
public sealed record SurgeStatus(
    bool Active,
    int WindowMinutes,
    int Arrivals,
    double? ExpectedArrivals,
    double? RatioPercent,
    /// <summary>P(at least <see cref="Arrivals"/>) under a Poisson process at the forecast rate.</summary>
    double? PoissonTailProbability);

/// <summary>The phase of an interval relative to now.</summary>
public static class IntervalPhases
{
    public const string Closed = "closed";
    public const string Current = "current";
    public const string Future = "future";
}

/// <summary>One interval of today for one queue: actual (closed and current intervals) beside forecast and staffing.</summary>
public sealed record PlannerInterval(
    DateTimeOffset Start,
    DateTimeOffset End,
    /// <summary><see cref="IntervalPhases"/>.</summary>
    string Phase,
    /// <summary>Arrivals counted at arrival time; null for a future interval.</summary>
    int? Arrivals,
    double? ForecastOffered,
    /// <summary>Offered by outcome (METRICS.md): answered + abandoned with their outcome in the interval.</summary>
    int? Offered,
    double? AhtSeconds,
    double? ForecastAhtSeconds,
    double? ServiceLevelPercent,
    /// <summary>Erlang C on the forecast's offered and AHT: the agents the plan needs.</summary>
    int? AgentsRequiredForecast,
    /// <summary>Erlang C on the actual arrivals and AHT (the forecast's AHT when none was handled).</summary>
    int? AgentsRequiredActual,
    /// <summary>Time-weighted average of the agents staffed for the queue over the interval (as far as it has run).</summary>
    double? AgentsStaffed);

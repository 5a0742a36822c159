namespace CcWallboard.Core.Configuration;

/// <summary>
/// Resource planning (configuration section <c>Planning</c>): the forecasts live figures are judged against, the
/// window the "now" figures read, and when arrivals above forecast count as a surge (METRICS.md, "Surges").
/// </summary>
public sealed class PlanningSettings
{
    /// <summary>
    /// Forecast files imported at start-up, relative to the centre file; each name ends with its day
    /// (e.g. <c>forecasts/2026-11-23.csv</c>), CSV <c>queueId,intervalStart,offered,ahtSeconds</c> or the same as JSON.
    /// </summary>
    public List<string> ForecastFiles { get; set; } = [];

    /// <summary>
    /// When no forecast was imported for a day and the built-in simulator runs, use the volumes the simulator is
    /// configured to produce as that day's forecast (labelled so on the planner page). Default true.
    /// </summary>
    public bool ForecastFromSimulator { get; set; } = true;

    /// <summary>Minutes of recent traffic the "now" figures read: observed arrival rate and AHT for agents required now.</summary>
    public int ObservedMinutes { get; set; } = 15;

    public SurgeSettings Surge { get; set; } = new();
}

/// <summary>
/// A surge: over the last <see cref="WindowMinutes"/>, at least <see cref="RatioPercent"/> of the arrivals the forecast
/// expects, and so many that a Poisson process at the forecast rate would reach them with probability at most
/// <see cref="Significance"/>. Both must hold.
/// </summary>
public sealed class SurgeSettings
{
    /// <summary>How many recent minutes of arrivals are judged. Default 10.</summary>
    public int WindowMinutes { get; set; } = 10;

    /// <summary>Arrivals as a percentage of the forecast's for the same minutes, at or above which a surge may show. Default 120.</summary>
    public double RatioPercent { get; set; } = 120;

    /// <summary>
    /// The largest probability, under a Poisson process at the forecast rate, of seeing at least the observed arrivals
    /// for them to count as a surge. Default 0.001: at one judgement a minute, a false surge about once in 1,000 minutes
    /// of normal traffic at most, far fewer since successive windows overlap.
    /// </summary>
    public double Significance { get; set; } = 0.001;
}

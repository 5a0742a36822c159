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
/// <see cref="Significance"/>. Both must hold (<see cref="CcWallboard.Core.Planning.SurgeDetector"/>).
/// </summary>
/// <remarks>
/// <para>The defaults (5 minutes, 120 %, 10⁻⁶) trade false alarms against delay for a floor judged once a minute per
/// queue: 1,440 judgements a queue a day. A judgement on normal traffic is a false surge with probability at most the
/// significance (less: the Poisson count is discrete), so at 10⁻⁶ a queue sees fewer than 1.5 × 10⁻³ false surge
/// minutes a day — for the example centre's three queues at most one in about 230 days; overlapping windows cluster
/// such minutes, they do not add more. At 10⁻³ and 10 minutes (the first choice) a Monte Carlo of the example centre
/// (tests/CcWallboard.Core.Tests/Planning/surge_defaults.py) showed a false surge on 70 % of normal days; at 10⁻⁵ and
/// 5 minutes on 1–1.5 %; at 10⁻⁶ on 0–0.5 % (docs/staffing.md, "Surges").</para>
/// <para>The window sets the delay: a 5-minute window is all surge 5 minutes after a surge starts, a 10-minute one only
/// half. At the example centre's busiest queue (about 2.3 contacts a minute mid-morning) a tripling is judged a surge
/// within 5 minutes on about 82 % of simulated days with these defaults (89 % at 10⁻⁵); a doubling within 5 minutes
/// on only about 7 %, since 5 minutes of doubled traffic (about 23 contacts against 11.6 expected) is not yet
/// improbable enough — it shows later in the surge. Smaller queues need a larger or longer surge.</para>
/// <para>The ratio matters for large queues, where a rise too small to act on is still improbable: at 1,000 expected
/// arrivals in the window, the 4.75 standard deviations that 10⁻⁶ asks for are only 15 % above forecast.</para>
/// </remarks>
public sealed class SurgeSettings
{
    /// <summary>How many recent minutes of arrivals are judged. Default 5.</summary>
    public int WindowMinutes { get; set; } = 5;

    /// <summary>Arrivals as a percentage of the forecast's for the same minutes, at or above which a surge may show. Default 120.</summary>
    public double RatioPercent { get; set; } = 120;

    /// <summary>
    /// The largest probability, under a Poisson process at the forecast rate, of seeing at least the observed arrivals
    /// for them to count as a surge. Default 10⁻⁶ (see the remarks on <see cref="SurgeSettings"/> for why).
    /// </summary>
    public double Significance { get; set; } = 0.000001;
}

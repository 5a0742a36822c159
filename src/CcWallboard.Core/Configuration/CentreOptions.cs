namespace CcWallboard.Core.Configuration;

/// <summary>
/// A contact centre as configured (config/centre.json; the same keys in the host's configuration and in
/// replay's CENTRE.json). Bound by Microsoft.Extensions.Configuration, checked by <see cref="CentreOptionsValidator"/>.
/// </summary>
public sealed class CentreOptions
{
    public CentreSettings Centre { get; set; } = new();
    public List<QueueSettings> Queues { get; set; } = [];
    /// <summary>Queue groups (e.g. all English-speaking queues): figures over several queues, each agent counted once.</summary>
    public List<QueueGroupSettings> QueueGroups { get; set; } = [];
    public List<TeamSettings> Teams { get; set; } = [];
    public List<AgentSettings> Agents { get; set; } = [];
    public List<ShiftSettings> Shifts { get; set; } = [];
    /// <summary>Scheduled activity → the actual states that satisfy it (METRICS.md, "Schedule adherence").</summary>
    public Dictionary<string, List<string>> StateMapping { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public List<BoardSettings> Boards { get; set; } = [];
    /// <summary>Schedule adherence: equivalences, alert thresholds, how work outside the schedule counts.</summary>
    public AdherenceSettings Adherence { get; set; } = new();
    public CcWallboard.Core.Alerts.AlertSettings Alerts { get; set; } = new();
    /// <summary>Resource planning: forecasts, the "now" window, surge detection.</summary>
    public PlanningSettings Planning { get; set; } = new();
    public SimulatorSettings Simulator { get; set; } = new();
}

public sealed class CentreSettings
{
    public string Name { get; set; } = "Contact centre";
    /// <summary>IANA time zone id of the centre (e.g. Europe/London): "today" and intervals follow its local clock.</summary>
    public string TimeZone { get; set; } = "UTC";
    /// <summary>Interval length for history and forecasts: 15 or 30.</summary>
    public int IntervalMinutes { get; set; } = 15;
    /// <summary>Local time the centre's day starts (HH:mm), e.g. 06:00 for a centre open overnight.</summary>
    public string DayStartsAt { get; set; } = "00:00";
    /// <summary>How late an event may arrive and still be applied in order (EVENTS.md; default 5 s).</summary>
    public double AllowedLatenessSeconds { get; set; } = 5;
    /// <summary>How far in the future an event's <c>at</c> may lie before it is rejected.</summary>
    public double MaxFutureSkewSeconds { get; set; } = 30;
    /// <summary>Lengths of the sliding windows in minutes; unset means 15, 30 and 60.</summary>
    public List<int>? SlidingWindowsMinutes { get; set; }

    /// <summary>The sliding windows in force, shortest first.</summary>
    public IReadOnlyList<int> EffectiveSlidingWindowsMinutes =>
        SlidingWindowsMinutes is { Count: > 0 } windows ? [.. windows.Distinct().Order()] : DefaultSlidingWindowsMinutes;

    public static IReadOnlyList<int> DefaultSlidingWindowsMinutes { get; } = [15, 30, 60];
}

public sealed class QueueSettings
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    /// <summary>Service-level threshold T in seconds.</summary>
    public double ServiceLevelSeconds { get; set; } = 20;
    /// <summary>Service-level target in percent (e.g. 80).</summary>
    public double ServiceLevelTargetPercent { get; set; } = 80;
    public ServiceLevelFormula ServiceLevelFormula { get; set; } = ServiceLevelFormula.AbandonsWithinThresholdIgnored;
    /// <summary>Abandons with a wait below this are short abandons, removed from every figure; 0 = off.</summary>
    public double ShortAbandonSeconds { get; set; } = 5;
    /// <summary>Also show a projected service level that counts contacts already waiting longer than T as misses.</summary>
    public bool CountWaitingPastThreshold { get; set; }

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;
}

/// <summary>The four service-level formulas of METRICS.md.</summary>
public enum ServiceLevelFormula
{
    /// <summary><c>A_T / (A + B − B_T)</c>: abandons within T are left out (the default).</summary>
    AbandonsWithinThresholdIgnored,
    /// <summary><c>A_T / (A + B)</c>: every abandon is a miss.</summary>
    AbandonsNegative,
    /// <summary><c>(A_T + B_T) / (A + B)</c>: abandons within T count as met.</summary>
    AbandonsPositive,
    /// <summary><c>A_T / A</c>: abandons are left out.</summary>
    AbandonsIgnored,
}

/// <summary>A named set of queues whose figures are shown together.</summary>
public sealed class QueueGroupSettings
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public List<string> Queues { get; set; } = [];

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;
}

public sealed class TeamSettings
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
}

public sealed class AgentSettings
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string? TeamId { get; set; }
    /// <summary>The queues (skills) the agent serves.</summary>
    public List<string> Queues { get; set; } = [];
    /// <summary>The shift pattern the agent works (see <see cref="CentreOptions.Shifts"/>).</summary>
    public string? ShiftId { get; set; }
}

/// <summary>A daily shift pattern in the centre's local time: the standard schedule of the agents who work it.</summary>
public sealed class ShiftSettings
{
    public string Id { get; set; } = "";
    /// <summary>Local start (HH:mm).</summary>
    public string Start { get; set; } = "09:00";
    /// <summary>Local end (HH:mm); an end before the start runs past midnight.</summary>
    public string End { get; set; } = "17:00";
    /// <summary>Breaks, lunches, meetings inside the shift; the rest of the shift is "open".</summary>
    public List<ShiftActivitySettings> Activities { get; set; } = [];
}

public sealed class ShiftActivitySettings
{
    /// <summary>break, lunch, meeting, training, ... (a key of the state mapping).</summary>
    public string Activity { get; set; } = "break";
    /// <summary>Local start (HH:mm).</summary>
    public string Start { get; set; } = "10:30";
    public int Minutes { get; set; } = 15;
}

/// <summary>
/// Schedule adherence settings (METRICS.md, "Schedule adherence"). Which actual states satisfy each scheduled
/// activity is <see cref="CentreOptions.StateMapping"/> (the default mapping when empty).
/// </summary>
public sealed class AdherenceSettings
{
    /// <summary>Activity → other activities whose states also satisfy it (e.g. <c>"break": ["lunch"]</c>: a lunch state during a scheduled break is in adherence).</summary>
    public Dictionary<string, List<string>> Equivalences { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Activity → seconds out of adherence, continuously, before an RTA alert (e.g. open 180, break 60); <c>*</c> is the default for others.</summary>
    public Dictionary<string, double> AlertAfterSeconds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Activity → seconds out of adherence before the alert turns severe; <c>*</c> is the default for others.</summary>
    public Dictionary<string, double> SevereAfterSeconds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// When true, time an agent works (is logged in) outside the schedule counts against adherence: it is added to
    /// the denominator as time out of adherence. Off by default: adherence is counted inside the schedule only.
    /// </summary>
    public bool CountWorkOutsideSchedule { get; set; }

    /// <summary>Schedule files (CSV or JSON, <c>agentId,activity,start,end</c>) loaded at start-up, relative to the configuration file.</summary>
    public List<string> ScheduleFiles { get; set; } = [];

    /// <summary>Default alert threshold when none is set for an activity or <c>*</c>.</summary>
    public const double DefaultAlertAfterSeconds = 180;

    /// <summary>Default severe threshold when none is set for an activity or <c>*</c>.</summary>
    public const double DefaultSevereAfterSeconds = 600;

    public double AlertAfter(string activity) => Threshold(AlertAfterSeconds, activity, DefaultAlertAfterSeconds);

    public double SevereAfter(string activity) => Threshold(SevereAfterSeconds, activity, DefaultSevereAfterSeconds);

    private static double Threshold(Dictionary<string, double> thresholds, string activity, double fallback) =>
        thresholds.TryGetValue(activity, out var seconds) ? seconds : thresholds.TryGetValue("*", out var any) ? any : fallback;
}

/// <summary>A wallboard: the page <c>/board/{Name}</c> and the queues it shows.</summary>
public sealed class BoardSettings
{
    public string Name { get; set; } = "";
    public string? Title { get; set; }
    public List<string> Queues { get; set; } = [];
    /// <summary>Show a surge tile: the board's queues' arrivals against forecast, loud while one surges.</summary>
    public bool SurgeTile { get; set; }
}

/// <summary>The built-in simulator of a realistic floor.</summary>
public sealed class SimulatorSettings
{
    public bool Enabled { get; set; }
    public int Seed { get; set; } = 1;
    /// <summary>Per-queue arrival and handling model.</summary>
    public List<SimulatedQueueSettings> Queues { get; set; } = [];
    /// <summary>Share of agents who deviate from schedule (late login, long lunch, early leave), 0–1.</summary>
    public double DeviationProbability { get; set; } = 0.15;
    /// <summary>Optional surges: for a while, a queue's arrivals run at a multiple of its profile's rate.</summary>
    public List<SimulatedSurgeSettings> Surges { get; set; } = [];
}

/// <summary>A simulated surge (EVENTS.md, "an optional surge"): from a local time, for some minutes, arrivals × a factor.</summary>
public sealed class SimulatedSurgeSettings
{
    public string QueueId { get; set; } = "";
    /// <summary>Local time of day the surge starts (HH:mm), every simulated day.</summary>
    public string StartsAt { get; set; } = "";
    public double DurationMinutes { get; set; } = 30;
    /// <summary>The factor on the queue's arrival rate during the surge, e.g. 2 for twice the forecast volume.</summary>
    public double Multiplier { get; set; } = 2;
}

public sealed class SimulatedQueueSettings
{
    public string QueueId { get; set; } = "";
    /// <summary>Contacts offered over a whole day at the profile's shape.</summary>
    public double ContactsPerDay { get; set; } = 1000;
    /// <summary>24 relative weights, one per local hour, shaping arrivals over the day.</summary>
    public List<double> HourlyProfile { get; set; } = [];
    public double MeanTalkSeconds { get; set; } = 240;
    public double MeanAcwSeconds { get; set; } = 30;
    /// <summary>Mean customer patience: a contact still waiting after its patience abandons.</summary>
    public double MeanPatienceSeconds { get; set; } = 120;
}

using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;

namespace CcWallboard.Core.Adherence;

/// <summary>
/// The definition of "in adherence" (METRICS.md, "Schedule adherence") in one place: which actual states satisfy
/// each scheduled activity — the configured <see cref="CentreOptions.StateMapping"/>, or
/// <see cref="StateMatcher.DefaultMapping"/> when none is configured — widened by
/// <see cref="AdherenceSettings.Equivalences"/>, and how time outside the schedule counts.
/// <list type="bullet">
/// <item>Scheduled (an activity other than <c>off</c>): an approved exception is in; a state the activity's matchers
/// (or those of its equivalent activities) accept is in; a state no entry of the whole mapping names is not
/// calculated, as is any state during an activity the mapping does not know; any other state is out.</item>
/// <item>Off (a gap in the schedule, or an activity named <c>off</c>): logged out is off, not counted. Logged in is
/// off and not counted when <see cref="AdherenceSettings.CountWorkOutsideSchedule"/> is false; when it is true, out
/// of adherence (in under an approved exception), and counted.</item>
/// </list>
/// </summary>
public sealed class AdherenceRules
{
    /// <summary>The activity name of time outside the schedule.</summary>
    public const string Off = "off";

    private readonly Dictionary<string, ActivityRule> _rules = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, StateMatcher[]> _mapping = new(StringComparer.OrdinalIgnoreCase);
    private readonly StateMatcher[] _everyMatcher;
    private readonly AdherenceSettings _settings;

    public AdherenceRules(CentreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _settings = options.Adherence ?? new AdherenceSettings();
        if (options.StateMapping.Count > 0)
        {
            foreach (var (activity, states) in options.StateMapping)
            {
                // Entries that do not parse are reported by CentreOptionsValidator; here they match nothing.
                var matchers = new List<StateMatcher>(states.Count);
                foreach (var text in states)
                {
                    if (StateMatcher.TryParse(text, out var matcher))
                    {
                        matchers.Add(matcher);
                    }
                }
                _mapping[activity.Trim()] = [.. matchers];
            }
        }
        else
        {
            foreach (var (activity, matchers) in StateMatcher.DefaultMapping)
            {
                _mapping[activity] = [.. matchers];
            }
        }
        // Off is satisfied by logged out even when a configured mapping leaves it out.
        _mapping.TryAdd(Off, [new StateMatcher(AgentState.LoggedOut, null)]);
        _everyMatcher = [.. _mapping.Values.SelectMany(m => m).Distinct()];
        OffRule = RuleFor(Off);
    }

    /// <summary>When true, logged-in time outside the schedule is counted, as out of adherence.</summary>
    public bool CountWorkOutsideSchedule => _settings.CountWorkOutsideSchedule;

    internal ActivityRule OffRule { get; }

    /// <summary>The states that satisfy <paramref name="activity"/>: its own matchers and those of its equivalent activities.</summary>
    public IReadOnlyList<StateMatcher> MatchersOf(string activity) => RuleFor(activity).Matchers;

    /// <summary>True when some entry of the mapping names the state (otherwise time in it is not calculated).</summary>
    public bool IsMapped(AgentState state, string? reason)
    {
        foreach (var matcher in _everyMatcher)
        {
            if (matcher.Matches(state, reason))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The status of an instant at which <paramref name="activity"/> is scheduled (null or <c>off</c>: outside the schedule).</summary>
    public AdherenceStatus Classify(string? activity, AgentState state, string? reason, bool approved = false) =>
        Classify(activity is null ? OffRule : RuleFor(activity), state, reason, approved);

    internal AdherenceStatus Classify(ActivityRule rule, AgentState state, string? reason, bool approved)
    {
        if (rule.IsOff)
        {
            if (state == AgentState.LoggedOut || !_settings.CountWorkOutsideSchedule)
            {
                return AdherenceStatus.Off;
            }
            return approved ? AdherenceStatus.In : AdherenceStatus.Out;
        }
        if (approved)
        {
            return AdherenceStatus.In;
        }
        if (rule.Matchers.Length == 0)
        {
            return AdherenceStatus.NotCalculated;
        }
        if (rule.IsSatisfiedBy(state, reason))
        {
            return AdherenceStatus.In;
        }
        return IsMapped(state, reason) ? AdherenceStatus.Out : AdherenceStatus.NotCalculated;
    }

    /// <summary>The resolved rule of an activity (created once per name; schedules are resolved when loaded, not per event).</summary>
    internal ActivityRule RuleFor(string activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (_rules.TryGetValue(activity, out var rule))
        {
            return rule;
        }
        var name = activity.Trim();
        var matchers = new List<StateMatcher>();
        if (_mapping.TryGetValue(name, out var own))
        {
            matchers.AddRange(own);
        }
        if (_settings.Equivalences.TryGetValue(name, out var equivalents))
        {
            foreach (var other in equivalents)
            {
                if (_mapping.TryGetValue(other.Trim(), out var theirs))
                {
                    matchers.AddRange(theirs);
                }
            }
        }
        var isOff = string.Equals(name, Off, StringComparison.OrdinalIgnoreCase);
        rule = new ActivityRule(
            isOff ? Off : name,
            isOff,
            [.. matchers.Distinct()],
            !isOff && !matchers.Exists(m => m.State == AgentState.LoggedOut),
            Ticks(_settings.AlertAfter(name)),
            Ticks(_settings.SevereAfter(name)));
        _rules[activity] = rule;
        return rule;
    }

    /// <summary>Seconds as ticks, clamped so that an instant plus a threshold cannot overflow.</summary>
    private static long Ticks(double seconds) =>
        double.IsNaN(seconds) ? 0 : (long)(Math.Clamp(seconds, 0, 1e10) * TimeSpan.TicksPerSecond);
}

/// <summary>
/// One activity with its mapping resolved: the states that satisfy it, whether it is time scheduled to work (no
/// logged-out state satisfies it), and its RTA thresholds.
/// </summary>
internal sealed class ActivityRule(string name, bool isOff, StateMatcher[] matchers, bool isWork, long alertAfterTicks, long severeAfterTicks)
{
    public string Name { get; } = name;

    public bool IsOff { get; } = isOff;

    public StateMatcher[] Matchers { get; } = matchers;

    public bool IsWork { get; } = isWork;

    public long AlertAfterTicks { get; } = alertAfterTicks;

    public long SevereAfterTicks { get; } = severeAfterTicks;

    public bool IsSatisfiedBy(AgentState state, string? reason)
    {
        foreach (var matcher in Matchers)
        {
            if (matcher.Matches(state, reason))
            {
                return true;
            }
        }
        return false;
    }
}

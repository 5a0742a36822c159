using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;

namespace CcWallboard.Core.Alerts;

/// <summary>
/// A validated rule, parsed: what <see cref="AlertEngine"/> evaluates. Built only from settings that
/// <see cref="AlertRulesValidator"/> accepted.
/// </summary>
internal sealed class AlertRule
{
    private AlertRule(AlertRuleSettings settings, AlertRuleKind kind)
    {
        Settings = settings;
        Kind = kind;
        Name = settings.Name.Trim();
        Subject = string.IsNullOrWhiteSpace(settings.Subject) ? AlertRuleKinds.Every : settings.Subject.Trim();
        Above = AlertRuleKinds.IsAbove(kind);
        MinDuration = TimeSpan.FromSeconds(settings.MinDurationSeconds);
        Cooldown = TimeSpan.FromSeconds(settings.CooldownSeconds);
        Teams = [.. settings.Teams.Select(t => t.Trim())];
    }

    public AlertRuleSettings Settings { get; }

    public string Name { get; }

    public AlertRuleKind Kind { get; }

    public string Subject { get; }

    public bool IsEvery => Subject == AlertRuleKinds.Every;

    /// <summary>True when the value alerts by rising above the threshold; false when by falling below it.</summary>
    public bool Above { get; }

    public TimeSpan MinDuration { get; }

    public TimeSpan Cooldown { get; }

    public AlertSeverity? Severity { get; private init; }

    public IReadOnlyList<string> Teams { get; }

    /// <summary>The window name of queue figures (ServiceLevelBelow, AbandonmentRateAbove).</summary>
    public string? Window { get; private init; }

    public StateMatcher? State { get; private init; }

    public string? Signal { get; private init; }

    /// <summary>The raise threshold for a queue with this service-level target and threshold T (for the kinds that default from the queue).</summary>
    public double RaiseFor(double targetPercent, double thresholdSeconds) => Settings.RaiseAt ?? Kind switch
    {
        AlertRuleKind.ServiceLevelBelow => targetPercent,
        AlertRuleKind.LongestWaitAbove => 2 * thresholdSeconds,
        _ => 0,
    };

    /// <summary>The clear threshold given the raise threshold: as configured, or the kind's default.</summary>
    public double ClearFor(double raise) => Settings.ClearAt ?? Kind switch
    {
        AlertRuleKind.ServiceLevelBelow => Math.Min(100, raise + 2),
        AlertRuleKind.LongestWaitAbove => raise / 2,
        _ => raise,
    };

    /// <summary>Beyond the raise threshold: strictly above it (or below it).</summary>
    public bool Raises(double value, double raise) => Above ? value > raise : value < raise;

    /// <summary>Back within the clear threshold: at or below it (or at or above it).</summary>
    public bool Clears(double value, double clear) => Above ? value <= clear : value >= clear;

    /// <summary>Of two values, the one further in the alerting direction.</summary>
    public double Worse(double a, double b) => Above ? Math.Max(a, b) : Math.Min(a, b);

    /// <summary>The parsed rule; the settings must have passed <see cref="AlertRulesValidator"/>.</summary>
    public static AlertRule Of(AlertRuleSettings settings, CentreOptions centre)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(centre);
        if (!AlertRuleKinds.TryParse(settings.Kind, out var kind))
        {
            throw new ArgumentException($"rule '{settings.Name}': '{settings.Kind}' is not a rule kind", nameof(settings));
        }
        StateMatcher? state = null;
        if (kind == AlertRuleKind.AgentStateLongerThan && StateMatcher.TryParse(settings.State?.Trim(), out var matcher))
        {
            state = matcher;
        }
        return new AlertRule(settings, kind)
        {
            Severity = AlertSeverities.TryParse(settings.Severity, out var severity) ? severity : null,
            Window = !AlertRuleKinds.HasWindow(kind) ? null
                : string.IsNullOrWhiteSpace(settings.Window) ? WindowName(centre.Centre.EffectiveSlidingWindowsMinutes[0])
                : WindowOf(settings.Window, centre) ?? settings.Window.Trim(),
            State = state,
            Signal = kind switch
            {
                AlertRuleKind.Surge => string.IsNullOrWhiteSpace(settings.Signal) ? AlertRuleKinds.SurgeSignal : settings.Signal.Trim(),
                AlertRuleKind.SignalAbove or AlertRuleKind.SignalBelow => settings.Signal?.Trim(),
                _ => null,
            },
        };
    }

    /// <summary>The name of a sliding window of this many minutes, as the metrics engine names it (<c>15m</c>).</summary>
    public static string WindowName(int minutes) => $"{minutes}m";

    /// <summary>
    /// The window a rule names, as the metrics engine names it: <c>today</c>, <c>interval</c> or a configured sliding
    /// window (<c>15m</c>), matched case-insensitively; null when the centre has no such window.
    /// </summary>
    public static string? WindowOf(string? text, CentreOptions centre)
    {
        ArgumentNullException.ThrowIfNull(centre);
        var name = text?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }
        if (name.Equals(TodayWindow, StringComparison.OrdinalIgnoreCase))
        {
            return TodayWindow;
        }
        if (name.Equals(IntervalWindow, StringComparison.OrdinalIgnoreCase))
        {
            return IntervalWindow;
        }
        return centre.Centre.EffectiveSlidingWindowsMinutes.Select(WindowName)
            .FirstOrDefault(w => w.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    public const string TodayWindow = "today";

    public const string IntervalWindow = "interval";

    /// <summary>The states AgentStateLongerThan watches.</summary>
    public static bool IsWatchableState(StateMatcher state) => state.State is AgentState.Acw or AgentState.OnContact or AgentState.NotReady;
}

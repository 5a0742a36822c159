using CcWallboard.Core.Configuration;

namespace CcWallboard.Core.Alerts;

/// <summary>
/// Supervisor alerts (<c>Alerts</c> in the centre configuration; docs/alerts.md): the rules, or — when the
/// configuration names none — the documented default set (<see cref="DefaultRules"/>).
/// </summary>
public sealed class AlertSettings
{
    public List<AlertRuleSettings> Rules { get; set; } = [];

    /// <summary>The rules in force: the configured ones, or the default set when none is configured.</summary>
    public IReadOnlyList<AlertRuleSettings> EffectiveRules(CentreOptions centre) => Effective(Rules, centre);

    /// <summary><paramref name="rules"/>, or the default set when it is empty.</summary>
    public static IReadOnlyList<AlertRuleSettings> Effective(IReadOnlyList<AlertRuleSettings>? rules, CentreOptions centre) =>
        rules is { Count: > 0 } ? rules : DefaultRules(centre);

    /// <summary>How long a default rule's alert may clear and come back as the same alert.</summary>
    public const double DefaultCooldownSeconds = 300;

    /// <summary>
    /// The default set (issue 6), for every queue:
    /// <list type="bullet">
    /// <item><c>service-level-below-target</c>: the service level over the 15-minute sliding window (the shortest
    /// configured window when 15 minutes is not one) below the queue's target for 5 minutes; clears at target + 2
    /// points.</item>
    /// <item><c>longest-wait-above-twice-threshold</c>: the longest wait above twice the queue's service-level threshold
    /// T; clears at T.</item>
    /// <item><c>out-of-adherence</c>: an agent out of adherence beyond the activity's alert threshold (the adherence
    /// engine's RTA alert), warning or, once severe, critical.</item>
    /// </list>
    /// Each joins a raise within 5 minutes of its clear to the same alert; everyone sees them.
    /// </summary>
    public static IReadOnlyList<AlertRuleSettings> DefaultRules(CentreOptions centre)
    {
        ArgumentNullException.ThrowIfNull(centre);
        var windows = centre.Centre.EffectiveSlidingWindowsMinutes;
        var window = windows.Contains(15) ? 15 : windows[0];
        return
        [
            new AlertRuleSettings
            {
                Name = "service-level-below-target",
                Kind = nameof(AlertRuleKind.ServiceLevelBelow),
                Subject = AlertRuleKinds.Every,
                Window = $"{window}m",
                MinDurationSeconds = 300,
                Severity = "warning",
                CooldownSeconds = DefaultCooldownSeconds,
            },
            new AlertRuleSettings
            {
                Name = "longest-wait-above-twice-threshold",
                Kind = nameof(AlertRuleKind.LongestWaitAbove),
                Subject = AlertRuleKinds.Every,
                Severity = "warning",
                CooldownSeconds = DefaultCooldownSeconds,
            },
            new AlertRuleSettings
            {
                Name = "out-of-adherence",
                Kind = nameof(AlertRuleKind.OutOfAdherence),
                Subject = AlertRuleKinds.Every,
                CooldownSeconds = DefaultCooldownSeconds,
            },
        ];
    }
}

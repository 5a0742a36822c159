namespace CcWallboard.Core.Adherence;

/// <summary>An agent's adherence at an instant (METRICS.md, "Schedule adherence").</summary>
public enum AdherenceStatus
{
    /// <summary>
    /// Scheduled off and not counted: logged out, or logged in while <see cref="Configuration.AdherenceSettings.CountWorkOutsideSchedule"/> is off.
    /// </summary>
    Off,
    /// <summary>The actual state satisfies the scheduled activity (or an approved exception covers the instant).</summary>
    In,
    /// <summary>The actual state does not satisfy the scheduled activity; counts against adherence.</summary>
    Out,
    /// <summary>
    /// The actual state matches no entry of the whole state mapping (e.g. <c>not_ready:personal</c> when no activity names it),
    /// or the scheduled activity has no mapping: adherence cannot be judged, and the time is neither in nor out.
    /// </summary>
    NotCalculated,
}

/// <summary>How serious a real-time adherence alert is.</summary>
public enum AlertSeverity
{
    /// <summary>Out of adherence continuously for longer than the activity's alert threshold.</summary>
    Warning = 1,
    /// <summary>Out of adherence continuously for longer than the activity's severe threshold.</summary>
    Severe = 2,
}

/// <summary>What happened to an alert.</summary>
public enum AlertChangeKind
{
    Raised,
    /// <summary>The alert turned severe.</summary>
    Escalated,
    /// <summary>The agent is no longer out of adherence (back in, off, not calculated, or an exception was approved).</summary>
    Cleared,
}

/// <summary>The names the host and the UI use for adherence values.</summary>
public static class AdherenceNames
{
    public static string Of(AdherenceStatus status) => status switch
    {
        AdherenceStatus.Off => "off",
        AdherenceStatus.In => "in",
        AdherenceStatus.Out => "out",
        AdherenceStatus.NotCalculated => "not_calculated",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Of(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Warning => "warning",
        AlertSeverity.Severe => "severe",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}

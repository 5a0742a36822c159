namespace CcWallboard.Core.Alerts;

/// <summary>
/// Everything <see cref="AlertEngine"/> needs to carry on after a restart, as plain serializable data (System.Text.Json
/// reads and writes it as is): the last evaluation time, the alerts it keeps (today's history, the active ones, and
/// those cleared recently enough to be rejoined) and the conditions waiting out their minimum duration. The rules are
/// not in it: they come from the configuration the engine is built with.
/// </summary>
public sealed record AlertEngineState(
    int Version,
    DateTimeOffset? Now,
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<PendingAlert> Pending)
{
    public const int CurrentVersion = 1;
}

/// <summary>A rule's condition has held for a subject since <see cref="Since"/>, not yet for the rule's minimum duration.</summary>
public sealed record PendingAlert(string Rule, string Subject, DateTimeOffset Since);

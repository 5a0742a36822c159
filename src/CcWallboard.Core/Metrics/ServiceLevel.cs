using CcWallboard.Core.Configuration;

namespace CcWallboard.Core.Metrics;

/// <summary>
/// The definitions of METRICS.md in one place: the board, the API, replay and alerts all read them here.
/// A figure with an empty denominator has no value (null).
/// </summary>
public static class ServiceLevel
{
    /// <summary>Numerator and denominator of the service level under <paramref name="formula"/>; short abandons are already out of the counters.</summary>
    public static (double Met, double Counted) Terms(in OutcomeCounters c, ServiceLevelFormula formula) => formula switch
    {
        ServiceLevelFormula.AbandonsWithinThresholdIgnored => (c.AnsweredWithinThreshold, c.Answered + c.Abandoned - c.AbandonedWithinThreshold),
        ServiceLevelFormula.AbandonsNegative => (c.AnsweredWithinThreshold, c.Answered + c.Abandoned),
        ServiceLevelFormula.AbandonsPositive => (c.AnsweredWithinThreshold + c.AbandonedWithinThreshold, c.Answered + c.Abandoned),
        ServiceLevelFormula.AbandonsIgnored => (c.AnsweredWithinThreshold, c.Answered),
        _ => throw new ArgumentOutOfRangeException(nameof(formula), formula, null),
    };

    /// <summary>Service level in percent, or null when no contact counts.</summary>
    public static double? Percent(in OutcomeCounters c, ServiceLevelFormula formula)
    {
        var (met, counted) = Terms(c, formula);
        return PercentOf(met, counted);
    }

    /// <summary>Abandonment rate <c>(B − S) / (A + B − S)</c> in percent.</summary>
    public static double? AbandonmentRatePercent(in OutcomeCounters c) => PercentOf(c.Abandoned, c.Answered + c.Abandoned);

    /// <summary>Average speed of answer: sum of answered waits / A.</summary>
    public static double? AsaSeconds(in OutcomeCounters c) => c.Answered == 0 ? null : c.AnsweredWaitSeconds / c.Answered;

    /// <summary>Average handle time: (talk + hold + ACW) / contacts whose ACW ended in the window.</summary>
    public static double? AhtSeconds(in OutcomeCounters c) => c.Handled == 0 ? null : c.HandleSeconds / c.Handled;

    public static double? PercentOf(double part, double whole) => whole > 0 ? 100.0 * part / whole : null;
}

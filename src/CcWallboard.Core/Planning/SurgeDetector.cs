using CcWallboard.Core.Configuration;
using CcWallboard.Core.Staffing;

namespace CcWallboard.Core.Planning;

/// <summary>
/// One queue's recent arrivals judged against its forecast (METRICS.md, "Surges").
/// </summary>
/// <param name="Observed">Arrivals in the window (counted at arrival time).</param>
/// <param name="Expected">The arrivals the forecast expects in the same window (μ).</param>
/// <param name="RatioPercent">100 × observed ÷ expected; null when the forecast expects none.</param>
/// <param name="PoissonTailProbability">P(X ≥ observed) for X ~ Poisson(expected): how unlikely so many arrivals are if the forecast holds.</param>
/// <param name="IsSurge">Whether the arrivals count as a surge (<see cref="SurgeDetector.Judge"/>).</param>
public sealed record SurgeJudgement(int Observed, double Expected, double? RatioPercent, double PoissonTailProbability, bool IsSurge);

/// <summary>
/// The surge rule: arrivals over the last <see cref="SurgeSettings.WindowMinutes"/> are a surge when they are at least
/// <see cref="SurgeSettings.RatioPercent"/> of the forecast's for the same minutes AND a Poisson process at the forecast
/// rate would reach at least that many with probability at most <see cref="SurgeSettings.Significance"/>.
/// </summary>
/// <remarks>
/// A window the forecast expects no arrivals in (μ = 0: the queue is forecast closed or empty) has no ratio and a tail
/// of 0 for any arrival; there it is a surge from <see cref="UnforecastArrivalsForSurge"/> arrivals on, so one or two
/// stray contacts (a misrouted call, a test call) do not raise one.
/// </remarks>
public static class SurgeDetector
{
    /// <summary>Arrivals in a window the forecast expects none in, from which they count as a surge: 3.</summary>
    public const int UnforecastArrivalsForSurge = 3;

    /// <summary>Judges <paramref name="observed"/> arrivals against <paramref name="expected"/> for the same window.</summary>
    public static SurgeJudgement Judge(int observed, double expected, SurgeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(observed);
        if (!(expected >= 0) || double.IsInfinity(expected))
        {
            throw new ArgumentOutOfRangeException(nameof(expected), expected, "expected arrivals must be a finite number, zero or more");
        }
        var tail = PoissonUpperTail(observed, expected);
        if (expected == 0)
        {
            return new SurgeJudgement(observed, expected, null, tail, observed >= UnforecastArrivalsForSurge);
        }
        var ratio = 100.0 * observed / expected;
        return new SurgeJudgement(observed, expected, ratio, tail, ratio >= settings.RatioPercent && tail <= settings.Significance);
    }

    /// <summary>
    /// P(X ≥ <paramref name="k"/>) for X ~ Poisson(<paramref name="mean"/>), to about 1e-10 relative for means up to
    /// 10⁵ and tails down to the smallest double. Above the mean it sums the probabilities from k upward; at or below
    /// the mean it is 1 − P(X ≤ k − 1), summing from k − 1 downward. Either way the terms shrink geometrically from
    /// the first, which is found in log space with ln Γ (no factorials), so nothing overflows; the sum is kept relative
    /// to the first term and exponentiated once.
    /// </summary>
    public static double PoissonUpperTail(int k, double mean)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k == 0)
        {
            return 1;
        }
        if (mean == 0)
        {
            return 0;
        }
        if (k > mean)
        {
            return Math.Exp(LogProbability(k, mean) + Math.Log(RelativeSum(k, mean, upward: true)));
        }
        var below = Math.Exp(LogProbability(k - 1, mean) + Math.Log(RelativeSum(k - 1, mean, upward: false)));
        return Math.Max(0, 1 - below);
    }

    /// <summary>ln P(X = j) = j·ln μ − μ − ln Γ(j + 1).</summary>
    private static double LogProbability(int j, double mean) => (j * Math.Log(mean)) - mean - GammaFunctions.LogGamma(j + 1.0);

    /// <summary>Σ P(X = i) / P(X = j) over i = j, j + 1, … (upward) or i = j, j − 1, …, 0 (downward; the factor i/μ is 0 at i = 0).</summary>
    private static double RelativeSum(int j, double mean, bool upward)
    {
        var sum = 0.0;
        var term = 1.0;
        var i = j;
        while (term > sum * 1e-17)
        {
            sum += term;
            if (upward)
            {
                term *= mean / (i + 1);
                i++;
            }
            else
            {
                term *= i / mean;
                i--;
            }
        }
        return sum;
    }
}

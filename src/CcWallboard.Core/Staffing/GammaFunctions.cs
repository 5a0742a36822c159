namespace CcWallboard.Core.Staffing;

/// <summary>
/// ln Γ(z) and the digamma function ψ(z) for z &gt; 0, by their Stirling series after shifting z up to at least 10
/// with the recurrences Γ(z + 1) = z·Γ(z) and ψ(z + 1) = ψ(z) + 1/z. The series are cut after the z⁻¹³ (ln Γ) and
/// z⁻¹⁴ (ψ) terms, whose successors are below 10⁻¹⁶ at z = 10: full double precision.
/// </summary>
internal static class GammaFunctions
{
    private const double Shift = 10;

    /// <summary>½·ln(2π).</summary>
    private const double HalfLogTwoPi = 0.91893853320467274178;

    public static double LogGamma(double z)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(z);
        var shifted = 0.0;
        var product = 1.0;
        while (z < Shift)
        {
            product *= z;
            z++;
        }
        if (product != 1.0)
        {
            shifted = Math.Log(product);
        }
        var inverse = 1 / z;
        var inverseSquared = inverse * inverse;
        // B₂ₖ / (2k(2k − 1)) for k = 1..7.
        var series = inverse * (1.0 / 12 + inverseSquared * (-1.0 / 360 + inverseSquared * (1.0 / 1260 + inverseSquared * (-1.0 / 1680
            + inverseSquared * (1.0 / 1188 + inverseSquared * (-691.0 / 360360 + inverseSquared * (1.0 / 156)))))));
        return ((z - 0.5) * Math.Log(z)) - z + HalfLogTwoPi + series - shifted;
    }

    public static double Digamma(double z)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(z);
        var shifted = 0.0;
        while (z < Shift)
        {
            shifted += 1 / z;
            z++;
        }
        var inverseSquared = 1 / (z * z);
        // B₂ₖ / (2k) for k = 1..7.
        var series = inverseSquared * (1.0 / 12 + inverseSquared * (-1.0 / 120 + inverseSquared * (1.0 / 252 + inverseSquared * (-1.0 / 240
            + inverseSquared * (1.0 / 132 + inverseSquared * (-691.0 / 32760 + inverseSquared * (1.0 / 12)))))));
        return Math.Log(z) - (0.5 / z) - series - shifted;
    }
}

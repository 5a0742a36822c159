using CcWallboard.Core.Staffing;

namespace CcWallboard.Core.Tests.Staffing;

public sealed class GammaFunctionsTests
{
    private const double EulerGamma = 0.57721566490153286061;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(30)]
    [InlineData(170)]
    public void Log_gamma_of_a_whole_number_is_the_log_of_its_factorial(int n)
    {
        var logFactorial = Enumerable.Range(1, n - 1).Sum(k => Math.Log(k));

        Assert.Equal(logFactorial, GammaFunctions.LogGamma(n), 1e-13 * Math.Max(1, logFactorial));
    }

    [Fact]
    public void Log_gamma_holds_at_half_integers_and_on_its_recurrence_for_small_and_large_arguments()
    {
        Assert.Equal(0.5 * Math.Log(Math.PI), GammaFunctions.LogGamma(0.5), 14);
        Assert.Equal(Math.Log(0.75 * Math.Sqrt(Math.PI)), GammaFunctions.LogGamma(2.5), 14);
        foreach (var z in new[] { 1e-4, 0.3, 9.99, 23.3, 1e4, 1e8 })
        {
            Assert.Equal(GammaFunctions.LogGamma(z) + Math.Log(z), GammaFunctions.LogGamma(z + 1), 1e-15 * Math.Max(1, Math.Abs(GammaFunctions.LogGamma(z + 1))) * 8);
        }
    }

    [Fact]
    public void Digamma_holds_at_known_values_and_on_its_recurrence()
    {
        Assert.Equal(-EulerGamma, GammaFunctions.Digamma(1), 14);
        Assert.Equal(-EulerGamma - (2 * Math.Log(2)), GammaFunctions.Digamma(0.5), 14);
        Assert.Equal(1 + 0.5 + (1 / 3.0) - EulerGamma, GammaFunctions.Digamma(4), 14);
        foreach (var z in new[] { 1e-3, 0.7, 9.5, 23.3, 1e5 })
        {
            Assert.Equal(GammaFunctions.Digamma(z) + (1 / z), GammaFunctions.Digamma(z + 1), 1e-13 * Math.Max(1, Math.Abs(1 / z)));
        }
    }
}

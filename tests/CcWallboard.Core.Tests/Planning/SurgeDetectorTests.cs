using CcWallboard.Core.Configuration;
using CcWallboard.Core.Planning;

namespace CcWallboard.Core.Tests.Planning;

public sealed class SurgeDetectorTests
{
    private static readonly SurgeSettings Defaults = new();

    /// <summary>Reference values from poisson_tail_reference.py (100-digit sums from the definition, checked against mpmath).</summary>
    [Theory]
    [InlineData(1, 0.01, 0.009950166250831947)]
    [InlineData(2, 0.01, 4.966791334026589e-05)]
    [InlineData(3, 0.01, 1.6542165280748767e-07)]
    [InlineData(0, 0.5, 1.0)]
    [InlineData(1, 0.5, 0.3934693402873666)]
    [InlineData(3, 0.5, 0.014387677966970687)]
    [InlineData(6, 0.5, 1.4164937322342491e-05)]
    [InlineData(1, 1, 0.6321205588285577)]
    [InlineData(6, 1, 0.000594184817581693)]
    [InlineData(10, 1, 1.1142547833872067e-07)]
    [InlineData(3, 2.5, 0.45618688411667047)]
    [InlineData(8, 2.5, 0.004246695489344507)]
    [InlineData(10, 10, 0.5420702855281478)]
    [InlineData(20, 10, 0.0034543419758568078)]
    [InlineData(30, 10, 2.5099512015279076e-07)]
    [InlineData(16, 16.25, 0.5578518733451576)]
    [InlineData(29, 16.25, 0.002714931822930933)]
    [InlineData(40, 16.25, 4.789514222713398e-07)]
    [InlineData(23, 11.6, 0.0020247252075660275)]
    [InlineData(29, 11.6, 1.2364635182687645e-05)]
    [InlineData(100, 100, 0.5132987982791487)]
    [InlineData(130, 100, 0.0022820930543169552)]
    [InlineData(200, 100, 9.34315007298839e-19)]
    [InlineData(1000, 1000, 0.5042052441802155)]
    [InlineData(1100, 1000, 0.0009626304058665572)]
    [InlineData(1200, 1000, 4.684203855872281e-10)]
    [InlineData(9800, 10000, 0.9777888682949035)]
    [InlineData(10000, 10000, 0.5013298083399552)]
    [InlineData(10400, 10000, 3.58626381909798e-05)]
    [InlineData(12000, 10000, 5.654580750008613e-84)]
    public void Poisson_upper_tail_matches_the_reference_to_ten_significant_digits(int k, double mean, double expected)
    {
        var tail = SurgeDetector.PoissonUpperTail(k, mean);

        Assert.True(Math.Abs(tail - expected) <= 1e-10 * expected, $"P(X >= {k} | {mean}) = {tail:R}, reference {expected:R}");
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.7)]
    [InlineData(3)]
    [InlineData(42.5)]
    [InlineData(777)]
    [InlineData(10_000)]
    public void Poisson_upper_tail_falls_from_one_to_zero_as_the_count_rises_without_overflow(double mean)
    {
        var previous = 1.0;
        var top = (int)(mean + (40 * Math.Sqrt(mean)) + 60);
        for (var k = 0; k <= top; k++)
        {
            var tail = SurgeDetector.PoissonUpperTail(k, mean);
            Assert.True(tail <= previous && tail >= 0 && double.IsFinite(tail), $"P(X >= {k} | {mean}) = {tail:R} after {previous:R}");
            previous = tail;
        }
        Assert.True(previous < 1e-100, $"P(X >= {top} | {mean}) = {previous:R}");
    }

    [Fact]
    public void Poisson_upper_tail_at_zero_is_one_and_with_a_zero_mean_is_zero_for_any_arrival()
    {
        Assert.Equal(1, SurgeDetector.PoissonUpperTail(0, 0));
        Assert.Equal(1, SurgeDetector.PoissonUpperTail(0, 12));
        Assert.Equal(0, SurgeDetector.PoissonUpperTail(1, 0));
    }

    [Fact]
    public void Many_more_arrivals_than_forecast_and_improbable_are_a_surge()
    {
        var judgement = SurgeDetector.Judge(29, 11.6, Defaults);

        Assert.Equal(250, judgement.RatioPercent!.Value, 9);
        Assert.InRange(judgement.PoissonTailProbability, 1.236e-5, 1.237e-5);
        Assert.False(judgement.IsSurge); // 1.24e-5 is above the default significance 1e-6
        Assert.True(SurgeDetector.Judge(29, 11.6, new SurgeSettings { Significance = 1e-4 }).IsSurge);
        Assert.True(SurgeDetector.Judge(33, 11.6, Defaults).IsSurge);
    }

    [Fact]
    public void A_high_ratio_on_a_small_forecast_is_no_surge_when_it_is_not_improbable()
    {
        var judgement = SurgeDetector.Judge(3, 1, Defaults);

        Assert.Equal(300, judgement.RatioPercent);
        Assert.Equal(0.080301397071394196, judgement.PoissonTailProbability, 12);
        Assert.False(judgement.IsSurge);
    }

    [Fact]
    public void An_improbable_rise_below_the_ratio_is_no_surge()
    {
        var judgement = SurgeDetector.Judge(11_000, 10_000, Defaults);

        Assert.Equal(110, judgement.RatioPercent!.Value, 9);
        Assert.True(judgement.PoissonTailProbability < 1e-20);
        Assert.False(judgement.IsSurge);
        Assert.True(SurgeDetector.Judge(12_000, 10_000, Defaults).IsSurge);
    }

    [Fact]
    public void The_ratio_and_the_tail_bounds_are_inclusive()
    {
        var tail = SurgeDetector.PoissonUpperTail(24, 20);
        var settings = new SurgeSettings { RatioPercent = 120, Significance = tail };

        Assert.True(SurgeDetector.Judge(24, 20, settings).IsSurge);
        Assert.False(SurgeDetector.Judge(23, 20, settings).IsSurge);
    }

    [Fact]
    public void With_no_arrivals_forecast_there_is_no_ratio_and_a_surge_takes_three_arrivals()
    {
        var two = SurgeDetector.Judge(2, 0, Defaults);
        var three = SurgeDetector.Judge(SurgeDetector.UnforecastArrivalsForSurge, 0, Defaults);

        Assert.Equal(3, SurgeDetector.UnforecastArrivalsForSurge);
        Assert.Null(two.RatioPercent);
        Assert.Equal(0, two.PoissonTailProbability);
        Assert.False(two.IsSurge);
        Assert.True(three.IsSurge);
        Assert.False(SurgeDetector.Judge(0, 0, Defaults).IsSurge);
    }

    [Fact]
    public void Arrivals_at_the_forecast_are_no_surge()
    {
        var judgement = SurgeDetector.Judge(16, 16.25, Defaults);

        Assert.Equal(16, judgement.Observed);
        Assert.Equal(16.25, judgement.Expected);
        Assert.False(judgement.IsSurge);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_forecast_that_is_not_a_number_of_arrivals_is_refused(double expected)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SurgeDetector.Judge(1, expected, Defaults));
    }
}

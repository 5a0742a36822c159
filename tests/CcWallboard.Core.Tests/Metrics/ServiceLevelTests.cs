using CcWallboard.Core.Configuration;
using CcWallboard.Core.Metrics;

namespace CcWallboard.Core.Tests.Metrics;

public class ServiceLevelTests
{
    // METRICS.md worked example: 70 answered within T, 10 abandoned within T, 20 answered after T, no short abandons.
    private static readonly OutcomeCounters WorkedExample = new()
    {
        Answered = 90,
        AnsweredWithinThreshold = 70,
        Abandoned = 10,
        AbandonedWithinThreshold = 10,
    };

    [Theory]
    [InlineData(ServiceLevelFormula.AbandonsWithinThresholdIgnored, 77.78)]
    [InlineData(ServiceLevelFormula.AbandonsNegative, 70.00)]
    [InlineData(ServiceLevelFormula.AbandonsPositive, 80.00)]
    [InlineData(ServiceLevelFormula.AbandonsIgnored, 77.78)]
    public void Worked_example_of_METRICS_gives_the_documented_service_level(ServiceLevelFormula formula, double expected)
    {
        Assert.Equal(expected, Math.Round(ServiceLevel.Percent(WorkedExample, formula)!.Value, 2));
    }

    [Theory]
    [InlineData(ServiceLevelFormula.AbandonsWithinThresholdIgnored)]
    [InlineData(ServiceLevelFormula.AbandonsNegative)]
    [InlineData(ServiceLevelFormula.AbandonsPositive)]
    [InlineData(ServiceLevelFormula.AbandonsIgnored)]
    public void An_empty_window_has_no_service_level_rather_than_zero_or_hundred(ServiceLevelFormula formula)
    {
        Assert.Null(ServiceLevel.Percent(default, formula));
    }

    [Fact]
    public void Only_abandons_within_threshold_leave_the_default_formula_empty()
    {
        var counters = new OutcomeCounters { Abandoned = 3, AbandonedWithinThreshold = 3 };

        Assert.Null(ServiceLevel.Percent(counters, ServiceLevelFormula.AbandonsWithinThresholdIgnored));
        Assert.Equal(0, ServiceLevel.Percent(counters, ServiceLevelFormula.AbandonsNegative));
        Assert.Equal(100, ServiceLevel.Percent(counters, ServiceLevelFormula.AbandonsPositive));
    }

    [Fact]
    public void Abandonment_rate_leaves_short_abandons_out_of_numerator_and_denominator()
    {
        var counters = new OutcomeCounters { Answered = 90, Abandoned = 10, ShortAbandoned = 25 };

        Assert.Equal(10.0, ServiceLevel.AbandonmentRatePercent(counters));
        Assert.Equal(125, counters.Offered);
    }

    [Fact]
    public void Asa_and_aht_are_means_and_have_no_value_without_contacts()
    {
        var counters = new OutcomeCounters { Answered = 4, AnsweredWaitSeconds = 50, Handled = 2, HandleSeconds = 600 };

        Assert.Equal(12.5, ServiceLevel.AsaSeconds(counters));
        Assert.Equal(300, ServiceLevel.AhtSeconds(counters));
        Assert.Null(ServiceLevel.AsaSeconds(default));
        Assert.Null(ServiceLevel.AhtSeconds(default));
    }
}

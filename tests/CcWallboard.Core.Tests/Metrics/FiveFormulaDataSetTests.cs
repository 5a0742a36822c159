using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;

namespace CcWallboard.Core.Tests.Metrics;

/// <summary>
/// One data set through the real engine under every service-level formula, with short abandons at 5 s and
/// with them off: 1,000 answered, 860 of them within T = 20 s; 60 abandoned, 20 of them within 20 s, and
/// 10 of those within 5 s. Every expected figure is worked out by hand from METRICS.md.
/// </summary>
public class FiveFormulaDataSetTests
{
    private static readonly DateTimeOffset NineAm = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Contacts of sales (T = 20 s) queued every half second from 09:00:00, so every outcome falls before
    /// 09:10 (the last is queued at 1059 × 0.5 = 529.5 s and waits at most 50 s): today, the 09:00 interval and
    /// the 15-minute window (08:55, 09:10] all hold the whole set when read at 09:10.
    /// </summary>
    private static CentreScript PlayDataSet(ServiceLevelFormula formula, double shortAbandonSeconds)
    {
        var f = new CentreScript(NineAm, o =>
        {
            var sales = o.Queues.Single(q => q.Id == "sales");
            sales.ServiceLevelFormula = formula;
            sales.ShortAbandonSeconds = shortAbandonSeconds;
        });
        var events = new List<AcdEvent>();
        var n = 0;
        void Answered(int count, double wait)
        {
            for (var i = 0; i < count; i++, n++)
            {
                events.AddRange(f.AnsweredAfter($"c{n}", n * 0.5, wait));
            }
        }
        void Abandoned(int count, double wait)
        {
            for (var i = 0; i < count; i++, n++)
            {
                events.AddRange(f.AbandonedAfter($"c{n}", n * 0.5, wait));
            }
        }

        // A = 1000 answered; A_T = 860 with wait <= 20 s (60 of them at exactly 20 s, which is within).
        Answered(800, 12);
        Answered(60, 20);
        Answered(100, 20.5);
        Answered(40, 90);
        // B = 60 abandoned; B_T = 20 with wait <= 20 s; S = 10 of those with wait < 5 s.
        Abandoned(6, 2);
        Abandoned(4, 4.5);
        Abandoned(8, 12);
        Abandoned(2, 20);
        Abandoned(40, 50);

        f.Play(events);
        f.Engine.AdvanceTo(NineAm.AddMinutes(10));
        return f;
    }

    private static IEnumerable<QueueFigures> WindowsHoldingTheSet(CentreScript f)
    {
        var sales = f.View("sales", NineAm.AddMinutes(10));
        return [sales.Today, sales.Interval, CentreScript.Window(sales, "15m")];
    }

    // Short abandons at 5 s: S = 10 leave every term, so A = 1000, A_T = 860, B = 60 − 10 = 50, B_T = 20 − 10 = 10.
    //   AbandonsNegative               A_T / (A + B)         = 860 / (1000 + 50)      = 860 / 1050 = 81.905 %
    //   AbandonsWithinThresholdIgnored A_T / (A + B − B_T)   = 860 / (1000 + 50 − 10) = 860 / 1040 = 82.692 %
    //   AbandonsPositive               (A_T + B_T) / (A + B) = (860 + 10) / 1050      = 870 / 1050 = 82.857 %
    //   AbandonsIgnored                A_T / A               = 860 / 1000                          = 86.000 %
    // Short abandons off (0): S = 0, so A = 1000, A_T = 860, B = 60, B_T = 20.
    //   AbandonsNegative               860 / (1000 + 60)                 = 860 / 1060 = 81.132 %
    //   AbandonsWithinThresholdIgnored 860 / (1000 + 60 − 20)            = 860 / 1040 = 82.692 %
    //   AbandonsPositive               (860 + 20) / (1000 + 60)          = 880 / 1060 = 83.019 %
    //   AbandonsIgnored                860 / 1000                                     = 86.000 %
    [Theory]
    [InlineData(ServiceLevelFormula.AbandonsNegative, 5, 860, 1050)]
    [InlineData(ServiceLevelFormula.AbandonsWithinThresholdIgnored, 5, 860, 1040)]
    [InlineData(ServiceLevelFormula.AbandonsPositive, 5, 870, 1050)]
    [InlineData(ServiceLevelFormula.AbandonsIgnored, 5, 860, 1000)]
    [InlineData(ServiceLevelFormula.AbandonsNegative, 0, 860, 1060)]
    [InlineData(ServiceLevelFormula.AbandonsWithinThresholdIgnored, 0, 860, 1040)]
    [InlineData(ServiceLevelFormula.AbandonsPositive, 0, 880, 1060)]
    [InlineData(ServiceLevelFormula.AbandonsIgnored, 0, 860, 1000)]
    public void Each_formula_gives_its_hand_worked_service_level_in_every_window(
        ServiceLevelFormula formula, double shortAbandonSeconds, int met, int counted)
    {
        var f = PlayDataSet(formula, shortAbandonSeconds);

        foreach (var figures in WindowsHoldingTheSet(f))
        {
            Assert.Equal(100.0 * met / counted, figures.ServiceLevelPercent!.Value, 9);
        }
    }

    // Offered = A + B with short abandons included = 1000 + 60 = 1060, whatever the formula or the short-abandon setting.
    // Short abandons at 5 s: S = 10; B − S = 50; B_T − S = 10; abandonment rate (B − S) / (A + B − S) = 50 / 1050 = 4.762 %.
    // Short abandons off:    S = 0;  B = 60;     B_T = 20;     abandonment rate B / (A + B)             = 60 / 1060 = 5.660 %.
    [Theory]
    [InlineData(ServiceLevelFormula.AbandonsNegative, 5, 10, 50, 10, 50, 1050)]
    [InlineData(ServiceLevelFormula.AbandonsWithinThresholdIgnored, 5, 10, 50, 10, 50, 1050)]
    [InlineData(ServiceLevelFormula.AbandonsPositive, 5, 10, 50, 10, 50, 1050)]
    [InlineData(ServiceLevelFormula.AbandonsIgnored, 5, 10, 50, 10, 50, 1050)]
    [InlineData(ServiceLevelFormula.AbandonsNegative, 0, 0, 60, 20, 60, 1060)]
    [InlineData(ServiceLevelFormula.AbandonsWithinThresholdIgnored, 0, 0, 60, 20, 60, 1060)]
    [InlineData(ServiceLevelFormula.AbandonsPositive, 0, 0, 60, 20, 60, 1060)]
    [InlineData(ServiceLevelFormula.AbandonsIgnored, 0, 0, 60, 20, 60, 1060)]
    public void Offered_short_abandons_and_abandonment_rate_follow_the_short_abandon_setting_not_the_formula(
        ServiceLevelFormula formula, double shortAbandonSeconds, int shortAbandoned, int abandoned, int abandonedWithinThreshold,
        int rateNumerator, int rateDenominator)
    {
        var f = PlayDataSet(formula, shortAbandonSeconds);

        foreach (var figures in WindowsHoldingTheSet(f))
        {
            Assert.Equal(1060, figures.Offered);
            Assert.Equal(1000, figures.Answered);
            Assert.Equal(860, figures.AnsweredWithinThreshold);
            Assert.Equal(shortAbandoned, figures.ShortAbandoned);
            Assert.Equal(abandoned, figures.Abandoned);
            Assert.Equal(abandonedWithinThreshold, figures.AbandonedWithinThreshold);
            Assert.Equal(100.0 * rateNumerator / rateDenominator, figures.AbandonmentRatePercent!.Value, 9);
        }
    }

    // ASA = sum of answered waits / A = (800 × 12 + 60 × 20 + 100 × 20.5 + 40 × 90) / 1000
    //     = (9600 + 1200 + 2050 + 3600) / 1000 = 16450 / 1000 = 16.45 s; abandons never enter it.
    [Theory]
    [InlineData(5)]
    [InlineData(0)]
    public void Asa_of_the_data_set_is_the_mean_wait_of_the_answered_contacts(double shortAbandonSeconds)
    {
        var f = PlayDataSet(ServiceLevelFormula.AbandonsWithinThresholdIgnored, shortAbandonSeconds);

        Assert.Equal(16.45, f.View("sales", NineAm.AddMinutes(10)).Today.AsaSeconds!.Value, 9);
    }

    // METRICS.md worked example: 70 answered within T, 10 abandoned within T, 20 answered after T, no short abandons.
    //   A = 90, A_T = 70, B = 10, B_T = 10.
    //   AbandonsWithinThresholdIgnored 70 / (90 + 10 − 10) = 70 / 90  = 77.78 %
    //   AbandonsNegative               70 / (90 + 10)      = 70 / 100 = 70.00 %
    //   AbandonsPositive               (70 + 10) / 100     = 80 / 100 = 80.00 %
    //   (AbandonsIgnored, not named there: 70 / 90 = 77.78 %.)
    // The abandons wait 15 s, so a 5 s short-abandon setting removes none of them: the result is the same.
    [Theory]
    [InlineData(ServiceLevelFormula.AbandonsWithinThresholdIgnored, 0, 77.78)]
    [InlineData(ServiceLevelFormula.AbandonsNegative, 0, 70.00)]
    [InlineData(ServiceLevelFormula.AbandonsPositive, 0, 80.00)]
    [InlineData(ServiceLevelFormula.AbandonsIgnored, 0, 77.78)]
    [InlineData(ServiceLevelFormula.AbandonsWithinThresholdIgnored, 5, 77.78)]
    [InlineData(ServiceLevelFormula.AbandonsNegative, 5, 70.00)]
    [InlineData(ServiceLevelFormula.AbandonsPositive, 5, 80.00)]
    public void Worked_example_of_METRICS_through_the_engine_gives_the_documented_percentages(
        ServiceLevelFormula formula, double shortAbandonSeconds, double expected)
    {
        var f = new CentreScript(NineAm, o =>
        {
            var sales = o.Queues.Single(q => q.Id == "sales");
            sales.ServiceLevelFormula = formula;
            sales.ShortAbandonSeconds = shortAbandonSeconds;
        });
        var events = new List<AcdEvent>();
        for (var i = 0; i < 70; i++)
        {
            events.AddRange(f.AnsweredAfter($"met{i}", i, 10));
        }
        for (var i = 0; i < 10; i++)
        {
            events.AddRange(f.AbandonedAfter($"ab{i}", i, 15));
        }
        for (var i = 0; i < 20; i++)
        {
            events.AddRange(f.AnsweredAfter($"late{i}", i, 45));
        }
        f.Play(events);

        var today = f.View("sales", 600).Today;

        Assert.Equal(100, today.Offered);
        Assert.Equal(0, today.ShortAbandoned);
        Assert.Equal(expected, Math.Round(today.ServiceLevelPercent!.Value, 2));
    }

    // Short abandons are those with wait < the setting (METRICS.md): 4.999 s is short, exactly 5 s is not.
    // With S = 1 the abandonment rate is (B − S) / (A + B − S) = (2 − 1) / (1 + 2 − 1) = 1 / 2 = 50 %.
    [Fact]
    public void An_abandon_after_exactly_the_short_abandon_seconds_is_not_a_short_abandon()
    {
        var f = new CentreScript(NineAm);
        f.Play([.. f.AnsweredAfter("c1", 0, 10), .. f.AbandonedAfter("quick", 0, 4.999), .. f.AbandonedAfter("five", 0, 5)]);

        var today = f.View("sales", 60).Today;

        Assert.Equal(1, today.ShortAbandoned);
        Assert.Equal(1, today.Abandoned);
        Assert.Equal(3, today.Offered);
        Assert.Equal(50.0, today.AbandonmentRatePercent);
    }
}

using System.Diagnostics;
using CcWallboard.Core.Staffing;

namespace CcWallboard.Core.Tests.Staffing;

/// <summary>Erlang C against the published worked examples of issue 7 and shared/domain/METRICS.md.</summary>
public sealed class ErlangCTests
{
    /// <summary>100 calls in 30 minutes at an AHT of 180 s: 10 Erlangs.</summary>
    private const double TenErlangs = 10;

    [Fact]
    public void Traffic_is_the_arrival_rate_times_the_handle_time()
    {
        Assert.Equal(TenErlangs, ErlangC.TrafficErlangs(100, TimeSpan.FromMinutes(30), 180), 12);
        Assert.Equal(250 * 330 / 3600.0, ErlangC.TrafficErlangs(250, TimeSpan.FromHours(1), 330), 12);
    }

    [Fact]
    public void Ten_erlangs_need_14_agents_for_80_percent_in_20_seconds_with_the_published_figures()
    {
        var agents = ErlangC.AgentsRequired(TenErlangs, 180, 20, 0.80);
        var figures = ErlangC.Evaluate(agents, TenErlangs, 180, 20);

        Assert.Equal(14, agents);
        Assert.Equal(0.1741, figures.ProbabilityOfWaiting, 4);
        Assert.Equal(0.8884, figures.ServiceLevel!.Value, 4);
        Assert.Equal(7.84, figures.AsaSeconds!.Value, 2);
        Assert.Equal(0.7143, figures.Occupancy, 4);
        Assert.True(ErlangC.ServiceLevel(13, TenErlangs, 180, 20) < 0.80);
    }

    [Fact]
    public void Fourteen_agents_are_20_staff_at_30_percent_shrinkage()
    {
        Assert.Equal(20, ErlangC.StaffRequired(14, 0.30));
        Assert.Equal(14, ErlangC.StaffRequired(14, 0));
        Assert.Equal(19, ErlangC.StaffRequired(13, 0.30)); // 18.57 rounds up
    }

    [Fact]
    public void Two_hundred_fifty_calls_an_hour_at_330_seconds_need_28_agents_for_80_percent_in_30_seconds()
    {
        var traffic = ErlangC.TrafficErlangs(250, TimeSpan.FromHours(1), 330);

        Assert.Equal(28, ErlangC.AgentsRequired(traffic, 330, 30, 0.80));
        Assert.True(ErlangC.ServiceLevel(27, traffic, 330, 30) < 0.80);
        Assert.True(ErlangC.ServiceLevel(28, traffic, 330, 30) >= 0.80);
    }

    [Fact]
    public void The_erlang_b_recursion_gives_the_loss_table_values()
    {
        Assert.Equal(1.0, ErlangC.ErlangB(0, 5));
        Assert.Equal(0.5, ErlangC.ErlangB(1, 1), 12);
        Assert.Equal(0.214582, ErlangC.ErlangB(10, 10), 6);
    }

    [Fact]
    public void Erlang_c_is_the_factorial_formula_of_the_metrics_page_on_a_small_load()
    {
        // P(wait) = (aⁿ/n!)·(n/(n−a)) / (Σ_{k<n} aᵏ/k! + (aⁿ/n!)·(n/(n−a))), fine in doubles for n = 14.
        double a = TenErlangs, n = 14, sum = 0, term = 1;
        for (var k = 0; k < n; k++)
        {
            sum += term;
            term *= a / (k + 1);
        }
        var top = term * n / (n - a);

        Assert.Equal(top / (sum + top), ErlangC.ProbabilityOfWaiting(14, a), 14);
    }

    [Fact]
    public void A_maximum_occupancy_raises_the_agents_when_it_binds()
    {
        Assert.Equal(14, ErlangC.AgentsRequired(TenErlangs, 180, 20, 0.80, maxOccupancy: 0.75)); // 71.4 % already
        Assert.Equal(15, ErlangC.AgentsRequired(TenErlangs, 180, 20, 0.80, maxOccupancy: 0.70)); // 10/15 = 66.7 %
        Assert.Equal(20, ErlangC.AgentsRequired(TenErlangs, 180, 20, 0.80, maxOccupancy: 0.50)); // exactly 50 % is allowed
    }

    [Theory]
    [InlineData(10)]
    [InlineData(9)]
    [InlineData(1)]
    public void Agents_at_or_below_the_traffic_are_an_unstable_queue_where_every_call_waits(int agents)
    {
        var figures = ErlangC.Evaluate(agents, TenErlangs, 180, 20);

        Assert.False(figures.IsStable);
        Assert.Equal(1.0, figures.ProbabilityOfWaiting);
        Assert.Equal(1.0, ErlangC.ProbabilityOfWaiting(agents, TenErlangs));
        Assert.Null(figures.ServiceLevel);
        Assert.Null(figures.AsaSeconds);
        Assert.Null(ErlangC.AverageSpeedOfAnswerSeconds(agents, TenErlangs, 180));
        Assert.Equal(1.0, figures.Occupancy);
    }

    [Fact]
    public void No_traffic_needs_one_agent_and_nobody_waits()
    {
        Assert.Equal(1, ErlangC.AgentsRequired(0, 180, 20, 0.80));
        Assert.Equal(0.0, ErlangC.ProbabilityOfWaiting(1, 0));
        Assert.Equal(1.0, ErlangC.ServiceLevel(1, 0, 180, 20));
    }

    [Fact]
    public void A_centre_of_5000_erlangs_gives_finite_monotone_figures_up_to_5200_agents()
    {
        const double traffic = 5000;
        var previous = ErlangC.Evaluate(5001, traffic, 180, 20);
        for (var n = 5002; n <= 5200; n++)
        {
            var figures = ErlangC.Evaluate(n, traffic, 180, 20);
            Assert.True(double.IsFinite(figures.ProbabilityOfWaiting) && figures.ProbabilityOfWaiting is > 0 and <= 1, $"P(wait) at {n}");
            Assert.True(figures.ServiceLevel > previous.ServiceLevel, $"SL at {n}");
            Assert.True(figures.ProbabilityOfWaiting < previous.ProbabilityOfWaiting, $"P(wait) at {n}");
            Assert.True(figures.AsaSeconds < previous.AsaSeconds, $"ASA at {n}");
            previous = figures;
        }
        Assert.True(previous.ServiceLevel > 0.999999);
    }

    [Fact]
    public void A_centre_of_thousands_of_erlangs_is_staffed_quickly_near_its_traffic()
    {
        var clock = Stopwatch.StartNew();
        var agents = ErlangC.AgentsRequired(5000, 180, 20, 0.80);
        var huge = ErlangC.AgentsRequired(50_000, 180, 20, 0.95);
        clock.Stop();

        // Square-root staffing: a little above the traffic, and each count meets the target where one fewer does not.
        Assert.InRange(agents, 5001, 5100);
        Assert.True(ErlangC.ServiceLevel(agents, 5000, 180, 20) >= 0.80);
        Assert.True(ErlangC.ServiceLevel(agents - 1, 5000, 180, 20) < 0.80);
        Assert.InRange(huge, 50_001, 50_500);
        Assert.True(ErlangC.ServiceLevel(huge - 1, 50_000, 180, 20) < 0.95);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Bad_arguments_are_refused_rather_than_looping()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AgentsRequired(10, 180, 20, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AgentsRequired(10, 180, 20, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.AgentsRequired(10, 180, 20, 0.8, maxOccupancy: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.Evaluate(0, 10, 180, 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.StaffRequired(14, 1.0));
    }
}

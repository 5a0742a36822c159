using CcWallboard.Core.Staffing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CcWallboard.Core.Tests.Staffing;

/// <summary>What holds for any load: more agents answer more calls sooner, and the series agree with a plain chain.</summary>
public sealed class ErlangProperties
{
    /// <summary>Traffic from 0.1 to 3000 Erlangs, AHT 10 s to 1 hour, threshold 0 to 5 minutes, patience 5 s to 2 hours.</summary>
    private static readonly Arbitrary<(double Traffic, double Aht, double Threshold, double Patience)> Loads =
        (from traffic in Gen.Choose(1, 30_000)
         from aht in Gen.Choose(10, 3600)
         from threshold in Gen.Choose(0, 300)
         from patience in Gen.Choose(5, 7200)
         select (traffic / 10.0, (double)aht, (double)threshold, (double)patience)).ToArbitrary();

    [Property(MaxTest = 60)]
    public Property Erlang_c_service_level_rises_and_waiting_falls_with_every_agent() =>
        Prop.ForAll(Loads, load =>
        {
            var first = (int)Math.Floor(load.Traffic) + 1;
            var previous = ErlangC.Evaluate(first, load.Traffic, load.Aht, load.Threshold);
            for (var n = first + 1; n <= first + 60; n++)
            {
                var figures = ErlangC.Evaluate(n, load.Traffic, load.Aht, load.Threshold);
                Assert.True(figures.ProbabilityOfWaiting <= previous.ProbabilityOfWaiting, $"P(wait) at {n}: {figures} after {previous}");
                Assert.True(figures.ServiceLevel >= previous.ServiceLevel, $"SL at {n}: {figures} after {previous}");
                Assert.True(figures.ServiceLevel is >= 0 and <= 1);
                previous = figures;
            }
        });

    [Property(MaxTest = 40)]
    public Property Erlang_a_service_level_rises_and_waiting_abandoning_and_occupancy_fall_with_every_agent() =>
        Prop.ForAll(Loads, load =>
        {
            var first = Math.Max(1, (int)(load.Traffic * 0.7));
            var previous = ErlangA.Evaluate(first, load.Traffic, load.Aht, load.Patience, load.Threshold);
            for (var n = first + 1; n <= first + 40; n++)
            {
                var figures = ErlangA.Evaluate(n, load.Traffic, load.Aht, load.Patience, load.Threshold);
                // Every figure is a ratio of sums of positive terms, good to some 10⁻¹⁵ relative: a figure of order 1
                // (occupancy a·(1 − P(abandon))/n just below 1 in overload) may wobble by a few ulps, never by 10⁻¹².
                var slack = 1e-12;
                Assert.True(figures.ProbabilityOfWaiting <= previous.ProbabilityOfWaiting + slack, $"P(wait) at {n}: {figures} after {previous}");
                Assert.True(figures.ProbabilityOfAbandon <= previous.ProbabilityOfAbandon + slack, $"P(abandon) at {n}: {figures} after {previous}");
                Assert.True(figures.ServiceLevel >= previous.ServiceLevel - slack, $"SL at {n}: {figures} after {previous}");
                Assert.True(figures.Occupancy <= previous.Occupancy + slack, $"occupancy at {n}: {figures} after {previous}");
                Assert.True(figures.ServiceLevel is >= 0 and <= 1 && double.IsFinite(figures.AsaSeconds));
                previous = figures;
            }
        });

    [Fact]
    public void Deep_in_overload_the_service_level_stays_at_zero_with_every_agent_added()
    {
        // Found by sweeping the loads above: 2883.1 Erlangs, AHT 15 s, patience 5609 s, threshold 185 s. About 3e5 calls
        // queue, a caller waits some 1900 s, so the share answered within 185 s is of the order of e^{−10⁴}. Computed as
        // answered − answered-late, two shares near 0.71 whose logarithms carry terms of 10⁶–10⁷, it came out as 4·10⁻⁹
        // at 2047 agents and 0 at 2048: the service level fell with an agent added.
        var previous = ErlangA.Evaluate(2030, 2883.1, 15, 5609, 185);
        for (var n = 2031; n <= 2060; n++)
        {
            var figures = ErlangA.Evaluate(n, 2883.1, 15, 5609, 185);
            Assert.True(figures.ServiceLevel >= previous.ServiceLevel, $"SL at {n}: {figures} after {previous}");
            Assert.True(figures.ServiceLevel < 1e-300, $"SL at {n}: {figures}");
            previous = figures;
        }
    }

    [Property(MaxTest = 60)]
    public Property Erlang_a_waiting_and_abandoning_agree_with_the_birth_death_chain_summed_state_by_state() =>
        Prop.ForAll(Loads, Gen.Choose(1, 60).ToArbitrary(), (load, agents) =>
        {
            var traffic = Math.Min(load.Traffic, 80);
            var (waiting, abandon) = PlainChain(agents, traffic, load.Aht, load.Patience);
            var figures = ErlangA.Evaluate(agents, traffic, load.Aht, load.Patience, load.Threshold);
            Assert.Equal(waiting, figures.ProbabilityOfWaiting, 1e-9);
            Assert.Equal(abandon, figures.ProbabilityOfAbandon, 1e-9);
        });

    [Property(MaxTest = 60)]
    public Property The_agents_required_are_the_fewest_that_meet_the_target() =>
        Prop.ForAll(Loads, Gen.Choose(50, 99).ToArbitrary(), (load, targetPercent) =>
        {
            var target = targetPercent / 100.0;
            var c = ErlangC.AgentsRequired(load.Traffic, load.Aht, load.Threshold, target);
            Assert.True(ErlangC.ServiceLevel(c, load.Traffic, load.Aht, load.Threshold) >= target);
            Assert.True(c - 1 <= load.Traffic || ErlangC.ServiceLevel(c - 1, load.Traffic, load.Aht, load.Threshold) < target);

            var a = ErlangA.AgentsRequired(load.Traffic, load.Aht, load.Patience, load.Threshold, target);
            Assert.True(ErlangA.Evaluate(a, load.Traffic, load.Aht, load.Patience, load.Threshold).ServiceLevel >= target);
            Assert.True(a == 1 || ErlangA.Evaluate(a - 1, load.Traffic, load.Aht, load.Patience, load.Threshold).ServiceLevel < target);
        });

    /// <summary>P(wait) and P(abandon) of M/M/n+M from its stationary distribution, state by state in logarithms, far into the tail.</summary>
    private static (double Waiting, double Abandon) PlainChain(int n, double traffic, double aht, double patience)
    {
        double lambda = traffic / aht, mu = 1 / aht, theta = 1 / patience;
        var logs = new List<double> { 0 };
        // On past the chain's peak until a state is 10⁻²⁰ of it (beyond it every ratio is below one and falling).
        var top = 0.0;
        for (var k = 1; k <= n || logs[^1] >= logs[^2] || logs[^1] > top - 46; k++)
        {
            var deaths = (Math.Min(k, n) * mu) + (Math.Max(k - n, 0) * theta);
            logs.Add(logs[^1] + Math.Log(lambda / deaths));
            top = Math.Max(top, logs[^1]);
        }
        var p = logs.Select(l => Math.Exp(l - top)).ToArray();
        var total = p.Sum();
        var waiting = p.Skip(n).Sum() / total;
        var abandon = p.Select((q, k) => q * Math.Max(k - n, 0) * theta).Sum() / total / lambda;
        return (waiting, abandon);
    }
}

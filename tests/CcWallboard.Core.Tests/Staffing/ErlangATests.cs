using CcWallboard.Core.Staffing;

namespace CcWallboard.Core.Tests.Staffing;

/// <summary>
/// Erlang A against the published figures of issue 7 and against the exact birth–death chain worked in 30-digit
/// arithmetic (mpmath: the stationary distribution summed state by state; the service level through the answered
/// call's wait, a sum of exponentials of rates θ(x+1)…θ(x+k+1), whose distribution is a regularized incomplete beta).
/// </summary>
public sealed class ErlangATests
{
    private const double TenErlangs = 10;
    private const double FiveMinutes = 300;

    [Fact]
    public void Fourteen_agents_on_ten_erlangs_with_five_minutes_patience_give_the_published_figures()
    {
        var figures = ErlangA.Evaluate(14, TenErlangs, 180, FiveMinutes, 20);

        Assert.Equal(0.14526, figures.ProbabilityOfWaiting, 5);
        Assert.Equal(0.013984, figures.ProbabilityOfAbandon, 6);
    }

    [Fact]
    public void Fourteen_agents_on_ten_erlangs_match_the_exact_chain_in_every_figure()
    {
        var figures = ErlangA.Evaluate(14, TenErlangs, 180, FiveMinutes, 20);

        Assert.Equal(0.145260114296361, figures.ProbabilityOfWaiting, 13);
        Assert.Equal(0.0139837441224089, figures.ProbabilityOfAbandon, 13);
        Assert.Equal(0.916792091863547, figures.ServiceLevel, 13);
        Assert.Equal(3.87848004452102, figures.AsaSeconds, 11);
        Assert.Equal(TenErlangs * (1 - 0.0139837441224089) / 14, figures.Occupancy, 13);
    }

    [Fact]
    public void An_overloaded_queue_is_stable_and_matches_the_exact_chain()
    {
        // 20 Erlangs on 14 agents: Erlang C has no answer; with abandonment three in ten calls hang up.
        var figures = ErlangA.Evaluate(14, 20, 180, FiveMinutes, 5);

        Assert.Equal(0.973686414447045, figures.ProbabilityOfWaiting, 12);
        Assert.Equal(0.302895813643088, figures.ProbabilityOfAbandon, 12);
        Assert.Equal(0.0327705963806919, figures.ServiceLevel, 12);
        Assert.Equal(102.271227513820, figures.AsaSeconds, 9);
        Assert.Equal(20 * (1 - 0.302895813643088) / 14, figures.Occupancy, 12);
    }

    [Fact]
    public void A_centre_of_5000_erlangs_on_fewer_agents_matches_the_exact_chain()
    {
        var figures = ErlangA.Evaluate(4732, 5000, 180, FiveMinutes, 20);

        Assert.Equal(0.999999620831466, figures.ProbabilityOfWaiting, 12);
        Assert.Equal(0.0536000012680018, figures.ProbabilityOfAbandon, 12);
        Assert.Equal(0.803821849532285, figures.ServiceLevel, 10);
        Assert.Equal(16.5079712756687, figures.AsaSeconds, 8);
    }

    [Fact]
    public void Abandonment_makes_erlang_a_need_fewer_agents_than_erlang_c_for_the_same_target()
    {
        var agents = ErlangA.AgentsRequired(TenErlangs, 180, FiveMinutes, 20, 0.80);

        Assert.Equal(13, agents);
        Assert.True(ErlangA.Evaluate(13, TenErlangs, 180, FiveMinutes, 20).ServiceLevel >= 0.80);
        Assert.True(ErlangA.Evaluate(12, TenErlangs, 180, FiveMinutes, 20).ServiceLevel < 0.80);
        Assert.Equal(14, ErlangC.AgentsRequired(TenErlangs, 180, 20, 0.80));
    }

    [Fact]
    public void A_maximum_occupancy_raises_the_erlang_a_agents_when_it_binds()
    {
        var agents = ErlangA.AgentsRequired(TenErlangs, 180, FiveMinutes, 20, 0.80, maxOccupancy: 0.65);

        Assert.True(ErlangA.Evaluate(agents, TenErlangs, 180, FiveMinutes, 20).Occupancy <= 0.65);
        Assert.True(ErlangA.Evaluate(agents - 1, TenErlangs, 180, FiveMinutes, 20).Occupancy > 0.65);
        Assert.Equal(16, agents);
    }

    [Fact]
    public void With_endless_patience_erlang_a_becomes_erlang_c()
    {
        var a = ErlangA.Evaluate(14, TenErlangs, 180, 1e9, 20);
        var c = ErlangC.Evaluate(14, TenErlangs, 180, 20);

        Assert.Equal(c.ProbabilityOfWaiting, a.ProbabilityOfWaiting, 6);
        Assert.Equal(c.ServiceLevel!.Value, a.ServiceLevel, 6);
        Assert.Equal(c.AsaSeconds!.Value, a.AsaSeconds, 4);
        Assert.Equal(0, a.ProbabilityOfAbandon, 6);
    }

    [Fact]
    public void The_service_level_runs_from_the_calls_not_waiting_to_the_calls_answered()
    {
        var atOnce = ErlangA.Evaluate(14, TenErlangs, 180, FiveMinutes, 0);
        var ever = ErlangA.Evaluate(14, TenErlangs, 180, FiveMinutes, 86_400);

        Assert.Equal(1 - atOnce.ProbabilityOfWaiting, atOnce.ServiceLevel, 12);
        Assert.Equal(1 - ever.ProbabilityOfAbandon, ever.ServiceLevel, 12);
    }

    [Fact]
    public void No_traffic_means_nobody_waits_or_hangs_up()
    {
        var figures = ErlangA.Evaluate(1, 0, 180, FiveMinutes, 20);

        Assert.Equal(new ErlangAFigures(1, 0, 0, 0, 1, 0, 0), figures);
        Assert.Equal(1, ErlangA.AgentsRequired(0, 180, FiveMinutes, 20, 0.8));
    }

    [Fact]
    public void A_large_overloaded_centre_with_long_patience_stays_finite()
    {
        // y − x ≈ 10⁷ callers ahead at the chain's mode: summed from the mode, not from an empty queue.
        var figures = ErlangA.Evaluate(50_000, 100_000, 60, 6_000, 20);

        Assert.True(double.IsFinite(figures.ServiceLevel) && double.IsFinite(figures.AsaSeconds));
        Assert.Equal(1.0, figures.ProbabilityOfWaiting, 12);
        Assert.Equal(0.5, figures.ProbabilityOfAbandon, 6); // half the calls are more than the agents can take
        Assert.Equal(1.0, figures.Occupancy, 6);
    }
}

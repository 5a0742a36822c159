namespace CcWallboard.Core.Staffing;

/// <summary>
/// Erlang A (Palm's M/M/n+M), an extension of Erlang C: callers who wait hang up after an exponential patience of
/// mean θ⁻¹ = <c>patienceSeconds</c>. Abandonment keeps the queue stable at any staffing, so every figure is defined,
/// even with fewer agents than Erlangs.
/// <para>
/// Method (docs/staffing.md): the exact stationary distribution of the birth–death chain of the number of calls in
/// the system, as in Mandelbaum &amp; Zeltyn, "Service Engineering in Action: The Palm/Erlang-A Queue, with Applications
/// to Call Centers" (Advances in Services Innovations, Springer, 2007).
/// With x = nμ/θ and y = λ/θ, a call that finds all n agents busy and k callers ahead of it has weight
/// w_k = yᵏ / ((x+1)(x+2)…(x+k)) relative to the state with nobody queued, and
/// <list type="bullet">
/// <item>P(wait) = A·E / (1 − E + A·E), with E = Erlang B(n, a) and A = Σ w_k (their A(x, y));</item>
/// <item>it is answered with probability x/(x+k+1) (the stage rates telescope) and abandons otherwise, so
/// P(abandon) = P(wait)·Σ w_k·(k+1)/(x+k+1) / A;</item>
/// <item>answered within T: 1 − P(wait) + P(wait)·[Σ w_k·x/(x+k+1) − e^{y−u−(x+1)θT}·Σ v_k·x/(x+k+1)] / A, where v_k
/// is w_k with u = y·e^{−θT} in place of y (their incomplete-gamma formula for the offered wait, written as series);
/// deep in overload (u &gt; x + 1) the bracket is taken from the upper incomplete gamma instead, see AnsweredWithin;</item>
/// <item>ASA = mean wait of the answered calls: a call with k ahead that is answered waited on average
/// Σ_{m=1..k+1} 1/(θ(x+m)).</item>
/// </list>
/// The series are summed outward from their largest term (scaled to 1, its logarithm kept apart, as in Ingolfsson &amp;
/// Tang's algorithm for birth–death chains) until the rest is below 10⁻¹⁷ of the sum: no overflow for thousands of
/// Erlangs, and work in the order of √y terms rather than y.
/// </para>
/// </summary>
public static class ErlangA
{
    private const double Negligible = 1e-17;

    /// <summary>Every Erlang A figure of <paramref name="agents"/> agents facing <paramref name="traffic"/> Erlangs of callers with the given mean patience.</summary>
    public static ErlangAFigures Evaluate(int agents, double traffic, double ahtSeconds, double patienceSeconds, double thresholdSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(agents);
        ArgumentOutOfRangeException.ThrowIfNegative(traffic);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ahtSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patienceSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdSeconds);
        return Figures(agents, traffic, ahtSeconds, patienceSeconds, thresholdSeconds, ErlangC.ErlangB(agents, traffic));
    }

    /// <summary>
    /// The fewest agents whose Erlang A service level reaches <paramref name="targetServiceLevel"/> and, when given,
    /// whose occupancy is at most <paramref name="maxOccupancy"/> (fractions). Fewer than target × traffic agents
    /// cannot answer that share of the calls; from there the search doubles its step until the target is met, then
    /// halves the range (the service level rises and the occupancy falls with every agent added).
    /// </summary>
    public static int AgentsRequired(double traffic, double ahtSeconds, double patienceSeconds, double thresholdSeconds, double targetServiceLevel,
        double? maxOccupancy = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(traffic);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ahtSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patienceSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdSeconds);
        if (!(targetServiceLevel is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(targetServiceLevel), targetServiceLevel, "The target must be above 0 and below 1.");
        }
        if (maxOccupancy is { } ceiling && !(ceiling is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxOccupancy), maxOccupancy, "The maximum occupancy must be above 0 and at most 1.");
        }
        var low = Math.Max(1, (int)Math.Floor(targetServiceLevel * traffic));
        var high = low;
        var step = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(traffic)));
        while (!Meets(high))
        {
            low = high + 1;
            high += step;
            step *= 2;
        }
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (Meets(middle))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        return high;

        bool Meets(int n)
        {
            var figures = Evaluate(n, traffic, ahtSeconds, patienceSeconds, thresholdSeconds);
            return figures.ServiceLevel >= targetServiceLevel && (maxOccupancy is not { } most || figures.Occupancy <= most);
        }
    }

    private static ErlangAFigures Figures(int n, double a, double h, double patience, double t, double erlangB)
    {
        var x = n * patience / h;
        var y = a * patience / h;
        var queued = WaitingSeries.Sum(x, y);
        var waiting = erlangB == 0 ? 0 : 1 / (1 + Math.Exp(Math.Log(1 - erlangB) - Math.Log(erlangB) - queued.LogTotal));
        var abandon = waiting * queued.Abandoned;
        var thetaT = t / patience;
        var u = y * Math.Exp(-thetaT);
        var serviceLevel = 1 - waiting + (waiting * AnsweredWithin(x, y, u, thetaT, queued));
        var answered = 1 - waiting + (waiting * queued.Answered);
        var asa = waiting * queued.AnsweredWait * patience / answered;
        return new ErlangAFigures(n, a, waiting, abandon, Math.Clamp(serviceLevel, 0, 1), asa, Math.Min(1, a * (1 - abandon) / n));
    }

    /// <summary>
    /// The share of the calls that wait which are answered within θT = <paramref name="thetaT"/>:
    /// [γ(x+1, y) − γ(x+1, u)] / (y·γ(x, y)), the mass of a Gamma(x+1) variable between u = y·e^{−θT} and y (the
    /// series' A(x, y) = x·e^y·y^{−x}·γ(x, y); the difference of the answered and late series, integrated by parts).
    /// While u ≤ x + 1 that is the series' difference of the answered share and the share answered after T, both
    /// of order 1 and not close. Beyond, deep in overload, the two agree to far more digits than the logarithms in
    /// the late share carry (hundreds of thousands for a thousand Erlangs with patience of an hour, so an absolute error
    /// of 10⁻⁹ in a share that is truly e^{−10⁴}): there the mass is taken from the upper tails instead,
    /// Γ(x+1, u) − Γ(x+1, y) = u^{x+1}·e^{−u}·[h(u) − e^{(x+1)θT − (y − u)}·h(y)] with h Legendre's continued fraction,
    /// where nothing of order 1 cancels and the error is relative.
    /// </summary>
    private static double AnsweredWithin(double x, double y, double u, double thetaT, WaitingSeries queued)
    {
        if (u <= x + 1)
        {
            var within = WaitingSeries.Sum(x, u);
            var late = Math.Exp(y - u - ((x + 1) * thetaT) + within.LogTotal - queued.LogTotal) * within.Answered;
            return Math.Max(0, queued.Answered - late);
        }
        var a = x + 1;
        var spread = y - u;
        var bracket = UpperGammaFraction(a, u) - (Math.Exp((a * thetaT) - spread) * UpperGammaFraction(a, y));
        return Math.Max(0, x * Math.Exp(spread - (a * thetaT) - queued.LogTotal) * bracket);
    }

    /// <summary>
    /// Γ(a, z) / (z^a·e^{−z}) for z &gt; a − 1, by Legendre's continued fraction 1/(z + 1 − a − 1·(1 − a)/(z + 3 − a − …))
    /// evaluated with the modified Lentz method to double precision (about √a steps at the worst, z ≈ a).
    /// </summary>
    private static double UpperGammaFraction(double a, double z)
    {
        const double Tiny = 1e-300;
        var b = z + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < 1_000_000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            if (Math.Abs(d) < Tiny)
            {
                d = Tiny;
            }
            c = b + (an / c);
            if (Math.Abs(c) < Tiny)
            {
                c = Tiny;
            }
            d = 1 / d;
            var step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < 1e-16)
            {
                break;
            }
        }
        return h;
    }

    /// <summary>
    /// Σ_k f(k)·z^k / ((x+1)…(x+k)) over the callers ahead k = 0, 1, …, for the weights a waiting call needs, each
    /// divided by the plain sum (whose logarithm is kept): answered x/(x+k+1), abandoned (k+1)/(x+k+1), and answered
    /// times its mean wait in units of θ⁻¹, H_k = Σ_{m=1..k+1} 1/(x+m).
    /// </summary>
    private readonly record struct WaitingSeries(double LogTotal, double Answered, double Abandoned, double AnsweredWait)
    {
        public static WaitingSeries Sum(double x, double z)
        {
            // Terms grow while z/(x+k) ≥ 1: the largest is at k = ⌊z − x⌋ (or 0), scaled to 1.
            var mode = z > x + 1 ? Math.Floor(z - x) : 0;
            var logMode = mode == 0 ? 0 : (mode * Math.Log(z)) - (GammaFunctions.LogGamma(x + mode + 1) - GammaFunctions.LogGamma(x + 1));
            var modeWait = mode == 0 ? 1 / (x + 1) : GammaFunctions.Digamma(x + mode + 2) - GammaFunctions.Digamma(x + 1);
            double total = 0, answered = 0, abandoned = 0, answeredWait = 0;

            var k = mode;
            var term = 1.0;
            var wait = modeWait;
            while (true)
            {
                Add(k, term, wait);
                var ratio = z / (x + k + 1);
                term *= ratio;
                k++;
                wait += 1 / (x + k + 1);
                // The ratios fall as k grows: what is left is at most term / (1 − ratio).
                if (term == 0 || (ratio < 1 && term < Negligible * total * (1 - ratio)))
                {
                    break;
                }
            }

            k = mode;
            term = 1.0;
            wait = modeWait;
            while (k > 0)
            {
                wait -= 1 / (x + k + 1);
                term *= (x + k) / z;
                k--;
                Add(k, term, wait);
                var ratio = (x + k) / z;
                if (term == 0 || (ratio < 1 && term * ratio < Negligible * total * (1 - ratio)))
                {
                    break;
                }
            }
            return new WaitingSeries(logMode + Math.Log(total), answered / total, abandoned / total, answeredWait / total);

            void Add(double ahead, double weight, double meanWait)
            {
                var answer = x / (x + ahead + 1);
                total += weight;
                answered += weight * answer;
                abandoned += weight * (ahead + 1) / (x + ahead + 1);
                answeredWait += weight * answer * meanWait;
            }
        }
    }
}

/// <summary>
/// The Erlang A figures (fractions, not percents) of <see cref="Agents"/> agents facing <see cref="TrafficErlangs"/>
/// of callers who may abandon. <see cref="ServiceLevel"/> is the share of all calls answered within the threshold,
/// every abandoned call a miss (METRICS.md's <c>AbandonsNegative</c>); <see cref="AsaSeconds"/> the mean wait of the answered calls;
/// <see cref="Occupancy"/> the answered traffic a·(1 − P(abandon)) over the agents.
/// </summary>
public sealed record ErlangAFigures(
    int Agents,
    double TrafficErlangs,
    double ProbabilityOfWaiting,
    double ProbabilityOfAbandon,
    double ServiceLevel,
    double AsaSeconds,
    double Occupancy);

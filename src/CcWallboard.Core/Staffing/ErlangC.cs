namespace CcWallboard.Core.Staffing;

/// <summary>
/// Erlang C (M/M/n): Poisson arrivals, exponential handle times, <c>n</c> agents, callers who never hang up
/// (shared/domain/METRICS.md, "Staffing: Erlang C"). Traffic <c>a = λ·h</c> Erlangs; with <c>n &gt; a</c> agents
/// P(wait) = C(n, a), SL(T) = 1 − C·e^{−(n−a)·T/h}, ASA = C·h/(n − a), occupancy a/n. With <c>n ≤ a</c> the queue
/// grows without end: every caller waits (P(wait) = 1) and the service level and ASA are undefined (null).
/// C(n, a) comes from the Erlang B recursion B(0) = 1, B(k) = a·B(k−1)/(k + a·B(k−1)) and
/// C = n·B/(n − a·(1 − B)): every step is a ratio of quantities of order 1, so it holds for thousands of Erlangs where
/// aⁿ/n! overflows.
/// </summary>
public static class ErlangC
{
    /// <summary>The traffic in Erlangs of <paramref name="calls"/> arriving over <paramref name="interval"/>, each taking <paramref name="ahtSeconds"/>.</summary>
    public static double TrafficErlangs(double calls, TimeSpan interval, double ahtSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ahtSeconds);
        return calls / interval.TotalSeconds * ahtSeconds;
    }

    /// <summary>Erlang B: the probability that a call finds all <paramref name="agents"/> busy in a loss system (no queue).</summary>
    public static double ErlangB(int agents, double traffic)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        ArgumentOutOfRangeException.ThrowIfNegative(traffic);
        var b = 1.0;
        // Once B underflows to 0 it stays 0: far above the traffic there is nothing left to compute.
        for (var k = 1; k <= agents && b > 0; k++)
        {
            b = NextErlangB(b, k, traffic);
        }
        return b;
    }

    /// <summary>P(wait): the probability that a call has to queue; 1 when <c>n ≤ a</c> (unstable queue).</summary>
    public static double ProbabilityOfWaiting(int agents, double traffic) =>
        FromErlangB(CheckAgents(agents), traffic, ErlangB(agents, traffic));

    /// <summary>SL(T) as a fraction: the share of calls answered within <paramref name="thresholdSeconds"/>; null when <c>n ≤ a</c>.</summary>
    public static double? ServiceLevel(int agents, double traffic, double ahtSeconds, double thresholdSeconds) =>
        Evaluate(agents, traffic, ahtSeconds, thresholdSeconds).ServiceLevel;

    /// <summary>ASA in seconds (the mean wait of all calls, every one of which is answered); null when <c>n ≤ a</c>.</summary>
    public static double? AverageSpeedOfAnswerSeconds(int agents, double traffic, double ahtSeconds) =>
        Evaluate(agents, traffic, ahtSeconds, 0).AsaSeconds;

    /// <summary>Occupancy a/n as a fraction, at most 1 (with <c>n ≤ a</c> the agents are never idle).</summary>
    public static double Occupancy(int agents, double traffic) => Math.Min(1, traffic / CheckAgents(agents));

    /// <summary>Every Erlang C figure of <paramref name="agents"/> agents facing <paramref name="traffic"/> Erlangs.</summary>
    public static ErlangCFigures Evaluate(int agents, double traffic, double ahtSeconds, double thresholdSeconds)
    {
        CheckAgents(agents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ahtSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdSeconds);
        return Figures(agents, traffic, ahtSeconds, thresholdSeconds, ErlangB(agents, traffic));
    }

    /// <summary>
    /// The fewest agents (more than the traffic) whose service level in <paramref name="thresholdSeconds"/> reaches
    /// <paramref name="targetServiceLevel"/> and, when given, whose occupancy is at most <paramref name="maxOccupancy"/>
    /// (both fractions). The Erlang B recursion runs once up to the answer; each agent count above the traffic is then
    /// judged in constant time, so a centre of thousands of Erlangs is staffed in microseconds.
    /// </summary>
    public static int AgentsRequired(double traffic, double ahtSeconds, double thresholdSeconds, double targetServiceLevel, double? maxOccupancy = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(traffic);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ahtSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdSeconds);
        if (!(targetServiceLevel is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(targetServiceLevel), targetServiceLevel, "The target must be above 0 and below 1.");
        }
        if (maxOccupancy is { } ceiling && !(ceiling is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxOccupancy), maxOccupancy, "The maximum occupancy must be above 0 and at most 1.");
        }
        var b = 1.0;
        for (var n = 1; ; n++)
        {
            b = NextErlangB(b, n, traffic);
            if (n <= traffic || (maxOccupancy is { } most && traffic / n > most))
            {
                continue;
            }
            if (Figures(n, traffic, ahtSeconds, thresholdSeconds, b).ServiceLevel >= targetServiceLevel)
            {
                return n;
            }
        }
    }

    /// <summary>Staff to roster so that <paramref name="agents"/> are on the phones after <paramref name="shrinkage"/> (a fraction below 1).</summary>
    public static int StaffRequired(int agents, double shrinkage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        if (!(shrinkage is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(shrinkage), shrinkage, "Shrinkage must be at least 0 and below 1.");
        }
        var exact = agents / (1 - shrinkage);
        // 14 / (1 − 0.3) is 20.000000000000004 in binary: within rounding of a whole number is that number.
        var whole = Math.Round(exact);
        return (int)(Math.Abs(exact - whole) <= 1e-9 * whole ? whole : Math.Ceiling(exact));
    }

    internal static double NextErlangB(double previous, int agents, double traffic) =>
        traffic * previous / (agents + (traffic * previous));

    private static ErlangCFigures Figures(int n, double a, double h, double t, double erlangB)
    {
        var waiting = FromErlangB(n, a, erlangB);
        if (n <= a)
        {
            return new ErlangCFigures(n, a, waiting, null, null, Math.Min(1, a / n));
        }
        var spare = n - a;
        return new ErlangCFigures(n, a, waiting, 1 - (waiting * Math.Exp(-spare * t / h)), waiting * h / spare, a / n);
    }

    private static double FromErlangB(int n, double a, double b) => n <= a ? 1 : n * b / (n - (a * (1 - b)));

    private static int CheckAgents(int agents)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(agents);
        return agents;
    }
}

/// <summary>
/// The Erlang C figures of <see cref="Agents"/> agents facing <see cref="TrafficErlangs"/>: fractions, not percents.
/// <see cref="ServiceLevel"/> and <see cref="AsaSeconds"/> are null when the queue is unstable (agents ≤ traffic).
/// </summary>
public sealed record ErlangCFigures(int Agents, double TrafficErlangs, double ProbabilityOfWaiting, double? ServiceLevel, double? AsaSeconds, double Occupancy)
{
    /// <summary>False when the agents cannot keep up with the traffic and the queue grows without end.</summary>
    public bool IsStable => ServiceLevel is not null;
}

using CcWallboard.Core.Configuration;

namespace CcWallboard.Core.Simulation;

/// <summary>
/// How long the parts of a simulated contact take, drawn per contact around the queue's configured means: talk and
/// after-contact work log-normal (right-skewed like real handle times), patience exponential, a ring of a few seconds,
/// and a hold on some contacts.
/// </summary>
internal static class ContactHandlingTimes
{
    private const double TalkShape = 0.7;
    private const double AcwShape = 0.5;
    private const double HoldProbability = 0.2;
    private const double MinimumTalkMs = 5_000;

    public static long RingMs(SimulationRandom random) => Whole(random.Uniform(2_000, 7_000));

    public static long PatienceMs(SimulatedQueueSettings queue, SimulationRandom random) =>
        Whole(random.Exponential(queue.MeanPatienceSeconds * 1000));

    public static long TalkMs(SimulatedQueueSettings queue, SimulationRandom random) =>
        Whole(Math.Max(MinimumTalkMs, random.LogNormal(queue.MeanTalkSeconds * 1000, TalkShape)));

    /// <summary>Whole seconds on hold within a talk of <paramref name="talkMs"/>, or null when the customer is not held.</summary>
    public static double? HoldSeconds(long talkMs, SimulationRandom random) =>
        random.Chance(HoldProbability) ? Math.Floor(talkMs / 1000.0 * random.Uniform(0.1, 0.4)) : null;

    /// <summary>After-contact work; zero when the queue's mean is zero.</summary>
    public static long AcwMs(SimulatedQueueSettings queue, SimulationRandom random) =>
        queue.MeanAcwSeconds > 0 ? Whole(random.LogNormal(queue.MeanAcwSeconds * 1000, AcwShape)) : 0;

    private static long Whole(double ms) => Math.Max(1, (long)Math.Round(ms));
}

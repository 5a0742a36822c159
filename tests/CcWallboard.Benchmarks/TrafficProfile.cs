namespace CcWallboard.Benchmarks;

/// <summary>
/// How busy the floor is: contacts offered per hour on average, with handling times scaled so the 1,000
/// agents are on average about 88 % busy on contacts (ringing included) and about 5 % of their time not
/// ready, whatever the volume. Arrivals swell and ebb by ±25 % every 20 minutes, so the peaks overload the
/// floor: contacts wait, some abandon (a few within 5 s, short abandons), and service level moves.
/// </summary>
internal sealed record TrafficProfile(
    double ContactsPerHour,
    double MeanTalkSeconds,
    double MeanAcwSeconds,
    double MeanPatienceSeconds,
    double NotReadyChance,
    double MeanNotReadySeconds)
{
    /// <summary>Ringing lasts 2–6 s (uniform).</summary>
    public const double MinRingSeconds = 2;
    public const double MaxRingSeconds = 6;

    /// <summary>Arrival rate over the mean rate: 1 ± <see cref="WaveAmplitude"/> over each <see cref="WavePeriod"/>.</summary>
    public const double WaveAmplitude = 0.25;

    public static readonly TimeSpan WavePeriod = TimeSpan.FromMinutes(20);

    public static TrafficProfile For(double contactsPerHour)
    {
        var perAgentHour = contactsPerHour / BenchmarkCentre.AgentCount;
        var handleSeconds = (0.88 * 3600 / perAgentHour) - ((MinRingSeconds + MaxRingSeconds) / 2);
        const double meanNotReadySeconds = 300;
        var notReadyChance = Math.Min(0.5, 0.05 * 3600 / (perAgentHour * meanNotReadySeconds));
        return new TrafficProfile(contactsPerHour, handleSeconds * 0.86, handleSeconds * 0.14, 180, notReadyChance, meanNotReadySeconds);
    }
}

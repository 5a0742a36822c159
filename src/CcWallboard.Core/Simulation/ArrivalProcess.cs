using CcWallboard.Core.Configuration;

namespace CcWallboard.Core.Simulation;

/// <summary>
/// Arrivals to one queue: a Poisson process whose rate is constant within each local hour of the centre's time zone
/// (contacts per day × the hour's weight ÷ the sum of weights, per hour). Sampled exactly: an exponential gap at the
/// current rate; a gap that crosses the hour's end is dropped and sampling restarts there at the new rate (the
/// process is memoryless). A day with a daylight-saving change has 23 or 25 local hours, each at its hour's rate.
/// </summary>
internal sealed class ArrivalProcess
{
    private const double HourMs = 3_600_000;

    private readonly double[] _contactsPerHour;
    private readonly TimeZoneInfo _timeZone;
    private readonly SimulationRandom _random;

    private ArrivalProcess(double[] contactsPerHour, TimeZoneInfo timeZone, SimulationRandom random)
    {
        _contactsPerHour = contactsPerHour;
        _timeZone = timeZone;
        _random = random;
    }

    /// <summary>The arrival process of a queue, or null when its settings give it no arrivals at all.</summary>
    public static ArrivalProcess? For(SimulatedQueueSettings settings, TimeZoneInfo timeZone, SimulationRandom random)
    {
        return ContactsPerHour(settings) is { } perHour ? new ArrivalProcess(perHour, timeZone, random) : null;
    }

    /// <summary>The queue's arrival rate in each local hour (contacts per hour), or null when it has no arrivals.</summary>
    public static double[]? ContactsPerHour(SimulatedQueueSettings settings)
    {
        var weights = settings.HourlyProfile;
        var total = weights.Count == 24 ? weights.Sum() : 0;
        if (!(settings.ContactsPerDay > 0) || !(total > 0) || weights.Any(w => !(w >= 0)))
        {
            return null;
        }
        return weights.Select(w => settings.ContactsPerDay * w / total).ToArray();
    }

    /// <summary>The next arrival at or after <paramref name="instant"/> (Unix milliseconds).</summary>
    public long NextFrom(long instant)
    {
        double at = instant;
        while (true)
        {
            var (hour, hourEnd) = LocalHourAt((long)at);
            var rate = _contactsPerHour[hour];
            if (rate > 0)
            {
                var next = at + _random.Exponential(HourMs / rate);
                if (next < hourEnd)
                {
                    return (long)Math.Round(next);
                }
            }
            at = hourEnd;
        }
    }

    /// <summary>The local hour holding the instant and the instant that hour ends.</summary>
    private (int Hour, long End) LocalHourAt(long instant)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(instant), _timeZone);
        var intoHour = (local.Ticks % TimeSpan.TicksPerHour) / TimeSpan.TicksPerMillisecond;
        return (local.Hour, instant - intoHour + (long)HourMs);
    }
}

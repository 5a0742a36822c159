using CcWallboard.Core.Configuration;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Simulation;

/// <summary>
/// Arrivals to one queue: a Poisson process whose rate is constant within each local hour of the centre's time zone
/// (contacts per day × the hour's weight ÷ the sum of weights, per hour), multiplied during the queue's simulated
/// surges (<see cref="SimulatedSurge"/>; overlapping surges multiply). Sampled exactly: the rate is piecewise constant,
/// so an exponential gap is drawn at the current rate; a gap that crosses the next change of rate (the hour's end, or
/// a surge's start or end) is dropped and sampling restarts there at the new rate (the process is memoryless). A day
/// with a daylight-saving change has 23 or 25 local hours, each at its hour's rate. Without surges the draws are
/// exactly those of the hourly process alone.
/// </summary>
internal sealed class ArrivalProcess
{
    private const double HourMs = 3_600_000;

    private readonly double[] _contactsPerHour;
    private readonly CentreCalendar _calendar;
    private readonly SimulationRandom _random;
    private readonly SurgeTimes? _surges;

    private ArrivalProcess(double[] contactsPerHour, CentreCalendar calendar, SimulationRandom random, IReadOnlyList<SimulatedSurge> surges)
    {
        _contactsPerHour = contactsPerHour;
        _calendar = calendar;
        _random = random;
        _surges = surges.Count > 0 ? new SurgeTimes(surges, calendar) : null;
    }

    /// <summary>The arrival process of a queue, or null when its settings give it no arrivals at all.</summary>
    public static ArrivalProcess? For(
        SimulatedQueueSettings settings, IReadOnlyList<SimulatedSurge> surges, CentreCalendar calendar, SimulationRandom random)
    {
        return ContactsPerHour(settings) is { } perHour ? new ArrivalProcess(perHour, calendar, random, surges) : null;
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
            var (hour, end) = LocalHourAt((long)at);
            var rate = _contactsPerHour[hour];
            if (_surges is not null)
            {
                (var multiplier, end) = _surges.At((long)at, end);
                rate *= multiplier;
            }
            if (rate > 0)
            {
                var next = at + _random.Exponential(HourMs / rate);
                if (next < end)
                {
                    return (long)Math.Round(next);
                }
            }
            at = end;
        }
    }

    /// <summary>The local hour holding the instant and the instant that hour ends.</summary>
    private (int Hour, long End) LocalHourAt(long instant)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(instant), _calendar.TimeZone);
        var intoHour = (local.Ticks % TimeSpan.TicksPerHour) / TimeSpan.TicksPerMillisecond;
        return (local.Hour, instant - intoHour + (long)HourMs);
    }

    /// <summary>
    /// A queue's surges as instants: the windows of the local dates around the last instant asked about (a surge lasts
    /// at most a day, so those of the day before, the day itself and the day after hold every window that touches it).
    /// </summary>
    private sealed class SurgeTimes(IReadOnlyList<SimulatedSurge> surges, CentreCalendar calendar)
    {
        private readonly List<(long Start, long End, double Multiplier)> _windows = [];
        private DateOnly? _date;

        /// <summary>The product of the multipliers of the surges on at <paramref name="instant"/>, and the next change of rate before <paramref name="end"/> (or <paramref name="end"/>).</summary>
        public (double Multiplier, long End) At(long instant, long end)
        {
            var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(instant), calendar.TimeZone).DateTime);
            if (date != _date)
            {
                Load(date);
            }
            var multiplier = 1.0;
            foreach (var (start, stop, factor) in _windows)
            {
                if (start <= instant && instant < stop)
                {
                    multiplier *= factor;
                    end = Math.Min(end, stop);
                }
                else if (start > instant)
                {
                    end = Math.Min(end, start);
                }
            }
            return (multiplier, end);
        }

        private void Load(DateOnly date)
        {
            _date = date;
            _windows.Clear();
            for (var day = date.AddDays(-1); day <= date.AddDays(1); day = day.AddDays(1))
            {
                foreach (var surge in surges)
                {
                    var start = calendar.ToInstant(day.ToDateTime(surge.StartsAt)).ToUnixTimeMilliseconds();
                    _windows.Add((start, start + (long)Math.Round(surge.Duration.TotalMilliseconds), surge.Multiplier));
                }
            }
        }
    }
}

/// <summary>A simulated surge of one queue (<see cref="SimulatedSurgeSettings"/>): every local day from <see cref="StartsAt"/> for <see cref="Duration"/>, arrivals × <see cref="Multiplier"/>.</summary>
internal sealed record SimulatedSurge(TimeOnly StartsAt, TimeSpan Duration, double Multiplier)
{
    /// <summary>The surges configured for <paramref name="queueId"/> (the settings passed validation).</summary>
    public static IReadOnlyList<SimulatedSurge> Of(SimulatorSettings simulator, string queueId)
    {
        var surges = new List<SimulatedSurge>();
        foreach (var surge in simulator.Surges)
        {
            if (surge.QueueId == queueId && CentreOptionsValidator.TryParseLocalTime(surge.StartsAt, out var startsAt))
            {
                surges.Add(new SimulatedSurge(startsAt, TimeSpan.FromMinutes(surge.DurationMinutes), surge.Multiplier));
            }
        }
        return surges;
    }
}

namespace CcWallboard.Core.Planning;

/// <summary>One forecast interval of one queue: the contacts expected to arrive in it and their average handle time.</summary>
public sealed record ForecastInterval(DateTimeOffset Start, DateTimeOffset End, double Offered, double AhtSeconds)
{
    /// <summary>The forecast arrival rate, contacts per second, taken as constant over the interval.</summary>
    public double RatePerSecond => Offered / (End - Start).TotalSeconds;
}

/// <summary>Where a day's forecast came from.</summary>
public static class ForecastSources
{
    /// <summary>Imported from a WFM export (a configured file or <c>PUT /api/forecasts/{date}</c>).</summary>
    public const string Imported = "imported";

    /// <summary>The volumes the built-in simulator is configured to produce (no forecast imported).</summary>
    public const string Simulator = "simulator";
}

/// <summary>
/// A centre day's forecast: per queue, the expected arrivals and AHT of each interval (the centre's local intervals).
/// An interval the forecast does not list has no forecast (not a forecast of zero).
/// </summary>
public sealed class DayForecast
{
    private readonly Dictionary<string, ForecastInterval[]> _queues;

    public DayForecast(DateOnly day, string source, IReadOnlyDictionary<string, IReadOnlyList<ForecastInterval>> queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        Day = day;
        Source = source;
        _queues = queues.ToDictionary(q => q.Key, q => q.Value.OrderBy(i => i.Start).ToArray(), StringComparer.Ordinal);
    }

    public DateOnly Day { get; }

    /// <summary><see cref="ForecastSources.Imported"/> or <see cref="ForecastSources.Simulator"/>.</summary>
    public string Source { get; }

    public IEnumerable<string> QueueIds => _queues.Keys;

    /// <summary>The queue's forecast intervals in time order; empty when the queue has none.</summary>
    public IReadOnlyList<ForecastInterval> IntervalsOf(string queueId) =>
        _queues.TryGetValue(queueId, out var intervals) ? intervals : [];

    /// <summary>The queue's forecast interval holding <paramref name="instant"/>, or null.</summary>
    public ForecastInterval? At(string queueId, DateTimeOffset instant)
    {
        if (!_queues.TryGetValue(queueId, out var intervals))
        {
            return null;
        }
        var low = 0;
        var high = intervals.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var interval = intervals[mid];
            if (instant < interval.Start)
            {
                high = mid - 1;
            }
            else if (instant >= interval.End)
            {
                low = mid + 1;
            }
            else
            {
                return interval;
            }
        }
        return null;
    }

    /// <summary>
    /// The arrivals the forecast expects in [<paramref name="from"/>, <paramref name="to"/>): each interval's rate times
    /// the part of it inside the window. Null when some of the window has no forecast.
    /// </summary>
    public double? ExpectedArrivals(string queueId, DateTimeOffset from, DateTimeOffset to)
    {
        var expected = 0.0;
        var at = from;
        while (at < to)
        {
            if (At(queueId, at) is not { } interval)
            {
                return null;
            }
            var end = interval.End < to ? interval.End : to;
            expected += interval.RatePerSecond * (end - at).TotalSeconds;
            at = end;
        }
        return expected;
    }
}

using CcWallboard.Core.Configuration;
using CcWallboard.Core.Planning;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Simulation;

/// <summary>
/// The forecast a planner would hold for a simulated floor: per queue and interval, the arrivals the simulator's
/// profile expects (the hour's rate × the interval's length; simulated surges are left out, as a forecast cannot know
/// them) and the configured mean talk + ACW as AHT.
/// </summary>
public static class SimulatorForecast
{
    public static DayForecast For(CentreOptions options, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(options);
        var calendar = CentreCalendar.For(options.Centre);
        var start = calendar.StartOf(day);
        var centreDay = calendar.DayOf(start);
        var length = calendar.IntervalLength;
        var queues = new Dictionary<string, IReadOnlyList<ForecastInterval>>(StringComparer.Ordinal);
        foreach (var queue in options.Simulator.Queues)
        {
            if (ArrivalProcess.ContactsPerHour(queue) is not { } perHour)
            {
                continue;
            }
            var aht = queue.MeanTalkSeconds + queue.MeanAcwSeconds;
            var intervals = new List<ForecastInterval>();
            for (var i = 0; i < centreDay.IntervalCount(length); i++)
            {
                var from = centreDay.IntervalStart(i, length, calendar.TimeZone);
                var to = i + 1 < centreDay.IntervalCount(length) ? centreDay.IntervalStart(i + 1, length, calendar.TimeZone) : centreDay.End;
                var offered = perHour[from.Hour] * (to - from).TotalHours;
                intervals.Add(new ForecastInterval(from, to, offered, aht));
            }
            queues[queue.QueueId] = intervals;
        }
        return new DayForecast(day, ForecastSources.Simulator, queues);
    }
}

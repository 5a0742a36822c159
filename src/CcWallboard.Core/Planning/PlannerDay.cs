using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Planning;

/// <summary>
/// What the planner counts itself over one centre day, folded from the event stream: each queue's arrivals at their
/// arrival time (METRICS.md, "Attribution"; the metrics engine counts outcomes, not arrivals) and the agents staffed
/// for each queue — logged in (any state but logged out) and configured to serve it — as a time-weighted average per
/// interval. An agent's state before the day counts from the day's start; a state change that comes late takes effect
/// from the time already reached (as the metrics engine does).
/// </summary>
public sealed class PlannerDay
{
    private readonly Dictionary<string, QueueCount> _queues;
    private readonly Dictionary<string, QueueCount[]> _skills;
    private readonly Dictionary<string, bool> _loggedIn = new(StringComparer.Ordinal);
    private readonly TimeSpan _interval;
    private long _reached;

    /// <param name="countsFrom">
    /// When the counting starts: the day's start, or later when nothing earlier can be known (a first run mid-day whose
    /// event log begins then). Figures of the time before it have no value, not zero.
    /// </param>
    public PlannerDay(CentreOptions options, CentreCalendar calendar, DateOnly date, DateTimeOffset? countsFrom = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(calendar);
        Day = calendar.DayOf(calendar.StartOf(date));
        _interval = calendar.IntervalLength;
        IntervalCount = Day.IntervalCount(_interval);
        _queues = options.Queues.ToDictionary(q => q.Id, _ => new QueueCount(IntervalCount), StringComparer.Ordinal);
        _skills = options.Agents.ToDictionary(
            a => a.Id,
            a => a.Queues.Where(_queues.ContainsKey).Distinct(StringComparer.Ordinal).Select(q => _queues[q]).ToArray(),
            StringComparer.Ordinal);
        CountsFrom = countsFrom is { } from && from > Day.Start ? (from < Day.End ? from : Day.End) : Day.Start;
        _reached = CountsFrom.UtcTicks;
    }

    /// <summary>The instant the figures count from: the day's start, or later on a first run mid-day.</summary>
    public DateTimeOffset CountsFrom { get; }

    public CentreDay Day { get; }

    public int IntervalCount { get; }

    /// <summary>The next day's fold, carrying who is logged in now.</summary>
    public PlannerDay Next(CentreOptions options, CentreCalendar calendar)
    {
        AdvanceTo(Day.End);
        var next = new PlannerDay(options, calendar, Day.Date.AddDays(1));
        foreach (var (agent, loggedIn) in _loggedIn)
        {
            next.SetLoggedIn(agent, loggedIn);
        }
        return next;
    }

    /// <summary>Folds one event; events after the day's end are not this day's and are ignored.</summary>
    public void Apply(AcdEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.At >= Day.End)
        {
            return;
        }
        switch (e)
        {
            case ContactQueued queued when queued.At >= CountsFrom && _queues.TryGetValue(queued.QueueId, out var queue):
                queue.AddArrival(queued.At.UtcTicks);
                break;
            case AgentStateChanged state:
                AdvanceTo(state.At);
                SetLoggedIn(state.AgentId, state.State != AgentState.LoggedOut);
                break;
        }
    }

    /// <summary>Integrates the staffed counts up to <paramref name="now"/> (never back, never past the day's end).</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        var to = Math.Min(now.UtcTicks, Day.End.UtcTicks);
        if (to <= _reached)
        {
            return;
        }
        foreach (var queue in _queues.Values)
        {
            queue.Integrate(_reached, to, Day.Start.UtcTicks, _interval.Ticks);
        }
        _reached = to;
    }

    /// <summary>Arrivals to the queue in [<paramref name="from"/>, <paramref name="to"/>); 0 for an unknown queue.</summary>
    public int Arrivals(string queueId, DateTimeOffset from, DateTimeOffset to) =>
        _queues.TryGetValue(queueId, out var queue) ? queue.ArrivalsIn(from.UtcTicks, to.UtcTicks) : 0;

    /// <summary>Whether any of [<paramref name="from"/>, <paramref name="to"/>) lies after <see cref="CountsFrom"/>: whether it has figures.</summary>
    public bool Counts(DateTimeOffset from, DateTimeOffset to) => to > CountsFrom && to > from;

    /// <summary>Agents logged in and serving the queue now.</summary>
    public int StaffedNow(string queueId) => _queues.TryGetValue(queueId, out var queue) ? queue.LoggedIn : 0;

    /// <summary>
    /// The time-weighted average of agents staffed for the queue over interval <paramref name="index"/> as far as it has
    /// been reached; null for an interval not yet begun.
    /// </summary>
    public double? AverageStaffed(string queueId, int index)
    {
        if (!_queues.TryGetValue(queueId, out var queue) || index < 0 || index >= IntervalCount)
        {
            return null;
        }
        var start = Math.Max(Day.Start.UtcTicks + (index * _interval.Ticks), CountsFrom.UtcTicks);
        var end = Math.Min(Math.Min(Day.Start.UtcTicks + ((index + 1) * _interval.Ticks), Day.End.UtcTicks), _reached);
        return end > start ? queue.StaffedTicks[index] / (end - start) : null;
    }

    private void SetLoggedIn(string agentId, bool loggedIn)
    {
        var was = _loggedIn.GetValueOrDefault(agentId);
        _loggedIn[agentId] = loggedIn;
        if (was == loggedIn || !_skills.TryGetValue(agentId, out var queues))
        {
            return;
        }
        foreach (var queue in queues)
        {
            queue.LoggedIn += loggedIn ? 1 : -1;
        }
    }

    private sealed class QueueCount(int intervals)
    {
        private readonly List<long> _arrivals = [];

        public double[] StaffedTicks { get; } = new double[intervals];

        public int LoggedIn { get; set; }

        public void AddArrival(long at)
        {
            // Arrivals come in time order but for the few the reorder window lets through late: insert those in place.
            if (_arrivals.Count == 0 || _arrivals[^1] <= at)
            {
                _arrivals.Add(at);
                return;
            }
            var index = _arrivals.BinarySearch(at);
            _arrivals.Insert(index < 0 ? ~index : index, at);
        }

        public int ArrivalsIn(long from, long to) => to <= from ? 0 : FirstAtOrAfter(to) - FirstAtOrAfter(from);

        public void Integrate(long from, long to, long dayStart, long interval)
        {
            if (LoggedIn == 0)
            {
                return;
            }
            while (from < to)
            {
                var index = (int)((from - dayStart) / interval);
                var end = Math.Min(to, dayStart + ((index + 1) * interval));
                if (index < StaffedTicks.Length)
                {
                    StaffedTicks[index] += (double)LoggedIn * (end - from);
                }
                from = end;
            }
        }

        private int FirstAtOrAfter(long at)
        {
            var low = 0;
            var high = _arrivals.Count;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (_arrivals[mid] < at)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }
            return low;
        }
    }
}

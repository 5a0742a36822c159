using CcWallboard.Core.Configuration;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Simulation;

/// <summary>
/// The configured shift patterns expanded into dated <see cref="ScheduledActivity"/> lists, in the centre's time
/// zone. A shift belongs to the local date it starts on; one whose end is not after its start runs past midnight
/// (an activity whose local time is before the shift's start then falls on the next date). Local times become
/// instants through <see cref="CentreCalendar.ToInstant"/>, so a day with a daylight-saving change gets a shift
/// that is an hour shorter or longer in elapsed time. Activities last their configured minutes of elapsed time,
/// are clipped to the shift, and the rest of the shift is <see cref="ScheduledActivity.Open"/>.
/// </summary>
public sealed class ShiftSchedule
{
    private readonly Dictionary<string, ShiftPattern> _patternsByAgent = new(StringComparer.Ordinal);
    private readonly List<string> _agentIds = [];

    public ShiftSchedule(CentreOptions options, CentreCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(calendar);
        Calendar = calendar;
        var patterns = new Dictionary<string, ShiftPattern>(StringComparer.Ordinal);
        for (var i = 0; i < options.Shifts.Count; i++)
        {
            var shift = options.Shifts[i];
            patterns[shift.Id] = ShiftPattern.Parse(shift, $"Shifts:{i}");
        }
        foreach (var agent in options.Agents)
        {
            _agentIds.Add(agent.Id);
            if (agent.ShiftId is not null && patterns.TryGetValue(agent.ShiftId, out var pattern))
            {
                _patternsByAgent[agent.Id] = pattern;
            }
        }
    }

    public CentreCalendar Calendar { get; }

    /// <summary>
    /// The agent's shift that starts on the local <paramref name="date"/>, as consecutive activities in time order;
    /// empty for an agent without a shift pattern.
    /// </summary>
    public IReadOnlyList<ScheduledActivity> ForAgent(string agentId, DateOnly date) =>
        _patternsByAgent.TryGetValue(agentId, out var pattern) ? pattern.Expand(agentId, date, Calendar) : [];

    /// <summary>True when the agent works a configured shift pattern.</summary>
    public bool HasShift(string agentId) => _patternsByAgent.ContainsKey(agentId);

    /// <summary>Every agent's shift that starts on the local <paramref name="date"/>, agent by agent in configuration order.</summary>
    public IReadOnlyList<ScheduledActivity> ForDate(DateOnly date) =>
        _agentIds.SelectMany(agentId => ForAgent(agentId, date)).ToList();

    /// <summary>
    /// Every scheduled activity that overlaps [<paramref name="from"/>, <paramref name="until"/>), whole (not clipped),
    /// ordered by start then agent — including the night shifts that started the local day before.
    /// </summary>
    public IReadOnlyList<ScheduledActivity> Overlapping(DateTimeOffset from, DateTimeOffset until)
    {
        var first = LocalDateOf(from).AddDays(-1);
        var last = LocalDateOf(until);
        var result = new List<ScheduledActivity>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            result.AddRange(ForDate(date).Where(a => a.Start < until && a.End > from));
        }
        return result.OrderBy(a => a.Start).ThenBy(a => a.AgentId, StringComparer.Ordinal).ToList();
    }

    /// <summary>The agent's scheduled activity at <paramref name="instant"/>, or null when the agent is off.</summary>
    public ScheduledActivity? ActivityAt(string agentId, DateTimeOffset instant)
    {
        var date = LocalDateOf(instant);
        return ForAgent(agentId, date.AddDays(-1)).Concat(ForAgent(agentId, date)).FirstOrDefault(a => a.Contains(instant));
    }

    /// <summary>Expands one shift pattern for one agent and local date (see the type's remarks for the rules).</summary>
    public static IReadOnlyList<ScheduledActivity> Expand(string agentId, ShiftSettings shift, DateOnly date, CentreCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(shift);
        ArgumentNullException.ThrowIfNull(calendar);
        return ShiftPattern.Parse(shift, nameof(shift)).Expand(agentId, date, calendar);
    }

    private DateOnly LocalDateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Calendar.TimeZone).DateTime);

    /// <summary>A shift pattern with its local times parsed once.</summary>
    private sealed record ShiftPattern(TimeOnly Start, TimeOnly End, IReadOnlyList<(string Activity, TimeOnly Start, int Minutes)> Activities)
    {
        private bool CrossesMidnight => End <= Start;

        public static ShiftPattern Parse(ShiftSettings shift, string key)
        {
            var start = ParseTime(shift.Start, $"{key}:Start");
            var end = ParseTime(shift.End, $"{key}:End");
            var activities = shift.Activities
                .Select((a, j) => (a.Activity.Trim(), ParseTime(a.Start, $"{key}:Activities:{j}:Start"), a.Minutes))
                .ToList();
            return new ShiftPattern(start, end, activities);
        }

        public List<ScheduledActivity> Expand(string agentId, DateOnly date, CentreCalendar calendar)
        {
            var shiftStart = calendar.ToInstant(date.ToDateTime(Start));
            var shiftEnd = calendar.ToInstant((CrossesMidnight ? date.AddDays(1) : date).ToDateTime(End));
            if (shiftEnd <= shiftStart)
            {
                return [];
            }

            var inShift = new List<ScheduledActivity>();
            foreach (var (activity, localStart, minutes) in Activities)
            {
                var activityDate = CrossesMidnight && localStart < Start ? date.AddDays(1) : date;
                var start = calendar.ToInstant(activityDate.ToDateTime(localStart));
                var end = TimeZoneInfo.ConvertTime(start.AddMinutes(minutes), calendar.TimeZone);
                start = Max(start, shiftStart);
                end = Min(end, shiftEnd);
                if (end > start && minutes > 0)
                {
                    inShift.Add(new ScheduledActivity(agentId, activity, start, end));
                }
            }
            inShift.Sort((a, b) => a.Start.CompareTo(b.Start));

            var result = new List<ScheduledActivity>(inShift.Count * 2 + 1);
            var cursor = shiftStart;
            foreach (var activity in inShift)
            {
                // An activity overlapping the one before starts when that one ends.
                var start = Max(activity.Start, cursor);
                if (activity.End <= start)
                {
                    continue;
                }
                if (start > cursor)
                {
                    result.Add(new ScheduledActivity(agentId, ScheduledActivity.Open, cursor, start));
                }
                result.Add(activity with { Start = start });
                cursor = activity.End;
            }
            if (shiftEnd > cursor)
            {
                result.Add(new ScheduledActivity(agentId, ScheduledActivity.Open, cursor, shiftEnd));
            }
            return result;
        }

        private static TimeOnly ParseTime(string text, string key) =>
            CentreOptionsValidator.TryParseLocalTime(text, out var time)
                ? time
                : throw new ArgumentException($"{key}: '{text}' is not a local time HH:mm");

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
    }
}

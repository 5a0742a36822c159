using System.Collections.ObjectModel;
using CcWallboard.Core.Simulation;

namespace CcWallboard.Core.Adherence;

/// <summary>
/// The schedule of one centre day: per agent, the scheduled activities in time order, none overlapping another.
/// Between and outside them the agent is off. Immutable; built only through <see cref="Create"/> (which checks the
/// activities), <see cref="FromShifts"/> or <see cref="ScheduleFile.Parse"/>.
/// </summary>
public sealed class DaySchedule
{
    private static readonly IReadOnlyList<ScheduledActivity> None = [];

    private DaySchedule(DateOnly date, IReadOnlyDictionary<string, IReadOnlyList<ScheduledActivity>> byAgent, IReadOnlyList<string> agents)
    {
        Date = date;
        ByAgent = byAgent;
        Agents = agents;
    }

    /// <summary>The local date of the centre day this schedule is for.</summary>
    public DateOnly Date { get; }

    /// <summary>Agent id → the agent's activities in time order; only agents with at least one activity.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ScheduledActivity>> ByAgent { get; }

    /// <summary>The scheduled agents, in ordinal order of their ids.</summary>
    public IReadOnlyList<string> Agents { get; }

    /// <summary>Every activity, agent by agent (in <see cref="Agents"/> order), each agent's in time order.</summary>
    public IEnumerable<ScheduledActivity> Activities => Agents.SelectMany(agentId => ByAgent[agentId]);

    /// <summary>The agent's activities in time order; empty for an agent who is not scheduled.</summary>
    public IReadOnlyList<ScheduledActivity> ForAgent(string agentId) =>
        ByAgent.TryGetValue(agentId, out var activities) ? activities : None;

    /// <summary>The agent's scheduled activity at <paramref name="instant"/>, or null when the agent is off.</summary>
    public ScheduledActivity? ActivityAt(string agentId, DateTimeOffset instant)
    {
        var activities = ForAgent(agentId);
        // The last activity starting at or before the instant is the only one that can hold it.
        int low = 0, high = activities.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (activities[middle].Start <= instant)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found >= 0 && activities[found].Contains(instant) ? activities[found] : null;
    }

    /// <summary>A schedule with no one scheduled: everyone is off.</summary>
    public static DaySchedule Empty(DateOnly date) =>
        new(date, ReadOnlyDictionary<string, IReadOnlyList<ScheduledActivity>>.Empty, []);

    /// <summary>
    /// The schedule of <paramref name="activities"/> (in any order). Throws <see cref="ArgumentException"/> when an
    /// activity has no agent id or activity name, does not end after it starts, or overlaps another of its agent's.
    /// Schedule files are checked row by row, with every error reported, by <see cref="ScheduleFile.Parse"/>.
    /// </summary>
    public static DaySchedule Create(DateOnly date, IEnumerable<ScheduledActivity> activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var lists = new Dictionary<string, List<ScheduledActivity>>(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            ArgumentNullException.ThrowIfNull(activity, nameof(activities));
            if (string.IsNullOrWhiteSpace(activity.AgentId) || string.IsNullOrWhiteSpace(activity.Activity))
            {
                throw new ArgumentException($"{activity}: an activity needs an agent id and an activity name", nameof(activities));
            }
            if (activity.End <= activity.Start)
            {
                throw new ArgumentException($"{activity}: the end is not after the start", nameof(activities));
            }
            if (!lists.TryGetValue(activity.AgentId, out var list))
            {
                lists[activity.AgentId] = list = [];
            }
            list.Add(activity);
        }

        var byAgent = new Dictionary<string, IReadOnlyList<ScheduledActivity>>(lists.Count, StringComparer.Ordinal);
        foreach (var (agentId, list) in lists)
        {
            list.Sort((a, b) => a.Start.CompareTo(b.Start));
            for (var i = 1; i < list.Count; i++)
            {
                if (list[i].Start < list[i - 1].End)
                {
                    throw new ArgumentException($"{list[i]} overlaps {list[i - 1]}", nameof(activities));
                }
            }
            byAgent[agentId] = list.AsReadOnly();
        }
        var agents = byAgent.Keys.Order(StringComparer.Ordinal).ToList().AsReadOnly();
        return new DaySchedule(date, byAgent.AsReadOnly(), agents);
    }

    /// <summary>
    /// The schedule the configured shift patterns give for <paramref name="date"/>, for when no WFM schedule was
    /// imported: every agent's shift that starts on that local date, exactly as <see cref="ShiftSchedule.ForAgent"/>
    /// expands it (a night shift is kept whole; the one that started the evening before belongs to that date).
    /// </summary>
    public static DaySchedule FromShifts(ShiftSchedule shifts, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        return Create(date, shifts.ForDate(date));
    }
}

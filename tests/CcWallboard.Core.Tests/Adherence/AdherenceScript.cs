using System.Globalization;
using CcWallboard.Core.Adherence;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Tests.Adherence;

/// <summary>
/// A small centre for adherence worked examples, in Europe/London on Monday 2026-11-23 (GMT, so local = UTC):
/// agents a1 and a2 in team <c>north</c>, a3 in team <c>south</c>; the default state mapping. Times are written as
/// local "HH:mm" or "HH:mm:ss" of that date. The schedule is filled first, then <see cref="Start"/> builds the engine
/// at the day's start; every alert change the engine reports is kept in <see cref="Changes"/>.
/// </summary>
internal sealed class AdherenceScript
{
    public static readonly DateOnly Date = new(2026, 11, 23);
    private readonly Dictionary<string, List<ScheduledActivity>> _schedule = new(StringComparer.Ordinal);
    private AdherenceEngine? _engine;
    private int _nextId;

    public AdherenceScript(Action<CentreOptions>? configure = null)
    {
        Options = new CentreOptions
        {
            Centre = new CentreSettings { Name = "Centre", TimeZone = "Europe/London", IntervalMinutes = 15 },
            Queues = [new QueueSettings { Id = "sales" }],
            Teams = [new TeamSettings { Id = "north", Name = "North" }, new TeamSettings { Id = "south", Name = "South" }],
            Agents =
            [
                new AgentSettings { Id = "a1", Name = "Ann", TeamId = "north", Queues = ["sales"] },
                new AgentSettings { Id = "a2", Name = "Bob", TeamId = "north", Queues = ["sales"] },
                new AgentSettings { Id = "a3", Name = "Cem", TeamId = "south", Queues = ["sales"] },
            ],
        };
        configure?.Invoke(Options);
        Calendar = CentreCalendar.For(Options.Centre);
    }

    public CentreOptions Options { get; }

    public CentreCalendar Calendar { get; }

    public AdherenceEngine Engine => _engine ?? throw new InvalidOperationException("Start() the script first");

    public List<AlertChange> Changes { get; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<ScheduledActivity>> ScheduleMap =>
        _schedule.ToDictionary(p => p.Key, p => (IReadOnlyList<ScheduledActivity>)p.Value, StringComparer.Ordinal);

    /// <summary>An instant of the script's date from local "HH:mm[:ss]".</summary>
    public DateTimeOffset At(string localTime) =>
        Calendar.ToInstant(Date.ToDateTime(TimeOnly.ParseExact(localTime, localTime.Length == 5 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture)));

    public AdherenceScript Scheduled(string agent, string activity, string from, string to) =>
        Scheduled(agent, activity, At(from), At(to));

    public AdherenceScript Scheduled(string agent, string activity, DateTimeOffset from, DateTimeOffset to)
    {
        if (!_schedule.TryGetValue(agent, out var activities))
        {
            _schedule[agent] = activities = [];
        }
        activities.Add(new ScheduledActivity(agent, activity, from, to));
        return this;
    }

    /// <summary>Builds the engine at the start of the day (or at <paramref name="start"/>).</summary>
    public AdherenceScript Start(DateTimeOffset? start = null)
    {
        _engine = new AdherenceEngine(Options, Calendar, ScheduleMap, start ?? Calendar.DayOf(At("12:00")).Start);
        return this;
    }

    public IReadOnlyList<AlertChange> State(string agent, AgentState state, string at, string? reason = null) =>
        State(agent, state, At(at), reason);

    public IReadOnlyList<AlertChange> State(string agent, AgentState state, DateTimeOffset at, string? reason = null) =>
        Keep(Engine.Apply(new AgentStateChanged($"e{++_nextId}", at, agent, state, reason)));

    public IReadOnlyList<AlertChange> Available(string agent, string at) => State(agent, AgentState.Available, at);

    public IReadOnlyList<AlertChange> NotReady(string agent, string reason, string at) => State(agent, AgentState.NotReady, at, reason);

    public IReadOnlyList<AlertChange> LoggedOut(string agent, string at) => State(agent, AgentState.LoggedOut, at);

    public IReadOnlyList<AlertChange> AdvanceTo(string at) => AdvanceTo(At(at));

    public IReadOnlyList<AlertChange> AdvanceTo(DateTimeOffset at) => Keep(Engine.AdvanceTo(at));

    public IReadOnlyList<AlertChange> Approve(string agent, string from, string to, string now, string reason = "coaching overran", string by = "sup1") =>
        Keep(Engine.Approve(agent, At(from), At(to), reason, by, At(now)));

    /// <summary>The agent's figures after moving the clock to <paramref name="at"/>.</summary>
    public AgentAdherence Agent(string agent, string at)
    {
        AdvanceTo(at);
        return Engine.AgentOf(agent) ?? throw new ArgumentException($"no agent '{agent}'", nameof(agent));
    }

    private IReadOnlyList<AlertChange> Keep(IReadOnlyList<AlertChange> changes)
    {
        Changes.AddRange(changes);
        return changes;
    }
}

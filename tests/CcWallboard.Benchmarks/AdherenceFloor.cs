using System.Globalization;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;

namespace CcWallboard.Benchmarks;

/// <summary>
/// The adherence benchmark's floor: 5,000 agents in teams of 20, each with a full-day schedule, and a day of their
/// state changes, generated up front so the benchmarks measure only the engine.
/// <list type="bullet">
/// <item>Shifts of 8 h 30 start every 15 minutes from 07:00 to 11:00 (UTC, the centre's time zone), so every agent is
/// on shift from 11:00 to 15:30. Each shift is open, a 15-minute break after 2 h, a 30-minute lunch after 4 h and a
/// 15-minute break after 6 h 30: seven activities.</item>
/// <item>On shift an agent cycles available (mean 180 s) → ringing (3–9 s) → on_contact (mean 360 s) → acw
/// (mean 170 s): one state change every 3 minutes on average.</item>
/// <item>The agent logs in within a few minutes of the shift start (3 % 10–20 minutes late), takes each break and lunch
/// after finishing the contact in hand, comes back a minute or two late (8 % overrun by 5–15 minutes, which raises
/// alerts), and logs out after the shift ends.</item>
/// </list>
/// </summary>
internal sealed class AdherenceFloor
{
    public const int AgentCount = 5_000;
    public const int TeamSize = 20;

    /// <summary>The benchmark day (a Monday); the centre runs in UTC with the day starting at midnight.</summary>
    public static readonly DateTimeOffset Day = new(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan FirstShiftStart = TimeSpan.FromHours(7);
    public static readonly TimeSpan ShiftStartStep = TimeSpan.FromMinutes(15);
    public const int ShiftStarts = 17;
    public static readonly TimeSpan ShiftLength = TimeSpan.FromHours(8.5);

    private AdherenceFloor(CentreOptions options, Dictionary<string, IReadOnlyList<ScheduledActivity>> schedule, AgentStateChanged[] events)
    {
        Options = options;
        Schedule = schedule;
        Events = events;
    }

    public CentreOptions Options { get; }

    /// <summary>Agent id → the agent's activities in time order, as the engine takes them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ScheduledActivity>> Schedule { get; }

    /// <summary>The day's state changes in time order (ties in agent order).</summary>
    public AgentStateChanged[] Events { get; }

    public static string AgentId(int agent) => "ag" + agent.ToString("0000", CultureInfo.InvariantCulture);

    public static AdherenceFloor Generate(int seed = 11)
    {
        var options = new CentreOptions
        {
            Centre = new CentreSettings { Name = "Adherence benchmark centre", TimeZone = "UTC", IntervalMinutes = 15 },
            Adherence = new AdherenceSettings
            {
                AlertAfterSeconds = new(StringComparer.OrdinalIgnoreCase) { ["open"] = 180, ["break"] = 60, ["lunch"] = 60, ["*"] = 180 },
                SevereAfterSeconds = new(StringComparer.OrdinalIgnoreCase) { ["*"] = 600 },
            },
        };
        for (var t = 0; t < AgentCount / TeamSize; t++)
        {
            options.Teams.Add(new TeamSettings { Id = TeamId(t), Name = "Team " + t.ToString(CultureInfo.InvariantCulture) });
        }
        var schedule = new Dictionary<string, IReadOnlyList<ScheduledActivity>>(StringComparer.Ordinal);
        var events = new List<AgentStateChanged>(AgentCount * 200);
        var random = new Random(seed);
        var nextId = 0L;
        for (var a = 0; a < AgentCount; a++)
        {
            var id = AgentId(a);
            options.Agents.Add(new AgentSettings { Id = id, Name = "Agent " + a.ToString(CultureInfo.InvariantCulture), TeamId = TeamId(a / TeamSize) });
            var start = Day + FirstShiftStart + (ShiftStartStep * (a % ShiftStarts));
            var activities = ShiftOf(id, start);
            schedule[id] = activities;
            new AgentDay(id, activities, random, events, () => "s" + (nextId++).ToString(CultureInfo.InvariantCulture)).Run();
        }
        // Stable: one agent's changes at one instant stay in the order they were made.
        var ordered = events.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e).ToArray();
        return new AdherenceFloor(options, schedule, ordered);

        static string TeamId(int team) => "team" + team.ToString("000", CultureInfo.InvariantCulture);
    }

    /// <summary>Open, break after 2 h, lunch after 4 h, break after 6 h 30, open to the end.</summary>
    internal static List<ScheduledActivity> ShiftOf(string agentId, DateTimeOffset start)
    {
        (string Activity, double FromMinutes, double Minutes)[] pieces =
        [
            ("open", 0, 120), ("break", 120, 15), ("open", 135, 105), ("lunch", 240, 30),
            ("open", 270, 120), ("break", 390, 15), ("open", 405, 105),
        ];
        return [.. pieces.Select(p => new ScheduledActivity(agentId, p.Activity, start + TimeSpan.FromMinutes(p.FromMinutes),
            start + TimeSpan.FromMinutes(p.FromMinutes + p.Minutes)))];
    }

    /// <summary>One agent's day of state changes against the agent's schedule.</summary>
    private sealed class AgentDay(string agentId, List<ScheduledActivity> shift, Random random, List<AgentStateChanged> events, Func<string> nextId)
    {
        private DateTimeOffset _at;

        public void Run()
        {
            var shiftStart = shift[0].Start;
            var shiftEnd = shift[^1].End;
            var login = random.NextDouble() < 0.03
                ? shiftStart + Minutes(10 + (10 * random.NextDouble()))
                : shiftStart + Minutes(Math.Clamp(Normal(-1, 2), -6, 6));
            _at = login;
            Emit(AgentState.Available);
            var pauses = shift.Where(s => !s.IsOpen).ToList();
            var next = 0;
            var state = AgentState.Available;
            while (true)
            {
                // Between contacts: take the pause that is due, or log out once the shift is over.
                if (state == AgentState.Available)
                {
                    if (_at >= shiftEnd + Minutes(random.NextDouble() * 3))
                    {
                        Emit(AgentState.LoggedOut);
                        return;
                    }
                    if (next < pauses.Count && _at >= pauses[next].Start + Minutes(Normal(0, 1)))
                    {
                        var pause = pauses[next++];
                        Emit(AgentState.NotReady, pause.Activity);
                        var overrun = random.NextDouble() < 0.08 ? 5 + (10 * random.NextDouble()) : Math.Max(-2, Normal(1, 1.5));
                        _at = Max(_at + Seconds(30), pause.End + Minutes(overrun));
                        Emit(AgentState.Available);
                        continue;
                    }
                }
                var (following, seconds) = state switch
                {
                    AgentState.Available => (AgentState.Ringing, Exponential(180)),
                    AgentState.Ringing => (AgentState.OnContact, 3 + (6 * random.NextDouble())),
                    AgentState.OnContact => (AgentState.Acw, Exponential(360)),
                    _ => (AgentState.Available, Exponential(170)),
                };
                var until = _at + Seconds(Math.Max(1, seconds));
                if (state == AgentState.Available && next < pauses.Count && until > pauses[next].Start)
                {
                    // Idle when the pause starts: no contact is offered in between.
                    _at = Max(_at + Seconds(1), pauses[next].Start);
                    continue;
                }
                if (state == AgentState.Available && until > shiftEnd)
                {
                    _at = Max(_at + Seconds(1), shiftEnd);
                    continue;
                }
                _at = until;
                state = following;
                Emit(state);
            }
        }

        private void Emit(AgentState state, string? reason = null) =>
            events.Add(new AgentStateChanged(nextId(), _at, agentId, state, reason));

        private double Exponential(double mean) => -mean * Math.Log(1.0 - random.NextDouble());

        private double Normal(double mean, double deviation) =>
            mean + (deviation * Math.Sqrt(-2 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

        private static TimeSpan Minutes(double minutes) => TimeSpan.FromMinutes(minutes);

        private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    }
}

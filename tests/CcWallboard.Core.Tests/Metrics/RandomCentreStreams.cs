using System.Globalization;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Tests.Metrics;

/// <summary>A random centre and a realistic event stream from it, in time order, every timestamp distinct.</summary>
internal sealed record GeneratedCentre(int Seed, CentreOptions Options, DateTimeOffset Start, IReadOnlyList<AcdEvent> Events,
    bool AgentsWithoutContactStates)
{
    public TimeSpan Lateness => TimeSpan.FromSeconds(Options.Centre.AllowedLatenessSeconds);

    public string Describe()
    {
        var c = Options.Centre;
        var queues = string.Join("; ", Options.Queues.Select(q =>
            $"{q.Id} T={q.ServiceLevelSeconds}s {q.ServiceLevelFormula} short<{q.ShortAbandonSeconds}s{(q.CountWaitingPastThreshold ? " projected" : "")}"));
        var groups = string.Join("; ", Options.QueueGroups.Select(g => $"{g.Id}=[{string.Join(",", g.Queues)}]"));
        var agents = string.Join(" ", Options.Agents.Select(a => $"{a.Id}[{string.Join(",", a.Queues)}]"));
        return $"seed {Seed}{(AgentsWithoutContactStates ? " (some agents without contact states)" : "")}: zone {c.TimeZone}, day starts {c.DayStartsAt}, {c.IntervalMinutes}-min intervals, lateness {c.AllowedLatenessSeconds}s, " +
            $"windows [{string.Join(",", c.EffectiveSlidingWindowsMinutes)}], start {AcdEventJson.FormatTime(Start)}\n" +
            $"  queues: {queues}\n  groups: {groups}\n  agents: {agents}\n  {Events.Count} events";
    }
}

/// <summary>
/// Seeded random centres and streams for property tests: a few queues with different formulas, thresholds,
/// short-abandon and projected settings; queue groups; 3–15 agents with overlapping skills (some answering
/// queues they are not configured for, one sometimes not configured at all); contacts arriving for 1–3 hours
/// across interval boundaries (sometimes across the day start or a daylight-saving change), answered after
/// ringing or directly, abandoned (some within the short-abandon time), overflowed to another queue; talk,
/// optional ACW (sometimes starting a little after the end, sometimes reported just before it), not ready
/// with reasons, log out and back in. Simulated in one-second ticks; the events of a tick get distinct
/// random millisecond offsets in the order they happened.
/// </summary>
internal static class RandomCentreStreams
{
    private static readonly string[] Zones = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Adelaide"];

    private static readonly (string Zone, DateTimeOffset At)[] DaylightSavingChanges =
    [
        ("Europe/London", new(2026, 3, 29, 1, 0, 0, TimeSpan.Zero)),
        ("Europe/London", new(2026, 10, 25, 1, 0, 0, TimeSpan.Zero)),
        ("America/New_York", new(2026, 3, 8, 7, 0, 0, TimeSpan.Zero)),
        ("America/New_York", new(2026, 11, 1, 6, 0, 0, TimeSpan.Zero)),
        ("Australia/Adelaide", new(2026, 4, 4, 16, 30, 0, TimeSpan.Zero)),
        ("Australia/Adelaide", new(2026, 10, 3, 16, 30, 0, TimeSpan.Zero)),
    ];

    private static readonly string[] DayStarts = ["00:00", "00:00", "06:00", "02:00"];

    private static readonly double[] Latenesses = [1, 2, 2.5, 5, 5, 10, 30];

    private static readonly List<int>?[] Windows = [null, null, [5, 15], [1, 15, 30], [10, 60]];

    private static readonly double[] Thresholds = [10, 15, 20, 20, 30, 45, 60];

    private static readonly double[] ShortAbandons = [0, 3, 5, 5, 10];

    private static readonly string[] Reasons = ["break", "lunch", "meeting", "training", "personal"];

    /// <summary>
    /// A centre and its stream from <paramref name="seed"/>. With <paramref name="agentsWithoutContactStates"/>,
    /// about one agent in seven reports no ringing, on_contact or acw states.
    /// </summary>
    public static GeneratedCentre Generate(int seed, bool agentsWithoutContactStates = false)
    {
        var rng = new Random(seed);
        var options = new CentreOptions
        {
            Centre = new CentreSettings
            {
                Name = "Random centre",
                TimeZone = Pick(rng, Zones),
                DayStartsAt = Pick(rng, DayStarts),
                IntervalMinutes = rng.Next(2) == 0 ? 15 : 30,
                AllowedLatenessSeconds = Pick(rng, Latenesses),
                SlidingWindowsMinutes = Pick(rng, Windows),
            },
        };
        var start = PickStart(rng, options.Centre);

        var queueCount = rng.Next(2, 5);
        for (var i = 1; i <= queueCount; i++)
        {
            options.Queues.Add(new QueueSettings
            {
                Id = $"q{i}",
                ServiceLevelSeconds = Pick(rng, Thresholds),
                ServiceLevelTargetPercent = 80,
                ServiceLevelFormula = (ServiceLevelFormula)rng.Next(4),
                ShortAbandonSeconds = Pick(rng, ShortAbandons),
                CountWaitingPastThreshold = rng.Next(2) == 0,
            });
        }
        var queueIds = options.Queues.Select(q => q.Id).ToArray();
        // Sometimes a queue the centre is not configured for: its events count in no figure, its name in a setting changes nothing.
        var unknownQueue = rng.NextDouble() < 0.25;
        string[] simulatedQueues = unknownQueue ? [.. queueIds, "zz"] : queueIds;
        options.QueueGroups.Add(new QueueGroupSettings { Id = "g1", Queues = [.. Subset(rng, queueIds, 2, queueCount)] });
        if (rng.Next(2) == 0)
        {
            options.QueueGroups.Add(new QueueGroupSettings { Id = "g2", Queues = [.. Subset(rng, simulatedQueues, 1, queueCount)] });
        }
        options.Boards.Add(new BoardSettings { Name = "floor", Queues = [.. queueIds] });

        var agents = new List<SimAgent>();
        var agentCount = rng.Next(3, 16);
        for (var i = 1; i <= agentCount; i++)
        {
            var configured = Subset(rng, simulatedQueues, 1, Math.Min(3, queueCount));
            options.Agents.Add(new AgentSettings { Id = $"a{i}", Queues = [.. configured] });
            var skills = configured.ToHashSet();
            if (rng.NextDouble() < 0.3)
            {
                skills.Add(Pick(rng, simulatedQueues)); // answers a queue it is not configured for
            }
            // Optionally, some agents' states come from a feed like Asterisk's queue_log: log in, pause, log off, but
            // no ringing, on_contact or acw; one contact may follow another with no state between them.
            var silent = rng.NextDouble() < 0.15;
            agents.Add(new SimAgent($"a{i}", skills) { ReportsContactStates = !(agentsWithoutContactStates && silent) });
        }
        if (rng.Next(2) == 0)
        {
            agents.Add(new SimAgent("x1", [.. Subset(rng, simulatedQueues, 1, 2)])); // not configured at all
        }

        var duration = rng.Next(60, 181) * 60;
        var boundaries = IntervalStartsBetween(CentreCalendar.For(options.Centre), start, start.AddSeconds(duration));
        var events = new Simulation(rng, simulatedQueues, agents, start, boundaries).Run(duration);
        return new GeneratedCentre(seed, options, start, events, agentsWithoutContactStates);
    }

    private static DateTimeOffset PickStart(Random rng, CentreSettings centre)
    {
        var start = PickInstant(rng, centre);
        // Half the time on a whole second, so that some events fall exactly on interval and day boundaries.
        return rng.Next(2) == 0 ? start.AddMilliseconds(-start.Millisecond) : start;
    }

    private static DateTimeOffset PickInstant(Random rng, CentreSettings centre)
    {
        var yearStart = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        switch (rng.Next(10))
        {
            case < 6:
                return yearStart.AddDays(rng.Next(365)).AddMinutes(rng.Next(24 * 60)).AddMilliseconds(rng.Next(60_000));
            case < 8:
            {
                // Shortly before the centre's day starts: the stream crosses into a new day.
                var calendar = CentreCalendar.For(centre);
                var date = DateOnly.FromDateTime(yearStart.AddDays(1 + rng.Next(360)).UtcDateTime);
                return calendar.StartOf(date).AddSeconds(-rng.Next(10, 90 * 60)).AddMilliseconds(rng.Next(1000));
            }
            default:
            {
                var (zone, at) = Pick(rng, DaylightSavingChanges);
                centre.TimeZone = zone;
                return at.AddSeconds(-rng.Next(10, 150 * 60)).AddMilliseconds(rng.Next(1000));
            }
        }
    }

    /// <summary>The seconds after <paramref name="from"/> at which an interval starts (whole seconds only).</summary>
    private static HashSet<int> IntervalStartsBetween(CentreCalendar calendar, DateTimeOffset from, DateTimeOffset until)
    {
        var seconds = new HashSet<int>();
        for (var day = calendar.DayOf(from); day.Start <= until; day = calendar.DayOf(day.End))
        {
            for (var start = day.Start; start < day.End && start <= until; start += calendar.IntervalLength)
            {
                var offset = start - from;
                if (offset >= TimeSpan.Zero && offset.Ticks % TimeSpan.TicksPerSecond == 0)
                {
                    seconds.Add((int)offset.TotalSeconds);
                }
            }
        }
        return seconds;
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private static List<string> Subset(Random rng, IReadOnlyList<string> items, int min, int max)
    {
        var count = rng.Next(min, max + 1);
        return [.. items.OrderBy(_ => rng.Next()).Take(count).Order(StringComparer.Ordinal)];
    }

    private enum Phase
    {
        LoggedOut,
        Available,
        NotReady,
        Ringing,
        Talking,
        /// <summary>The conversation ended; the next state comes a little later.</summary>
        AfterEnd,
        Acw,
    }

    private sealed class SimAgent(string id, HashSet<string> skills)
    {
        public string Id { get; } = id;
        public HashSet<string> Skills { get; } = skills;
        public Phase Phase { get; set; } = Phase.LoggedOut;
        public int Until { get; set; } = int.MaxValue;
        public SimContact? Contact { get; set; }
        public bool AcwNext { get; set; }
        public bool ReportsContactStates { get; init; } = true;
    }

    private sealed class SimContact(string id, string queue, int queuedAt, int patience)
    {
        public string Id { get; } = id;
        public string Queue { get; set; } = queue;
        public int QueuedAt { get; set; } = queuedAt;
        public int Patience { get; } = patience;
        public int? OverflowAt { get; set; }
        public string? OverflowTo { get; set; }
    }

    private sealed class Simulation
    {
        private readonly Random _rng;
        private readonly string[] _queues;
        private readonly HashSet<int> _intervalStarts;
        private readonly List<SimAgent> _agents;
        private readonly DateTimeOffset _start;
        private readonly List<SimContact> _waiting = [];
        private readonly List<AcdEvent> _events = [];
        private readonly List<Func<string, DateTimeOffset, AcdEvent>> _tick = [];
        private readonly double _meanTalk;
        private readonly double _meanAcw;
        private readonly double _acwShare;
        private readonly double _meanPatience;
        private readonly double[] _arrivalRates;
        private int _nextEvent;
        private int _nextContact;

        public Simulation(Random rng, string[] queues, List<SimAgent> agents, DateTimeOffset start, HashSet<int> intervalStarts)
        {
            _rng = rng;
            _intervalStarts = intervalStarts;
            _queues = queues;
            _agents = agents;
            _start = start;
            _meanTalk = 60 + (rng.NextDouble() * 240);
            _meanAcw = 5 + (rng.NextDouble() * 60);
            _acwShare = 0.3 + (rng.NextDouble() * 0.6);
            _meanPatience = 60 + (rng.NextDouble() * 180);
            var load = 0.3 + (rng.NextDouble() * 0.7);
            var perSecond = agents.Count * load / (_meanTalk + (_meanAcw * _acwShare));
            var weights = queues.Select(_ => 0.2 + rng.NextDouble()).ToArray();
            _arrivalRates = [.. weights.Select(w => Math.Min(0.5, perSecond * w / weights.Sum()))];
            foreach (var agent in agents)
            {
                agent.Until = rng.NextDouble() < 0.5 ? rng.Next(0, 60) : rng.Next(0, 1800);
            }
        }

        public List<AcdEvent> Run(int durationSeconds)
        {
            for (var t = 0; t < durationSeconds; t++)
            {
                foreach (var agent in _agents)
                {
                    StepAgent(agent, t);
                }
                Arrivals(t);
                LeaveQueues(t);
                Route(t);
                Stamp(t);
            }
            return _events;
        }

        private void StepAgent(SimAgent agent, int t)
        {
            switch (agent.Phase)
            {
                case Phase.LoggedOut when t >= agent.Until:
                    if (_rng.NextDouble() < 0.85)
                    {
                        State(agent, AgentState.Available);
                    }
                    else
                    {
                        NotReady(agent, t);
                    }
                    break;
                case Phase.NotReady when t >= agent.Until:
                    if (_rng.NextDouble() < 0.05)
                    {
                        LogOut(agent, t);
                    }
                    else
                    {
                        State(agent, AgentState.Available);
                    }
                    break;
                case Phase.Available:
                    var r = _rng.NextDouble();
                    if (r < 1.0 / 1500)
                    {
                        NotReady(agent, t);
                    }
                    else if (r < (1.0 / 1500) + (1.0 / 6000))
                    {
                        LogOut(agent, t);
                    }
                    break;
                case Phase.Ringing when t >= agent.Until:
                    Answer(agent, agent.Contact!, t);
                    break;
                case Phase.Talking when t >= agent.Until:
                    EndContact(agent, t);
                    break;
                case Phase.AfterEnd when t >= agent.Until:
                    if (agent.AcwNext)
                    {
                        Acw(agent, t);
                    }
                    else
                    {
                        NextState(agent, t);
                    }
                    break;
                case Phase.Acw when t >= agent.Until:
                    NextState(agent, t);
                    break;
            }
        }

        private void EndContact(SimAgent agent, int t)
        {
            var contact = agent.Contact!;
            agent.Contact = null;
            double? hold = _rng.NextDouble() < 0.2 ? _rng.Next(0, 30) : null;
            var r = _rng.NextDouble();
            if (!agent.ReportsContactStates)
            {
                Emit((id, at) => new ContactEnded(id, at, contact.Id, contact.Queue, agent.Id, hold));
                if (r < 0.85)
                {
                    agent.Phase = Phase.Available; // silently ready for the next contact
                }
                else
                {
                    NextState(agent, t);
                }
                return;
            }
            if (r < 0.05)
            {
                // Some switches report wrap-up just before the end of the call.
                Acw(agent, t);
                Emit((id, at) => new ContactEnded(id, at, contact.Id, contact.Queue, agent.Id, hold));
                return;
            }
            Emit((id, at) => new ContactEnded(id, at, contact.Id, contact.Queue, agent.Id, hold));
            if (r < _acwShare)
            {
                if (_rng.NextDouble() < 0.85)
                {
                    Acw(agent, t);
                }
                else
                {
                    agent.Phase = Phase.AfterEnd;
                    agent.AcwNext = true;
                    agent.Until = t + _rng.Next(1, 4);
                }
            }
            else if (_rng.NextDouble() < 0.7)
            {
                NextState(agent, t);
            }
            else
            {
                agent.Phase = Phase.AfterEnd;
                agent.AcwNext = false;
                agent.Until = t + _rng.Next(1, 6);
            }
        }

        private void Acw(SimAgent agent, int t)
        {
            State(agent, AgentState.Acw);
            agent.Phase = Phase.Acw;
            agent.Until = t + 1 + (int)Exponential(_meanAcw);
        }

        private void NextState(SimAgent agent, int t)
        {
            var r = _rng.NextDouble();
            if (r < 0.85)
            {
                State(agent, AgentState.Available);
            }
            else if (r < 0.95)
            {
                NotReady(agent, t);
            }
            else
            {
                LogOut(agent, t);
            }
        }

        private void NotReady(SimAgent agent, int t)
        {
            var reason = Pick(_rng, Reasons);
            Emit((id, at) => new AgentStateChanged(id, at, agent.Id, AgentState.NotReady, reason));
            agent.Phase = Phase.NotReady;
            agent.Until = t + _rng.Next(30, 900);
        }

        private void LogOut(SimAgent agent, int t)
        {
            State(agent, AgentState.LoggedOut);
            agent.Phase = Phase.LoggedOut;
            agent.Until = _rng.NextDouble() < 0.5 ? t + _rng.Next(300, 1800) : int.MaxValue;
        }

        private void State(SimAgent agent, AgentState state)
        {
            Emit((id, at) => new AgentStateChanged(id, at, agent.Id, state));
            agent.Phase = state switch
            {
                AgentState.Available => Phase.Available,
                AgentState.Acw => Phase.Acw,
                AgentState.LoggedOut => Phase.LoggedOut,
                _ => agent.Phase,
            };
        }

        private void Arrivals(int t)
        {
            for (var q = 0; q < _queues.Length; q++)
            {
                if (_rng.NextDouble() >= _arrivalRates[q])
                {
                    continue;
                }
                var queue = _queues[q];
                var patience = _rng.NextDouble() < 0.12 ? _rng.Next(0, 10) : 1 + (int)Exponential(_meanPatience);
                var contact = new SimContact($"c{++_nextContact}", queue, t, patience);
                if (_rng.NextDouble() < 0.1)
                {
                    contact.OverflowAt = t + _rng.Next(15, 120);
                    contact.OverflowTo = Pick(_rng, _queues.Where(x => x != queue).ToList());
                }
                Emit((id, at) => new ContactQueued(id, at, contact.Id, queue));
                _waiting.Add(contact);
            }
        }

        private void LeaveQueues(int t)
        {
            _waiting.RemoveAll(contact =>
            {
                var queue = contact.Queue;
                if (t - contact.QueuedAt >= contact.Patience && _rng.NextDouble() < 0.9)
                {
                    Emit((id, at) => new ContactAbandoned(id, at, contact.Id, queue));
                    return true;
                }
                if (contact.OverflowAt <= t && contact.OverflowTo is { } to)
                {
                    Emit((id, at) => new ContactTransferred(id, at, contact.Id, queue, to));
                    Emit((id, at) => new ContactQueued(id, at, contact.Id, to));
                    contact.Queue = to;
                    contact.QueuedAt = t;
                    contact.OverflowAt = null;
                    contact.OverflowTo = null;
                }
                return false;
            });
        }

        private void Route(int t)
        {
            var free = _agents.Where(a => a.Phase == Phase.Available).ToList();
            if (free.Count == 0 || _waiting.Count == 0)
            {
                return;
            }
            _waiting.RemoveAll(contact =>
            {
                var able = free.Where(a => a.Skills.Contains(contact.Queue)).ToList();
                if (able.Count == 0)
                {
                    return false;
                }
                var agent = able[_rng.Next(able.Count)];
                free.Remove(agent);
                agent.Contact = contact;
                if (agent.ReportsContactStates && _rng.NextDouble() < 0.7)
                {
                    State(agent, AgentState.Ringing);
                    agent.Phase = Phase.Ringing;
                    agent.Until = t + _rng.Next(0, 4);
                    if (agent.Until == t)
                    {
                        Answer(agent, contact, t);
                    }
                }
                else
                {
                    Answer(agent, contact, t);
                }
                return true;
            });
        }

        private void Answer(SimAgent agent, SimContact contact, int t)
        {
            var queue = contact.Queue;
            Emit((id, at) => new ContactAnswered(id, at, contact.Id, queue, agent.Id));
            if (agent.ReportsContactStates)
            {
                Emit((id, at) => new AgentStateChanged(id, at, agent.Id, AgentState.OnContact));
            }
            agent.Phase = Phase.Talking;
            agent.Until = t + 5 + (int)Exponential(_meanTalk);
        }

        private void Emit(Func<string, DateTimeOffset, AcdEvent> create) => _tick.Add(create);

        /// <summary>The events of second <paramref name="t"/> get distinct random millisecond offsets, in the order they happened.</summary>
        private void Stamp(int t)
        {
            if (_tick.Count == 0)
            {
                return;
            }
            var offsets = new SortedSet<int>();
            if (_rng.NextDouble() < (_intervalStarts.Contains(t) ? 0.7 : 0.05))
            {
                offsets.Add(0); // exactly on the second, often exactly where an interval starts
            }
            while (offsets.Count < _tick.Count)
            {
                offsets.Add(_rng.Next(1000));
            }
            var second = _start.AddSeconds(t);
            foreach (var (create, offset) in _tick.Zip(offsets))
            {
                _events.Add(create(string.Create(CultureInfo.InvariantCulture, $"e{++_nextEvent}"), second.AddMilliseconds(offset)));
            }
            _tick.Clear();
        }

        private double Exponential(double mean) => -mean * Math.Log(1 - _rng.NextDouble());
    }
}

using System.Globalization;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;

namespace CcWallboard.Benchmarks;

/// <summary>
/// A pre-generated ACD feed of the benchmark centre, made by a small discrete-event simulation: arrivals
/// (Poisson, the rate swelling and ebbing in waves) queue, the longest-idle agent serving the queue is rung (2–6 s) and answers, talks, does ACW,
/// sometimes goes not ready, then becomes available and takes the oldest contact waiting in its queues;
/// a contact nobody answers within its patience abandons. Every event object and string is created here,
/// up front, so the benchmarks measure only the engine.
/// </summary>
internal sealed class FloorTraffic
{
    /// <summary>The largest delay of an event on its way to the engine (the allowed lateness is 5 s).</summary>
    public static readonly TimeSpan MaxDeliveryDelay = TimeSpan.FromMilliseconds(500);

    private FloorTraffic(AcdEvent[] events, AcdEvent[] delivered, long[] deliveredAt)
    {
        Events = events;
        Delivered = delivered;
        DeliveredAt = deliveredAt;
    }

    /// <summary>Every event in time order (ties in the order the reorder buffer releases them).</summary>
    public AcdEvent[] Events { get; }

    /// <summary>
    /// The same events in the order a live feed delivers them: each instant's events delayed by 0–500 ms,
    /// so events of different contacts and agents interleave out of time order while each contact's and
    /// agent's own events stay in order (they are at least 1 s apart).
    /// </summary>
    public AcdEvent[] Delivered { get; }

    /// <summary>UTC ticks at which each of <see cref="Delivered"/> reaches the engine.</summary>
    public long[] DeliveredAt { get; }

    /// <summary>Index of the first event at or after <paramref name="at"/> in <paramref name="events"/> (time ordered).</summary>
    public static int IndexAt(AcdEvent[] events, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(events);
        int low = 0, high = events.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (events[middle].At < at)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    public static FloorTraffic Generate(CentreOptions centre, TrafficProfile profile, DateTimeOffset start, TimeSpan length, int seed)
    {
        ArgumentNullException.ThrowIfNull(centre);
        ArgumentNullException.ThrowIfNull(profile);
        var events = new Simulation(centre, profile, start, seed).Run(start + length);
        var (delivered, deliveredAt) = Deliver(events, new Random(seed + 1));
        return new FloorTraffic([.. events], delivered, deliveredAt);
    }

    private static (AcdEvent[] Delivered, long[] At) Deliver(List<AcdEvent> events, Random random)
    {
        var order = new (long At, int Index)[events.Count];
        var delay = 0L;
        for (var i = 0; i < events.Count; i++)
        {
            if (i == 0 || events[i].At != events[i - 1].At)
            {
                delay = (long)(random.NextDouble() * MaxDeliveryDelay.Ticks);
            }
            order[i] = (events[i].At.UtcTicks + delay, i);
        }
        Array.Sort(order);
        return ([.. order.Select(o => events[o.Index])], [.. order.Select(o => o.At)]);
    }

    private sealed class Contact(string id, int queue, long queuedAt)
    {
        public string Id { get; } = id;
        public int Queue { get; } = queue;
        public long QueuedAt { get; } = queuedAt;
        /// <summary>Rung to an agent or abandoned: no longer waiting.</summary>
        public bool Gone { get; set; }
    }

    private sealed class Agent(string id, int[] queues)
    {
        public string Id { get; } = id;
        public int[] Queues { get; } = queues;
        public Contact? Contact { get; set; }
    }

    private enum Step
    {
        Arrival,
        Abandon,
        Answer,
        EndTalk,
        EndAcw,
        EndNotReady,
    }

    private sealed class Simulation
    {
        private static readonly string[] NotReadyReasons = ["break", "lunch", "coaching", "training", "admin"];

        private readonly TrafficProfile _profile;
        private readonly Random _random;
        private readonly string[] _queueIds;
        private readonly Agent[] _agents;
        private readonly Queue<Contact>[] _waiting;
        /// <summary>Agents available and not rung, longest idle first.</summary>
        private readonly LinkedList<Agent> _idle = new();
        private readonly PriorityQueue<(Step Step, Contact? Contact, Agent? Agent), (long At, long Sequence)> _steps = new();
        private readonly List<AcdEvent> _events = [];
        private readonly long _start;
        private long _sequence;
        private long _nextEvent;
        private long _nextContact;

        public Simulation(CentreOptions centre, TrafficProfile profile, DateTimeOffset start, int seed)
        {
            _profile = profile;
            _random = new Random(seed);
            _start = start.UtcTicks;
            _queueIds = [.. centre.Queues.Select(q => q.Id)];
            var queueIndex = _queueIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
            _agents = [.. centre.Agents.Select(a => new Agent(a.Id, [.. a.Queues.Select(q => queueIndex[q])]))];
            _waiting = [.. _queueIds.Select(_ => new Queue<Contact>())];
        }

        public List<AcdEvent> Run(DateTimeOffset end)
        {
            // Everyone logs in at the start, a few milliseconds apart.
            for (var a = 0; a < _agents.Length; a++)
            {
                Schedule(_start + (a * TimeSpan.TicksPerMillisecond), Step.EndNotReady, null, _agents[a]);
            }
            Schedule(_start, Step.Arrival, null, null);
            var endTicks = end.UtcTicks;
            while (_steps.TryDequeue(out var step, out var key) && key.At < endTicks)
            {
                var at = key.At;
                switch (step.Step)
                {
                    case Step.Arrival:
                        Arrive(at);
                        break;
                    case Step.Abandon when !step.Contact!.Gone:
                        step.Contact.Gone = true;
                        Emit(new ContactAbandoned(NextEventId(), Time(at), step.Contact.Id, _queueIds[step.Contact.Queue]));
                        break;
                    case Step.Answer:
                        Answer(at, step.Agent!);
                        break;
                    case Step.EndTalk:
                        EndTalk(at, step.Agent!);
                        break;
                    case Step.EndAcw:
                        EndAcw(at, step.Agent!);
                        break;
                    case Step.EndNotReady:
                        BecomeAvailable(at, step.Agent!);
                        break;
                }
            }
            return _events;
        }

        private void Arrive(long at)
        {
            var queue = BenchmarkCentre.PickQueue(_random);
            var contact = new Contact("c" + (_nextContact++).ToString(CultureInfo.InvariantCulture), queue, at);
            Emit(new ContactQueued(NextEventId(), Time(at), contact.Id, _queueIds[queue]));
            var agent = LongestIdleServing(queue);
            if (agent is not null)
            {
                Ring(at, agent, contact);
            }
            else
            {
                _waiting[queue].Enqueue(contact);
                Schedule(at + Seconds(Math.Max(1, Exponential(_profile.MeanPatienceSeconds))), Step.Abandon, contact, null);
            }
            Schedule(NextArrival(at), Step.Arrival, null, null);
        }

        /// <summary>The next arrival of a Poisson process whose rate follows the waves (by thinning at the peak rate).</summary>
        private long NextArrival(long at)
        {
            var peak = _profile.ContactsPerHour * (1 + TrafficProfile.WaveAmplitude);
            while (true)
            {
                at += Seconds(Exponential(3600 / peak));
                var phase = 2 * Math.PI * (at - _start) / TrafficProfile.WavePeriod.Ticks;
                var rate = _profile.ContactsPerHour * (1 + (TrafficProfile.WaveAmplitude * Math.Sin(phase)));
                if (_random.NextDouble() * peak < rate)
                {
                    return at;
                }
            }
        }

        private Agent? LongestIdleServing(int queue)
        {
            for (var node = _idle.First; node is not null; node = node.Next)
            {
                if (Array.IndexOf(node.Value.Queues, queue) >= 0)
                {
                    _idle.Remove(node);
                    return node.Value;
                }
            }
            return null;
        }

        private void Ring(long at, Agent agent, Contact contact)
        {
            contact.Gone = true;
            agent.Contact = contact;
            Emit(new AgentStateChanged(NextEventId(), Time(at), agent.Id, AgentState.Ringing));
            var ring = TrafficProfile.MinRingSeconds + (_random.NextDouble() * (TrafficProfile.MaxRingSeconds - TrafficProfile.MinRingSeconds));
            Schedule(at + Seconds(ring), Step.Answer, contact, agent);
        }

        private void Answer(long at, Agent agent)
        {
            var contact = agent.Contact!;
            Emit(new ContactAnswered(NextEventId(), Time(at), contact.Id, _queueIds[contact.Queue], agent.Id));
            Emit(new AgentStateChanged(NextEventId(), Time(at), agent.Id, AgentState.OnContact));
            Schedule(at + Seconds(Math.Max(3, Exponential(_profile.MeanTalkSeconds))), Step.EndTalk, contact, agent);
        }

        private void EndTalk(long at, Agent agent)
        {
            var contact = agent.Contact!;
            Emit(new ContactEnded(NextEventId(), Time(at), contact.Id, _queueIds[contact.Queue], agent.Id));
            Emit(new AgentStateChanged(NextEventId(), Time(at), agent.Id, AgentState.Acw));
            agent.Contact = null;
            Schedule(at + Seconds(Math.Max(1, Exponential(_profile.MeanAcwSeconds))), Step.EndAcw, null, agent);
        }

        private void EndAcw(long at, Agent agent)
        {
            if (_random.NextDouble() < _profile.NotReadyChance)
            {
                var reason = NotReadyReasons[_random.Next(NotReadyReasons.Length)];
                Emit(new AgentStateChanged(NextEventId(), Time(at), agent.Id, AgentState.NotReady, reason));
                Schedule(at + Seconds(Math.Max(30, Exponential(_profile.MeanNotReadySeconds))), Step.EndNotReady, null, agent);
            }
            else
            {
                BecomeAvailable(at, agent);
            }
        }

        private void BecomeAvailable(long at, Agent agent)
        {
            Emit(new AgentStateChanged(NextEventId(), Time(at), agent.Id, AgentState.Available));
            var next = OldestWaitingFor(agent);
            if (next is not null)
            {
                Ring(at, agent, next);
            }
            else
            {
                _idle.AddLast(agent);
            }
        }

        private Contact? OldestWaitingFor(Agent agent)
        {
            Queue<Contact>? oldest = null;
            foreach (var q in agent.Queues)
            {
                var waiting = _waiting[q];
                while (waiting.TryPeek(out var head) && head.Gone)
                {
                    waiting.Dequeue();
                }
                if (waiting.TryPeek(out var first) && (oldest is null || first.QueuedAt < oldest.Peek().QueuedAt))
                {
                    oldest = waiting;
                }
            }
            return oldest?.Dequeue();
        }

        private void Schedule(long at, Step step, Contact? contact, Agent? agent) =>
            _steps.Enqueue((step, contact, agent), (at, _sequence++));

        private void Emit(AcdEvent e) => _events.Add(e);

        private string NextEventId() => "e" + (_nextEvent++).ToString(CultureInfo.InvariantCulture);

        private double Exponential(double mean) => -mean * Math.Log(1.0 - _random.NextDouble());

        private static long Seconds(double seconds) => (long)(seconds * TimeSpan.TicksPerSecond);

        private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);
    }
}

using System.Globalization;
using CcWallboard.Core.Events;

namespace CcWallboard.Core.Simulation;

/// <summary>
/// One run of the floor simulator: a discrete-event simulation of an ACD and its agents from one start instant.
/// An agenda of timed actions (arrivals, rings, talk and wrap-up ends, plan changes, patience running out) is
/// worked through in time order; each action happens at "now" and announces what it changed as events at now, so
/// the stream is time-ordered. Only what is due next is ever scheduled: the next arrival per queue, the current
/// contacts' next steps, and the agents' plans one local date ahead.
/// </summary>
internal sealed class FloorRun
{
    private readonly SimulationSetup _setup;
    private readonly long _from;
    private readonly string _eventIdPrefix;
    private readonly string _contactIdPrefix;
    private readonly PriorityQueue<Action, (long At, long Order)> _agenda = new();
    private readonly List<AcdEvent> _announced = [];
    private readonly SimulatedAgent[] _agents;
    private readonly SimulatedQueue[] _queues;
    private readonly (SimulatedQueue Queue, ArrivalProcess Arrivals)[] _arrivals;
    private readonly SimulationRandom _handling;
    private long _order;
    private long _eventCount;
    private long _contactCount;
    private long _now;

    public FloorRun(SimulationSetup setup, DateTimeOffset from)
    {
        _setup = setup;
        _from = CeilingToMillisecond(from);
        var fromText = _from.ToString(CultureInfo.InvariantCulture);
        _eventIdPrefix = $"sim-{fromText}-";
        _contactIdPrefix = $"c-{fromText}-";
        _agents = setup.Agents.Select(a => new SimulatedAgent(a.Id, a.Skills)).ToArray();
        _queues = setup.Queues.Select((q, i) => new SimulatedQueue(i, q.Id, q.Settings)).ToArray();
        var arrivals = new List<(SimulatedQueue, ArrivalProcess)>();
        foreach (var queue in _queues)
        {
            var random = SimulationRandom.Derive(setup.Seed, "arrivals", queue.Id, _from);
            var surges = setup.Queues[queue.Index].Surges;
            if (queue.Settings is { } settings && ArrivalProcess.For(settings, surges, setup.Calendar, random) is { } process)
            {
                arrivals.Add((queue, process));
            }
        }
        _arrivals = [.. arrivals];
        _handling = SimulationRandom.Derive(setup.Seed, "handling", "", _from);
    }

    private DateTimeOffset Now => DateTimeOffset.FromUnixTimeMilliseconds(_now);

    /// <summary>The events of the run, lazily, for as long as they are read.</summary>
    public IEnumerable<AcdEvent> Events()
    {
        _now = _from;
        Start();
        while (true)
        {
            foreach (var e in _announced)
            {
                yield return e;
            }
            _announced.Clear();
            if (!_agenda.TryDequeue(out var action, out var due))
            {
                yield break;
            }
            _now = due.At;
            action();
        }
    }

    private void Start()
    {
        var today = LocalDate(_now);
        foreach (var agent in _agents)
        {
            PlanDate(agent, today.AddDays(-1));
            PlanDate(agent, today);
            AnnounceStateAtStart(agent);
        }
        foreach (var (queue, arrivals) in _arrivals)
        {
            ScheduleNextArrival(queue, arrivals);
        }
        if (_arrivals.Length > 0 || _setup.Agents.Any(a => _setup.Schedule.HasShift(a.Id)))
        {
            ScheduleDatePlanning(today.AddDays(1));
        }
    }

    private void AnnounceStateAtStart(SimulatedAgent agent)
    {
        switch (agent.PlannedAt(_now))
        {
            case null:
                SetState(agent, AgentState.LoggedOut);
                break;
            case { IsOpen: true }:
                SetState(agent, AgentState.Available);
                agent.IdleSince = _now;
                break;
            case { } activity:
                SetState(agent, AgentState.NotReady, activity.Activity);
                break;
        }
    }

    // ---- Plans: shifts with the day's deviations, one local date ahead --------------------------------------

    private void ScheduleDatePlanning(DateOnly date)
    {
        var midnight = _setup.Calendar.ToInstant(date.ToDateTime(TimeOnly.MinValue)).ToUnixTimeMilliseconds();
        At(Math.Max(midnight, _now), () =>
        {
            foreach (var agent in _agents)
            {
                agent.ForgetPlanBefore(_now);
                PlanDate(agent, date);
            }
            ScheduleDatePlanning(date.AddDays(1));
        });
    }

    private void PlanDate(SimulatedAgent agent, DateOnly date)
    {
        var shift = _setup.Schedule.ForAgent(agent.Id, date);
        if (shift.Count == 0)
        {
            return;
        }
        var random = SimulationRandom.Derive(_setup.Seed, "deviation", agent.Id, date.DayNumber);
        var plan = ScheduleDeviations.Apply(shift, _setup.DeviationProbability, random);
        agent.AddToPlan(plan);
        foreach (var change in plan.SelectMany(p => new[] { p.Start, p.End }).Distinct().Where(t => t >= _now))
        {
            At(change, () => OnPlanChange(agent));
        }
    }

    private void OnPlanChange(SimulatedAgent agent)
    {
        if (agent.IsWorking)
        {
            return; // a realistic agent finishes the contact first; FollowPlan runs when the wrap-up ends.
        }
        if (agent.LateActivityEnd > _now && agent.PlannedAt(_now) is { IsOpen: true })
        {
            return; // still on the activity started late; it ends at LateActivityEnd.
        }
        agent.LateActivityEnd = null;
        FollowPlan(agent, afterContact: false);
    }

    private void OnLateActivityEnd(SimulatedAgent agent, long end)
    {
        if (agent.LateActivityEnd != end || agent.IsWorking)
        {
            return;
        }
        agent.LateActivityEnd = null;
        FollowPlan(agent, afterContact: false);
    }

    /// <summary>Puts an agent who is not working a contact into the state the plan gives now.</summary>
    private void FollowPlan(SimulatedAgent agent, bool afterContact)
    {
        switch (agent.PlannedAt(_now))
        {
            case null:
                SetState(agent, AgentState.LoggedOut);
                break;
            case { IsOpen: true }:
                BecomeAvailable(agent);
                break;
            case { } activity:
                if (afterContact && _now > activity.Start)
                {
                    // Late into a break because of a contact: the agent still takes all of it, up to the next activity.
                    var end = Math.Min(_now + activity.Length, agent.FirstNotOpenFrom(activity.End));
                    if (end > activity.End)
                    {
                        agent.LateActivityEnd = end;
                        At(end, () => OnLateActivityEnd(agent, end));
                    }
                }
                SetState(agent, AgentState.NotReady, activity.Activity);
                break;
        }
    }

    private void BecomeAvailable(SimulatedAgent agent)
    {
        if (!SetState(agent, AgentState.Available))
        {
            return;
        }
        agent.IdleSince = _now;
        if (LongestWaitingFor(agent) is { } contact)
        {
            contact.Queue.RemoveOldest();
            Offer(contact, agent);
        }
    }

    // ---- Contacts: arrival, routing, ring, talk, wrap-up, abandon -------------------------------------------

    private void ScheduleNextArrival(SimulatedQueue queue, ArrivalProcess arrivals) =>
        At(arrivals.NextFrom(_now), () =>
        {
            Arrive(queue);
            ScheduleNextArrival(queue, arrivals);
        });

    private void Arrive(SimulatedQueue queue)
    {
        var settings = queue.Settings!;
        var number = ++_contactCount;
        var contact = new SimulatedContact(_contactIdPrefix + number.ToString(CultureInfo.InvariantCulture), queue, _now, number);
        Announce(new ContactQueued(NextEventId(), Now, contact.Id, queue.Id));
        At(_now + ContactHandlingTimes.PatienceMs(settings, _handling), () => OnPatienceRunOut(contact));
        if (LongestIdleFor(queue) is { } agent)
        {
            Offer(contact, agent);
        }
        else
        {
            queue.Enqueue(contact);
        }
    }

    /// <summary>The available agent with the skill who has been idle longest (ties: configuration order).</summary>
    private SimulatedAgent? LongestIdleFor(SimulatedQueue queue)
    {
        SimulatedAgent? best = null;
        foreach (var agent in _agents)
        {
            if (agent.State == AgentState.Available && agent.HasSkill(queue.Index) && (best is null || agent.IdleSince < best.IdleSince))
            {
                best = agent;
            }
        }
        return best;
    }

    /// <summary>The contact that has waited longest among the queues the agent serves.</summary>
    private SimulatedContact? LongestWaitingFor(SimulatedAgent agent)
    {
        SimulatedContact? best = null;
        foreach (var queueIndex in agent.Skills)
        {
            if (_queues[queueIndex].OldestWaiting() is { } contact && (best is null || contact.ArrivalNumber < best.ArrivalNumber))
            {
                best = contact;
            }
        }
        return best;
    }

    private void Offer(SimulatedContact contact, SimulatedAgent agent)
    {
        contact.Status = ContactStatus.Ringing;
        contact.Agent = agent;
        agent.Contact = contact;
        SetState(agent, AgentState.Ringing);
        At(_now + ContactHandlingTimes.RingMs(_handling), () => Answer(contact));
    }

    private void Answer(SimulatedContact contact)
    {
        if (contact.Status != ContactStatus.Ringing)
        {
            return; // the customer hung up while it rang.
        }
        var agent = contact.Agent!;
        var settings = contact.Queue.Settings!;
        contact.Status = ContactStatus.Answered;
        Announce(new ContactAnswered(NextEventId(), Now, contact.Id, contact.Queue.Id, agent.Id));
        SetState(agent, AgentState.OnContact);
        var talk = ContactHandlingTimes.TalkMs(settings, _handling);
        contact.HoldSeconds = ContactHandlingTimes.HoldSeconds(talk, _handling);
        At(_now + talk, () => EndTalk(contact));
    }

    private void EndTalk(SimulatedContact contact)
    {
        var agent = contact.Agent!;
        contact.Status = ContactStatus.Ended;
        Announce(new ContactEnded(NextEventId(), Now, contact.Id, contact.Queue.Id, agent.Id, contact.HoldSeconds));
        var acw = ContactHandlingTimes.AcwMs(contact.Queue.Settings!, _handling);
        if (acw > 0)
        {
            SetState(agent, AgentState.Acw);
            At(_now + acw, () => FinishContact(agent));
        }
        else
        {
            FinishContact(agent);
        }
    }

    private void FinishContact(SimulatedAgent agent)
    {
        agent.Contact = null;
        FollowPlan(agent, afterContact: true);
    }

    private void OnPatienceRunOut(SimulatedContact contact)
    {
        if (contact.Status is not (ContactStatus.Waiting or ContactStatus.Ringing))
        {
            return;
        }
        var ringingAgent = contact.Status == ContactStatus.Ringing ? contact.Agent : null;
        contact.Status = ContactStatus.Abandoned;
        Announce(new ContactAbandoned(NextEventId(), Now, contact.Id, contact.Queue.Id));
        if (ringingAgent is not null)
        {
            FinishContact(ringingAgent);
        }
        else
        {
            contact.Queue.DropThoseWhoLeft();
        }
    }

    // ---- Announcing and scheduling ---------------------------------------------------------------------------

    /// <summary>Sets the agent's state and announces it when it changed (a not-ready state carries its reason).</summary>
    private bool SetState(SimulatedAgent agent, AgentState state, string? reason = null)
    {
        if (!agent.TrySetState(state, reason))
        {
            return false;
        }
        Announce(new AgentStateChanged(NextEventId(), Now, agent.Id, state, reason));
        return true;
    }

    private void Announce(AcdEvent e) => _announced.Add(e);

    private string NextEventId() => _eventIdPrefix + (++_eventCount).ToString(CultureInfo.InvariantCulture);

    private void At(long instant, Action action) => _agenda.Enqueue(action, (instant, _order++));

    private DateOnly LocalDate(long instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(instant), _setup.Calendar.TimeZone).DateTime);

    private static long CeilingToMillisecond(DateTimeOffset instant)
    {
        var ms = instant.ToUnixTimeMilliseconds();
        return instant.UtcTicks % TimeSpan.TicksPerMillisecond == 0 ? ms : ms + 1;
    }
}

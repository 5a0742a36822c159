using CcWallboard.Core.Events;

namespace CcWallboard.Core.Simulation;

/// <summary>One agent on the simulated floor: the state the ACD shows, the contact in hand, and the day's plan.</summary>
internal sealed class SimulatedAgent(string id, int[] skills)
{
    private readonly List<PlannedActivity> _plan = [];

    public string Id { get; } = id;

    /// <summary>The queue indexes the agent serves.</summary>
    public IReadOnlyList<int> Skills { get; } = skills;

    /// <summary>The state last announced; null before the first announcement.</summary>
    public AgentState? State { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>When the agent last became available: the longest idle agent gets the next contact.</summary>
    public long IdleSince { get; set; }

    /// <summary>The contact ringing, being handled or wrapped up; null when the agent is not working a contact.</summary>
    public SimulatedContact? Contact { get; set; }

    public bool IsWorking => Contact is not null;

    /// <summary>
    /// When a not-ready activity the agent started late (after finishing a contact) ends: the agent still takes its
    /// full length. Null when the agent simply follows the plan.
    /// </summary>
    public long? LateActivityEnd { get; set; }

    public bool HasSkill(int queueIndex) => Skills.Contains(queueIndex);

    /// <summary>Changes the state; false when the agent is already in it (nothing to announce).</summary>
    public bool TrySetState(AgentState state, string? reason)
    {
        if (State == state && string.Equals(Reason, reason, StringComparison.Ordinal))
        {
            return false;
        }
        State = state;
        Reason = reason;
        return true;
    }

    public void AddToPlan(IEnumerable<PlannedActivity> activities)
    {
        _plan.AddRange(activities);
        _plan.Sort((a, b) => a.Start.CompareTo(b.Start));
    }

    public void ForgetPlanBefore(long instant) => _plan.RemoveAll(p => p.End <= instant);

    /// <summary>What the plan says at <paramref name="instant"/>; null when the agent is off.</summary>
    public PlannedActivity? PlannedAt(long instant)
    {
        foreach (var activity in _plan)
        {
            if (activity.Contains(instant))
            {
                return activity;
            }
        }
        return null;
    }

    /// <summary>The first instant from <paramref name="instant"/> on where the plan is not open (an activity or off).</summary>
    public long FirstNotOpenFrom(long instant)
    {
        while (PlannedAt(instant) is { IsOpen: true } open)
        {
            instant = open.End;
        }
        return instant;
    }
}

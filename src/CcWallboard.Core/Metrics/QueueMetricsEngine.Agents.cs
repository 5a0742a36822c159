using CcWallboard.Core.Events;

namespace CcWallboard.Core.Metrics;

/// <summary>The read side of agents' current states (for alerts such as "in ACW longer than X").</summary>
public sealed partial class QueueMetricsEngine
{
    /// <summary>
    /// Every agent the engine knows (configured, or seen in the feed), ordered by id (ordinal): the state of the agent's
    /// last state event applied and since when. An agent never seen is logged out with no <see cref="AgentStateNow.Since"/>.
    /// </summary>
    public IReadOnlyList<AgentStateNow> AgentStates =>
        [.. _agents.Values.OrderBy(a => a.Id, StringComparer.Ordinal).Select(StateOf)];

    /// <summary>One agent's current state; null for an agent the engine does not know.</summary>
    public AgentStateNow? AgentStateOf(string agentId) => _agents.TryGetValue(agentId, out var agent) ? StateOf(agent) : null;

    private static AgentStateNow StateOf(AgentStatus agent) => new(
        agent.Id,
        agent.State,
        agent.Reason == AgentTally.NoReason ? null : agent.Reason,
        agent.Since == 0 && agent.History.Count == 0 ? null : new DateTimeOffset(agent.Since, TimeSpan.Zero));
}

/// <summary>An agent's state now: the state, its not-ready reason (null when none was given) and when it began (UTC).</summary>
public sealed record AgentStateNow(string AgentId, AgentState State, string? Reason, DateTimeOffset? Since);

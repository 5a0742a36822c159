using CcWallboard.Core.Metrics;

namespace CcWallboard.Core.Adherence;

/// <summary>The read side: agents, teams, the centre, alerts and an agent's timeline, as of the engine's clock.</summary>
public sealed partial class AdherenceEngine
{
    /// <summary>Every agent the engine knows (configured, scheduled or seen in the feed), configured ones first.</summary>
    public IReadOnlyList<AgentAdherence> Agents => [.. _agents.Select(ViewOf)];

    /// <summary>One agent's adherence; null for an agent the engine does not know.</summary>
    public AgentAdherence? AgentOf(string agentId) => _agentIndex.TryGetValue(agentId, out var agent) ? ViewOf(agent) : null;

    /// <summary>The current RTA alerts, longest out first.</summary>
    public IReadOnlyList<AdherenceAlert> Alerts => AlertsOf(_agents);

    /// <summary>Every configured team's roll-up (and those of teams named only by agents), in configuration order.</summary>
    public IReadOnlyList<TeamAdherence> Teams
    {
        get
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var team in _options.Teams)
            {
                names.TryAdd(team.Id, string.IsNullOrWhiteSpace(team.Name) ? team.Id : team.Name);
            }
            foreach (var agent in _agents)
            {
                if (agent.TeamId is { } teamId)
                {
                    names.TryAdd(teamId, teamId);
                }
            }
            return [.. names.Select(t => Rollup(t.Key, t.Value, _agents.Where(a => a.TeamId == t.Key)))];
        }
    }

    /// <summary>One team's roll-up, or the centre's for <see cref="CentreId"/>; null for an unknown team.</summary>
    public TeamAdherence? TeamOf(string teamId) =>
        teamId == CentreId ? Centre : Teams.FirstOrDefault(t => t.TeamId == teamId);

    /// <summary>The whole centre: every agent's seconds summed.</summary>
    public TeamAdherence Centre => Rollup(CentreId, _options.Centre.Name, _agents);

    /// <summary>
    /// The agent's day as a picture: today's scheduled activities (the whole day), the actual states and the adherence
    /// status from the counting start up to now, and the agent's approved exceptions. Null for an unknown agent.
    /// </summary>
    public AdherenceTimeline? Timeline(string agentId)
    {
        if (!_agentIndex.TryGetValue(agentId, out var agent))
        {
            return null;
        }
        var dayStart = _day.Start.UtcTicks;
        var dayEnd = _day.End.UtcTicks;
        var scheduled = agent.Schedule
            .Where(s => !s.Rule.IsOff && s.Start < dayEnd && s.End > dayStart)
            .Select(s => new ScheduledSegment(s.Rule.Name, Local(Math.Max(s.Start, dayStart)), Local(Math.Min(s.End, dayEnd))))
            .ToList();
        var actual = new List<StateSegment>(agent.History.Count);
        for (var i = 0; i < agent.History.Count; i++)
        {
            var change = agent.History[i];
            var until = i + 1 < agent.History.Count ? agent.History[i + 1].At : _now;
            if (until > change.At)
            {
                actual.Add(new StateSegment(change.State, change.Reason, Local(change.At), Local(until)));
            }
        }
        var adherence = new List<AdherenceSegment>();
        Replay(agent, adherence);
        var approvals = _approvals.Where(e => e.AgentId == agentId).ToList();
        return new AdherenceTimeline(agentId, Local(dayStart), Local(dayEnd), Local(_now), scheduled, actual, adherence, approvals);
    }

    private AgentAdherence ViewOf(AgentTrack agent)
    {
        var p = PositionNow(agent);
        var cursor = p.Cursor;
        var rule = RuleAt(agent, ref cursor, _now, out var until);
        var totals = p.Totals;
        var outSince = p.OutSinceNow;
        var isOut = outSince != NotOut;
        return new AgentAdherence(
            agent.Id,
            agent.Name,
            agent.TeamId,
            rule.Name,
            until == long.MaxValue ? null : Local(until),
            agent.State,
            agent.Reason,
            agent.StateSince == long.MinValue ? null : Local(agent.StateSince),
            p.Current,
            isOut ? Local(outSince) : null,
            isOut ? Seconds(_now - outSince) : 0,
            Seconds(totals.Scheduled),
            Seconds(totals.In),
            Seconds(totals.Out),
            Seconds(totals.NotCalculated),
            AdherencePercent(totals),
            Seconds(totals.Worked),
            Seconds(totals.ScheduledToWork),
            Seconds(totals.WorkedOutside),
            ConformancePercent(totals),
            agent.Published?.Severity);
    }

    /// <summary>
    /// The agent's position at the clock. The clock visits an agent only when something can change for it (see
    /// <c>MoveTo</c>), so its position may lag; walking the rest silently counts exactly what the ticks would have.
    /// </summary>
    private Position PositionNow(AgentTrack agent)
    {
        var p = agent.Position;
        if (p.At < _now)
        {
            Walk(agent, ref p, agent.State, agent.Reason, _now, null, null);
            Settle(agent, ref p, agent.State, agent.Reason, null);
        }
        return p;
    }

    private TeamAdherence Rollup(string id, string name, IEnumerable<AgentTrack> agents)
    {
        var totals = default(Totals);
        var count = 0;
        var outNow = 0;
        var members = new List<AgentTrack>();
        foreach (var agent in agents)
        {
            var p = PositionNow(agent);
            var t = p.Totals;
            totals.Scheduled += t.Scheduled;
            totals.ScheduledToWork += t.ScheduledToWork;
            totals.In += t.In;
            totals.Out += t.Out;
            totals.NotCalculated += t.NotCalculated;
            totals.Worked += t.Worked;
            totals.WorkedOutside += t.WorkedOutside;
            count++;
            if (p.Current == AdherenceStatus.Out)
            {
                outNow++;
            }
            members.Add(agent);
        }
        return new TeamAdherence(
            id,
            name,
            count,
            Seconds(totals.Scheduled),
            Seconds(totals.In),
            Seconds(totals.Out),
            Seconds(totals.NotCalculated),
            AdherencePercent(totals),
            Seconds(totals.Worked),
            Seconds(totals.ScheduledToWork),
            ConformancePercent(totals),
            outNow,
            AlertsOf(members));
    }

    private List<AdherenceAlert> AlertsOf(IEnumerable<AgentTrack> agents) =>
        [.. agents.Where(a => a.Published is not null)
            .OrderBy(a => a.Published!.Value.OutSince)
            .Select(a => AlertOf(a, a.Published!.Value))];

    /// <summary>Adherence %: time in adherence over the time counted (in + out; not-calculated time is neither).</summary>
    private static double? AdherencePercent(in Totals t) => ServiceLevel.PercentOf(t.In, t.In + t.Out);

    /// <summary>Conformance %: time worked (logged in) over time scheduled to work.</summary>
    private static double? ConformancePercent(in Totals t) => ServiceLevel.PercentOf(t.Worked, t.ScheduledToWork);
}

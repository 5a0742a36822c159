using CcWallboard.Core.Events;

namespace CcWallboard.Core.Adherence;

/// <summary>
/// Counting: an agent's time is walked in pieces over which nothing changes — the scheduled activity, the approved
/// periods and the actual state are constant — each piece classified by <see cref="AdherenceRules"/> and added to
/// the totals. Live counting (clock advances and events) and a re-count of the day from the recorded states walk the
/// same way, so they agree.
/// </summary>
public sealed partial class AdherenceEngine
{
    /// <summary>
    /// Counts the agent in <paramref name="state"/> from <c>p.At</c> to <paramref name="to"/>. With
    /// <paramref name="changes"/>, alert changes are published as they happen; without, the walk is silent (a re-count).
    /// </summary>
    private void Walk(AgentTrack agent, ref Position p, AgentState state, string? reason, long to, List<AlertChange>? changes, List<AdherenceSegment>? segments)
    {
        var t = p.At;
        while (t < to)
        {
            var rule = RuleAt(agent, ref p.Cursor, t, out var until);
            var end = Math.Min(to, until);
            var approved = IsApproved(agent, t, ref end);
            var status = _rules.Classify(rule, state, reason, approved);
            Enter(ref p, status, t);
            if (changes is not null)
            {
                Publish(agent, p, false, t, changes);
            }
            Count(ref p.Totals, rule, state, status, end - t);
            if (status == AdherenceStatus.Out)
            {
                CheckAlert(agent, ref p, rule, t, end, changes);
            }
            if (segments is not null)
            {
                AddSegment(segments, status, t, end);
            }
            t = end;
        }
        if (to > p.At)
        {
            p.At = to;
        }
    }

    /// <summary>
    /// The status from <c>p.At</c> on, for the agent now in <paramref name="state"/> (after a state change or a clock
    /// advance). It is not counted until time passes: a status that lasts no time (two changes at one instant, or a
    /// clock tick exactly on a schedule boundary before that instant's change) does not break a stretch out of
    /// adherence. An alert is cleared as soon as the agent is no longer out.
    /// </summary>
    private void Settle(AgentTrack agent, ref Position p, AgentState state, string? reason, List<AlertChange>? changes)
    {
        var rule = RuleAt(agent, ref p.Cursor, p.At, out _);
        var end = long.MaxValue;
        var approved = IsApproved(agent, p.At, ref end);
        p.Current = _rules.Classify(rule, state, reason, approved);
        if (changes is not null)
        {
            Publish(agent, p, true, p.At, changes);
        }
    }

    /// <summary>Time from <paramref name="at"/> counts with <paramref name="status"/>: a change of status ends or starts a stretch out of adherence.</summary>
    private static void Enter(ref Position p, AdherenceStatus status, long at)
    {
        if (status == p.Status)
        {
            return;
        }
        p.Status = status;
        p.OutSince = status == AdherenceStatus.Out ? at : NotOut;
        p.Level = null;
        p.AlertActivity = null;
    }

    private static void Count(ref Totals totals, ActivityRule rule, AgentState state, AdherenceStatus status, long ticks)
    {
        if (!rule.IsOff)
        {
            totals.Scheduled += ticks;
            if (rule.IsWork)
            {
                totals.ScheduledToWork += ticks;
            }
        }
        if (state != AgentState.LoggedOut)
        {
            totals.Worked += ticks;
            if (rule.IsOff)
            {
                totals.WorkedOutside += ticks;
            }
        }
        switch (status)
        {
            case AdherenceStatus.In:
                totals.In += ticks;
                break;
            case AdherenceStatus.Out:
                totals.Out += ticks;
                break;
            case AdherenceStatus.NotCalculated:
                totals.NotCalculated += ticks;
                break;
        }
    }

    /// <summary>
    /// Out over [<paramref name="from"/>, <paramref name="to"/>) under <paramref name="rule"/>: the alert is raised once the
    /// stretch has lasted longer than the activity's alert threshold, and escalated once longer than its severe one. The
    /// change is dated when the threshold passed, so it does not depend on how often the clock ticks.
    /// </summary>
    private void CheckAlert(AgentTrack agent, ref Position p, ActivityRule rule, long from, long to, List<AlertChange>? changes)
    {
        var raisedAt = long.MinValue;
        if (p.Level is null)
        {
            var due = p.OutSince + rule.AlertAfterTicks;
            if (due >= to)
            {
                return;
            }
            raisedAt = Math.Max(from, due);
            p.Level = AlertSeverity.Warning;
            p.AlertActivity = rule.Name;
            if (changes is not null)
            {
                Publish(agent, p, false, raisedAt, changes);
            }
        }
        if (p.Level == AlertSeverity.Warning)
        {
            var due = p.OutSince + rule.SevereAfterTicks;
            if (due >= to)
            {
                return;
            }
            p.Level = AlertSeverity.Severe;
            if (changes is not null)
            {
                Publish(agent, p, false, Math.Max(Math.Max(from, due), raisedAt), changes);
            }
        }
    }

    /// <summary>
    /// Tells the feed how the agent's alert differs from what it was last told, as of <paramref name="at"/>: the alert is
    /// the stretch's while the agent is out (with <paramref name="now"/>, out from <c>p.At</c> on as well).
    /// </summary>
    private void Publish(AgentTrack agent, in Position p, bool now, long at, List<AlertChange>? changes)
    {
        PublishedAlert? alert = p.Status == AdherenceStatus.Out && p.Level is { } level && (!now || p.Current == AdherenceStatus.Out)
            ? new PublishedAlert(p.OutSince, level, p.AlertActivity ?? AdherenceRules.Off)
            : null;
        var before = agent.Published;
        agent.Published = alert;
        if (changes is null || alert == before)
        {
            return;
        }
        var sameStretch = before is { } b && alert is { } a && a.OutSince == b.OutSince && a.Severity >= b.Severity;
        if (before is { } cleared && !sameStretch)
        {
            changes.Add(new AlertChange(AlertChangeKind.Cleared, Local(at), AlertOf(agent, cleared)));
        }
        if (alert is { } raised)
        {
            if (!sameStretch)
            {
                changes.Add(new AlertChange(AlertChangeKind.Raised, Local(at), AlertOf(agent, raised)));
            }
            else if (raised.Severity != before!.Value.Severity)
            {
                changes.Add(new AlertChange(AlertChangeKind.Escalated, Local(at), AlertOf(agent, raised)));
            }
        }
    }

    /// <summary>
    /// Re-counts the agent's day from the counting start through the recorded states up to now, and reports how the
    /// alert changed (dated now: the re-count is news now).
    /// </summary>
    private void Recount(AgentTrack agent, List<AlertChange>? changes)
    {
        agent.Position = Replay(agent, null);
        Publish(agent, agent.Position, true, _now, changes);
        Reschedule(agent);
    }

    /// <summary>The agent's position now, counted afresh (silently) from today's start position and recorded states.</summary>
    private Position Replay(AgentTrack agent, List<AdherenceSegment>? segments)
    {
        var p = agent.DayStart;
        p.Cursor = 0;
        var history = agent.History;
        for (var i = 0; i < history.Count; i++)
        {
            var change = history[i];
            Settle(agent, ref p, change.State, change.Reason, null);
            var until = i + 1 < history.Count ? history[i + 1].At : _now;
            Walk(agent, ref p, change.State, change.Reason, until, null, segments);
        }
        Settle(agent, ref p, agent.State, agent.Reason, null);
        return p;
    }

    /// <summary>The rule of the activity scheduled at <paramref name="t"/> (off in a gap) and until when it holds.</summary>
    private ActivityRule RuleAt(AgentTrack agent, ref int cursor, long t, out long until)
    {
        var spans = agent.Schedule;
        while (cursor < spans.Length && spans[cursor].End <= t)
        {
            cursor++;
        }
        if (cursor == spans.Length)
        {
            until = long.MaxValue;
            return _rules.OffRule;
        }
        var span = spans[cursor];
        if (span.Start > t)
        {
            until = span.Start;
            return _rules.OffRule;
        }
        until = span.End;
        return span.Rule;
    }

    /// <summary>True when an approved period covers <paramref name="t"/>; <paramref name="end"/> is cut at the next approval boundary.</summary>
    private static bool IsApproved(AgentTrack agent, long t, ref long end)
    {
        var approved = false;
        foreach (var period in agent.Approved)
        {
            if (period.Start > t)
            {
                end = Math.Min(end, period.Start);
            }
            else if (t < period.End)
            {
                approved = true;
                end = Math.Min(end, period.End);
            }
        }
        return approved;
    }

    /// <summary>Adds a piece to the timeline's adherence band, joining it to the piece before when the status is the same.</summary>
    private void AddSegment(List<AdherenceSegment> segments, AdherenceStatus status, long from, long to)
    {
        if (segments.Count > 0 && segments[^1] is var last && last.Status == status && last.End.UtcTicks == from)
        {
            segments[^1] = last with { End = Local(to) };
            return;
        }
        segments.Add(new AdherenceSegment(status, Local(from), Local(to)));
    }

    private AdherenceAlert AlertOf(AgentTrack agent, PublishedAlert alert) =>
        new(agent.Id, agent.Name, agent.TeamId, alert.Activity, Local(alert.OutSince), alert.Severity);
}

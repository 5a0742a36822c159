using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;

namespace CcWallboard.Core.Metrics;

/// <summary>The read side of the engine: figures of queues, groups, boards and the centre in every window.</summary>
public sealed partial class QueueMetricsEngine
{
    /// <summary>The ids of every queue, group and the centre (<see cref="CentreId"/>), as <see cref="ViewOf"/> takes them.</summary>
    public IEnumerable<(string Id, string Kind)> Aggregates =>
        _aggregates.Where(a => a.Kind != AggregateKinds.Board).Select(a => (a.Id, a.Kind));

    public bool IsAggregate(string id) => _aggregateIndex.TryGetValue(id, out var index) && _aggregates[index].Kind != AggregateKinds.Board;

    /// <summary>The live view of one board's queues and their totals; longest waits are measured to <paramref name="now"/>.</summary>
    public BoardSnapshot SnapshotOf(BoardSettings board, string title, long sequence, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(board);
        var tiles = new List<QueueSnapshot>(board.Queues.Count);
        foreach (var id in board.Queues)
        {
            if (_queueIndex.TryGetValue(id, out var queue))
            {
                tiles.Add(View(queue, now));
            }
        }
        var totals = _aggregateIndex.TryGetValue(BoardKey(board.Name), out var index)
            ? View(index, now) with { Id = "*", Name = title }
            : View(_centre, now) with { Id = "*", Name = title };
        return new BoardSnapshot(board.Name, title, sequence, now, Now, _calendar.TimeZone.Id, _day.Date,
            (int)_interval.TotalMinutes, tiles, totals);
    }

    /// <summary>The live figures of a queue, a queue group or the centre (<see cref="CentreId"/>); null when there is none by that id.</summary>
    public QueueSnapshot? ViewOf(string id, DateTimeOffset now) => IsAggregate(id) ? View(_aggregateIndex[id], now) : null;

    /// <summary>
    /// Every interval of today up to the current one, with all figures, for a queue, group or the centre. Given
    /// <paramref name="now"/>, the current interval's projected service level counts the contacts waiting past
    /// their threshold then (as the live view does); closed intervals have no one waiting.
    /// </summary>
    public IReadOnlyList<QueueFigures>? IntervalsOf(string id, DateTimeOffset? now = null)
    {
        if (!IsAggregate(id))
        {
            return null;
        }
        var aggregate = _aggregates[_aggregateIndex[id]];
        var current = CurrentInterval();
        var pastThreshold = now is { } at ? WaitingIn(aggregate.Queues, Math.Max(at.UtcTicks, _now)).PastThreshold : 0;
        var result = new List<QueueFigures>(current + 1);
        for (var i = 0; i <= current; i++)
        {
            result.Add(IntervalFigures(aggregate, i, i == current ? pastThreshold : 0));
        }
        return result;
    }

    private int CurrentInterval()
    {
        var at = Math.Clamp(_now, _day.Start.UtcTicks, _day.End.UtcTicks - 1);
        return (int)((at - _day.Start.UtcTicks) / _interval.Ticks);
    }

    private QueueSnapshot View(int index, DateTimeOffset now)
    {
        var aggregate = _aggregates[index];
        var queues = aggregate.Queues;
        var (waiting, oldest, pastThreshold) = WaitingIn(queues, Math.Max(now.UtcTicks, _now));
        var currentInterval = CurrentInterval();

        var todayStart = Local(_day.Start);
        var today = Figures("today", todayStart, Local(Now), queues, SumToday, pastThreshold,
            aggregate.Tally.TodayOccupancy(_now, _day));
        var interval = IntervalFigures(aggregate, currentInterval, pastThreshold);
        var sliding = new List<QueueFigures>(_sliding.WindowCount);
        for (var w = 0; w < _sliding.WindowCount; w++)
        {
            var window = w;
            sliding.Add(Figures(_windowNames[w], Local(Now - _sliding.LengthOf(w)), Local(Now), queues,
                q => _sliding.Sum(window, q), pastThreshold, aggregate.Tally.WindowOccupancy(w, _now)));
        }

        var trend = new List<IntervalPoint>(currentInterval + 1);
        for (var i = 0; i <= currentInterval; i++)
        {
            var slot = i;
            var figures = Figures("interval", IntervalStart(i), IntervalStart(i + 1), queues, q => _queues[q].Intervals[slot], 0, null);
            trend.Add(new IntervalPoint(figures.WindowStart, figures.ServiceLevelPercent, figures.Offered));
        }

        var single = queues.Length == 1 ? _queues[queues[0]].Settings : null;
        return new QueueSnapshot(
            aggregate.Id,
            aggregate.Name,
            aggregate.Kind,
            [.. queues.Select(q => _queues[q].Settings.Id)],
            single?.ServiceLevelSeconds ?? (queues.Length == 0 ? 0 : queues.Max(q => _queues[q].Settings.ServiceLevelSeconds)),
            single?.ServiceLevelTargetPercent ?? (queues.Length == 0 ? 0 : queues.Max(q => _queues[q].Settings.ServiceLevelTargetPercent)),
            waiting,
            oldest is { } since ? Math.Max(0, Seconds(Math.Max(now.UtcTicks, _now) - since)) : null,
            pastThreshold,
            today,
            interval,
            sliding,
            AgentCounts(aggregate.Tally),
            trend);
    }

    private OutcomeCounters SumToday(int queue) => _queues[queue].Today;

    private QueueFigures IntervalFigures(Aggregate aggregate, int index, int pastThreshold) =>
        Figures("interval", IntervalStart(index), IntervalStart(index + 1), aggregate.Queues, q => _queues[q].Intervals[index],
            pastThreshold, aggregate.Tally.IntervalOccupancy(index, _now, _day, _interval));

    private DateTimeOffset IntervalStart(int index) =>
        index * _interval >= _day.Length ? Local(_day.End) : _day.IntervalStart(index, _interval, _calendar.TimeZone);

    private DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _calendar.TimeZone);

    /// <summary>Contacts waiting in <paramref name="queues"/>: how many, the oldest entry, and how many are already past their queue's threshold.</summary>
    private (int Waiting, long? Oldest, int PastThreshold) WaitingIn(int[] queues, long now)
    {
        var waiting = 0;
        foreach (var q in queues)
        {
            waiting += _queues[q].Waiting;
        }
        if (waiting == 0)
        {
            return (0, null, 0);
        }
        long? oldest = null;
        var past = 0;
        foreach (var ((queue, _), queuedAt) in _waiting)
        {
            if (Array.IndexOf(queues, queue) < 0)
            {
                continue;
            }
            if (oldest is null || queuedAt < oldest)
            {
                oldest = queuedAt;
            }
            if (_queues[queue].Settings.CountWaitingPastThreshold && Seconds(now - queuedAt) > _queues[queue].Settings.ServiceLevelSeconds)
            {
                past++;
            }
        }
        return (waiting, oldest, past);
    }

    /// <summary>
    /// Figures over several queues: counts add up; each queue's service level keeps its own threshold and
    /// formula (the terms add up, not the percentages).
    /// </summary>
    private QueueFigures Figures(string window, DateTimeOffset start, DateTimeOffset end, int[] queues,
        Func<int, OutcomeCounters> counters, int waitingPastThreshold, double? occupancy)
    {
        var sum = default(OutcomeCounters);
        double met = 0, counted = 0;
        var projected = false;
        foreach (var queue in queues)
        {
            var c = counters(queue);
            sum.Add(c);
            var (m, n) = ServiceLevel.Terms(c, _queues[queue].Settings.ServiceLevelFormula);
            met += m;
            counted += n;
            projected |= _queues[queue].Settings.CountWaitingPastThreshold;
        }
        return new QueueFigures(window, start, end, sum.Offered, sum.Answered, sum.Abandoned, sum.ShortAbandoned,
            sum.AnsweredWithinThreshold, sum.AbandonedWithinThreshold, sum.TransferredOut, sum.Handled,
            ServiceLevel.PercentOf(met, counted),
            projected ? ServiceLevel.PercentOf(met, counted + waitingPastThreshold) : null,
            ServiceLevel.AbandonmentRatePercent(sum), ServiceLevel.AsaSeconds(sum), ServiceLevel.AhtSeconds(sum),
            occupancy);
    }

    private static AgentStateCounts AgentCounts(AgentTally tally) => new(
        tally.LoggedIn,
        tally.CountOf(AgentState.Available),
        tally.CountOf(AgentState.Ringing),
        tally.CountOf(AgentState.OnContact),
        tally.CountOf(AgentState.Acw),
        tally.CountOf(AgentState.NotReady),
        new SortedDictionary<string, int>(tally.NotReadyByReason.Where(r => r.Value > 0).ToDictionary(), StringComparer.Ordinal));
}

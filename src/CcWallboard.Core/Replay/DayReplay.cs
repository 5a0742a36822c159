using CcWallboard.Core.Adherence;
using CcWallboard.Core.Alerts;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Simulation;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Replay;

/// <summary>
/// Replays a recorded day (JSON Lines of normalized events, in the file's own order) through the same
/// <see cref="CentreMetrics"/> the host runs, on virtual time: the clock is the newest event time read so far,
/// so the reorder buffer and the allowed lateness behave as they would live (shared/domain/REPLAY.md).
/// The replayed day is the centre day of the first valid event; events of other days are counted apart.
/// Given a schedule, the agent states the metric engine applies go, in the same order, to an
/// <see cref="AdherenceEngine"/> too, which counts to the later of the last event and the end of the day's schedule.
/// Given an <see cref="AlertEngine"/>, the virtual clock also ticks every whole second from the start of the day to the
/// last event (each tick before the event that moves the clock past it is read), and the alerts are evaluated at each
/// tick and once more at the end with everything applied: the same file gives the same alert history however its
/// events are spaced.
/// </summary>
public sealed class DayReplay
{
    private static readonly DateTimeOffset NoFutureLimit = DateTimeOffset.MaxValue.AddYears(-1);

    private readonly CentreOptions _options;
    private readonly CentreCalendar _calendar;
    private readonly HashSet<string> _queueIds;
    private readonly List<RejectedLine> _rejected = [];
    private readonly IReadOnlyDictionary<string, IReadOnlyList<ScheduledActivity>>? _schedule;
    private readonly AlertEngine? _alerts;
    private DateTimeOffset _alertsEvaluatedTo = DateTimeOffset.MinValue;
    private CentreMetrics? _metrics;
    private AdherenceEngine? _adherence;
    private CentreDay _day;
    private DateTimeOffset _clock = DateTimeOffset.MinValue;

    public DayReplay(CentreOptions options)
        : this(options, null)
    {
    }

    /// <param name="options">The centre.</param>
    /// <param name="schedule">Agent id → scheduled activities (SCHEDULE.csv); null for the queue figures only.</param>
    public DayReplay(CentreOptions options, IReadOnlyDictionary<string, IReadOnlyList<ScheduledActivity>>? schedule)
        : this(options, schedule, null)
    {
    }

    /// <param name="options">The centre.</param>
    /// <param name="schedule">Agent id → scheduled activities (SCHEDULE.csv); null for the queue figures only.</param>
    /// <param name="alerts">Evaluated every second of the replayed day (its <see cref="AlertEngine.History"/> is the day's alerts); null for none.</param>
    public DayReplay(CentreOptions options, IReadOnlyDictionary<string, IReadOnlyList<ScheduledActivity>>? schedule, AlertEngine? alerts)
    {
        _schedule = schedule;
        _alerts = alerts;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _calendar = CentreCalendar.For(options.Centre);
        _queueIds = new HashSet<string>(options.Queues.Select(q => q.Id), StringComparer.Ordinal);
    }

    public IReadOnlyList<RejectedLine> Rejected => _rejected;

    /// <summary>Valid events whose time lies outside the replayed day (they belong to another day's figures).</summary>
    public long OutsideDay { get; private set; }

    public long Read { get; private set; }

    public CentreMetrics? Metrics => _metrics;

    /// <summary>The adherence engine, when a schedule was given and a valid event was read.</summary>
    public AdherenceEngine? Adherence => _adherence;

    /// <summary>The alert engine given, if any.</summary>
    public AlertEngine? Alerts => _alerts;

    /// <summary>The replayed day, once a valid event was read.</summary>
    public CentreDay? Day => _metrics is null ? null : _day;

    /// <summary>Reads one line of the file; returns the rejection when the line is not a valid event (blank lines are skipped).</summary>
    public RejectedLine? ReadLine(string line, long lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }
        var parsed = AcdEventJson.ParseLine(line, NoFutureLimit, TimeSpan.Zero);
        var errors = parsed.Errors.ToList();
        if (parsed.Event is ContactEvent contact)
        {
            if (!_queueIds.Contains(contact.QueueId))
            {
                errors.Add(new FieldError("queueId", $"queue '{contact.QueueId}' is not configured"));
            }
            if (contact is ContactTransferred transferred && !_queueIds.Contains(transferred.ToQueueId))
            {
                errors.Add(new FieldError("toQueueId", $"queue '{transferred.ToQueueId}' is not configured"));
            }
        }
        if (parsed.Event is not { } e || errors.Count > 0)
        {
            var rejected = new RejectedLine(lineNumber, errors);
            _rejected.Add(rejected);
            return rejected;
        }
        Offer(e);
        return null;
    }

    private void Offer(AcdEvent e)
    {
        Read++;
        if (_metrics is null)
        {
            _day = _calendar.DayOf(e.At);
            if (_schedule is not null)
            {
                var adherence = new AdherenceEngine(_options, _calendar, _schedule, _day.Start);
                _adherence = adherence;
                _metrics = new CentreMetrics(_options, _calendar, _day.Start, released =>
                {
                    if (released is AgentStateChanged state)
                    {
                        adherence.Apply(state);
                    }
                });
            }
            else
            {
                _metrics = new CentreMetrics(_options, _calendar, _day.Start);
            }
        }
        if (!_day.Contains(e.At))
        {
            OutsideDay++;
            return;
        }
        if (_alerts is not null && e.At > _clock)
        {
            EvaluateAlertsUntil(e.At);
        }
        _metrics.Offer(e);
        if (e.At > _clock)
        {
            _clock = e.At;
            _metrics.AdvanceTo(_clock);
            _adherence?.AdvanceTo(_metrics.Engine.Now);
        }
    }

    /// <summary>Ends the replay: everything held is applied; returns the day's figures (null when no valid event was read).</summary>
    public ReplayResult? Finish()
    {
        if (_metrics is null)
        {
            return null;
        }
        _metrics.Flush(_clock);
        _metrics.Engine.CompleteEndedContacts();
        if (_alerts is not null)
        {
            _adherence?.AdvanceTo(_clock);
            _alerts.Evaluate(_clock, _metrics.Engine, _adherence);
        }
        _adherence?.AdvanceTo(AdherenceEnd());
        return ReplayResult.Of(_metrics.Engine, _options, _adherence);
    }

    /// <summary>
    /// Ticks the virtual clock every whole second up to <paramref name="until"/> (the time of the event about to be read,
    /// the newest so far): the figures move to each second as they would live, and the alerts are evaluated there.
    /// </summary>
    private void EvaluateAlertsUntil(DateTimeOffset until)
    {
        var second = _alertsEvaluatedTo == DateTimeOffset.MinValue ? WholeSecondFrom(_day.Start) : _alertsEvaluatedTo.AddSeconds(1);
        for (; second <= until; second = second.AddSeconds(1))
        {
            _metrics!.AdvanceTo(second);
            _adherence?.AdvanceTo(_metrics.Engine.Now);
            _alerts!.Evaluate(second, _metrics.Engine, _adherence);
            _alertsEvaluatedTo = second;
        }
    }

    private static DateTimeOffset WholeSecondFrom(DateTimeOffset instant) =>
        new((instant.UtcTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    /// <summary>The later of the last event and the end of the day's schedule (within the day): the whole scheduled day counts.</summary>
    private DateTimeOffset AdherenceEnd()
    {
        var end = _clock;
        foreach (var activities in _schedule?.Values ?? [])
        {
            foreach (var activity in activities)
            {
                if (activity.Start < _day.End && activity.End > end)
                {
                    end = activity.End < _day.End ? activity.End : _day.End;
                }
            }
        }
        return end;
    }
}

/// <summary>A line of the replayed file that is not a valid event: its number (from 1) and every field at fault.</summary>
public sealed record RejectedLine(long Line, IReadOnlyList<FieldError> Errors)
{
    public override string ToString() => $"line {Line}: {string.Join("; ", Errors.Select(e => $"{e.Field}: {e.Reason}"))}";
}

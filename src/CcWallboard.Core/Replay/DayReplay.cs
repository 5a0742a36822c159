using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Replay;

/// <summary>
/// Replays a recorded day (JSON Lines of normalized events, in the file's own order) through the same
/// <see cref="CentreMetrics"/> the host runs, on virtual time: the clock is the newest event time read so far,
/// so the reorder buffer and the allowed lateness behave as they would live (shared/domain/REPLAY.md).
/// The replayed day is the centre day of the first valid event; events of other days are counted apart.
/// </summary>
public sealed class DayReplay
{
    private static readonly DateTimeOffset NoFutureLimit = DateTimeOffset.MaxValue.AddYears(-1);

    private readonly CentreOptions _options;
    private readonly CentreCalendar _calendar;
    private readonly HashSet<string> _queueIds;
    private readonly List<RejectedLine> _rejected = [];
    private CentreMetrics? _metrics;
    private CentreDay _day;
    private DateTimeOffset _clock = DateTimeOffset.MinValue;

    public DayReplay(CentreOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _calendar = CentreCalendar.For(options.Centre);
        _queueIds = new HashSet<string>(options.Queues.Select(q => q.Id), StringComparer.Ordinal);
    }

    public IReadOnlyList<RejectedLine> Rejected => _rejected;

    /// <summary>Valid events whose time lies outside the replayed day (they belong to another day's figures).</summary>
    public long OutsideDay { get; private set; }

    public long Read { get; private set; }

    public CentreMetrics? Metrics => _metrics;

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
            _metrics = new CentreMetrics(_options, _calendar, _day.Start);
        }
        if (!_day.Contains(e.At))
        {
            OutsideDay++;
            return;
        }
        _metrics.Offer(e);
        if (e.At > _clock)
        {
            _clock = e.At;
            _metrics.AdvanceTo(_clock);
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
        return ReplayResult.Of(_metrics.Engine, _options);
    }
}

/// <summary>A line of the replayed file that is not a valid event: its number (from 1) and every field at fault.</summary>
public sealed record RejectedLine(long Line, IReadOnlyList<FieldError> Errors)
{
    public override string ToString() => $"line {Line}: {string.Join("; ", Errors.Select(e => $"{e.Field}: {e.Reason}"))}";
}

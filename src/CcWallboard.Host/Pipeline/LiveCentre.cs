using System.Reactive;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Time;
using CcWallboard.Host.Storage;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Pipeline;

/// <summary>
/// The centre's live state: the metrics (<see cref="CentreMetrics"/>: reorder buffer and engine) fed from the
/// event log, read by boards, hubs and the API. One lock serialises the writer (the log tail) and the readers.
/// While the tail catches up on the log (after a start), time is the newest event read, as in a replay; once
/// it has caught up, the clock drives the watermark, so figures become final <c>AllowedLatenessSeconds</c>
/// after their events.
/// </summary>
public sealed partial class LiveCentre : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CentreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveCentre> _logger;
    private readonly Dictionary<string, BoardSettings> _boards;
    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private readonly Subject<Unit> _applied = new();
    private CentreMetrics _metrics;
    private LogPosition _position = LogPosition.Start;
    private DateTimeOffset _newestEvent = DateTimeOffset.MinValue;
    private bool _caughtUp;
    private bool _started;

    public LiveCentre(IOptions<CentreOptions> options, TimeProvider time, ILogger<LiveCentre> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _logger = logger;
        Calendar = CentreCalendar.For(_options.Centre);
        FreshStart = FreshStartFor(time.GetUtcNow());
        _metrics = new CentreMetrics(_options, Calendar, FreshStart);
        _boards = _options.Boards.ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);
        Applied = _applied.AsObservable();
    }

    public CentreCalendar Calendar { get; }

    /// <summary>
    /// The oldest checkpoint worth resuming from: today's day start, less the longest sliding window and the
    /// allowed lateness. Without one, the log is read from its start (the retained history), so agents' states
    /// and contacts waiting at the day start are known too.
    /// </summary>
    public DateTimeOffset FreshStart { get; }

    /// <summary>Signals after each batch of events is folded in.</summary>
    public IObservable<Unit> Applied { get; }

    public IReadOnlyCollection<BoardSettings> Boards => _boards.Values;

    /// <summary>True once the log tail has read up to the end of the log since the start.</summary>
    public bool CaughtUp
    {
        get
        {
            lock (_gate)
            {
                return _caughtUp;
            }
        }
    }

    public long EventsApplied
    {
        get
        {
            lock (_gate)
            {
                return _metrics.Engine.EventsApplied;
            }
        }
    }

    /// <summary>Counts of what the feed delivered that changed nothing or came too late (for metrics and logs).</summary>
    public FeedCounts Counts
    {
        get
        {
            lock (_gate)
            {
                return new FeedCounts(_metrics.Engine.EventsApplied, _metrics.Duplicates, _metrics.Late, _metrics.Engine.Orphans,
                    _metrics.Engine.UnknownQueueEvents, _metrics.Pending);
            }
        }
    }

    private DateTimeOffset FreshStartFor(DateTimeOffset now)
    {
        var longest = TimeSpan.FromMinutes(_options.Centre.EffectiveSlidingWindowsMinutes.Max());
        return Calendar.DayOf(now).Start - longest - TimeSpan.FromSeconds(_options.Centre.AllowedLatenessSeconds);
    }

    /// <summary>
    /// Takes up a checkpoint when it is usable (same format and configuration, and not older than
    /// <see cref="FreshStart"/>); returns the log position to read after.
    /// </summary>
    public LogPosition Resume(EngineCheckpoint? checkpoint)
    {
        lock (_gate)
        {
            if (checkpoint is not null)
            {
                var restored = CentreMetrics.RestoreState(_options, Calendar, checkpoint.State, out var reason);
                if (restored is not null && restored.Engine.Now >= FreshStart)
                {
                    _metrics = restored;
                    _started = true;
                    _position = checkpoint.Position;
                    _newestEvent = restored.Engine.Now;
                    LogResumed(checkpoint.Position, checkpoint.TakenAt, restored.Engine.EventsApplied);
                    return checkpoint.Position;
                }
                LogCheckpointUnused(checkpoint.Position, checkpoint.TakenAt, reason ?? "older than the start of today's figures");
            }
            _position = LogPosition.Start;
            LogFreshStart();
            return _position;
        }
    }

    /// <summary>Folds a batch read from the log, whose last entry is at <paramref name="last"/>.</summary>
    public void Apply(IReadOnlyList<AcdEvent> events, LogPosition last, bool caughtUp)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_gate)
        {
            if (!_started && events.Count > 0)
            {
                // Not resumed: the engine starts at the oldest event of the log (or today's start, if later events only).
                var oldest = events.Min(e => e.At);
                _metrics = new CentreMetrics(_options, Calendar, oldest < FreshStart ? oldest : FreshStart);
                _started = true;
            }
            foreach (var e in events)
            {
                _metrics.Offer(e);
                if (e.At > _newestEvent)
                {
                    _newestEvent = e.At;
                }
            }
            if (last > _position)
            {
                _position = last;
            }
            _caughtUp |= caughtUp;
            _metrics.AdvanceTo(_caughtUp ? _time.GetUtcNow() : _newestEvent);
        }
        _applied.OnNext(Unit.Default);
    }

    /// <summary>Marks the log as read to its end (an empty read).</summary>
    public void MarkCaughtUp()
    {
        lock (_gate)
        {
            _caughtUp = true;
        }
    }

    /// <summary>The whole state and the log position it includes, for a checkpoint.</summary>
    public (byte[] State, LogPosition Position, long EventsApplied) Checkpoint()
    {
        lock (_gate)
        {
            return (_metrics.SaveState(), _position, _metrics.Engine.EventsApplied);
        }
    }

    /// <summary>Runs <paramref name="read"/> on the engine brought up to the clock, under the lock.</summary>
    public T Read<T>(Func<QueueMetricsEngine, DateTimeOffset, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            AdvanceToClock(now);
            return read(_metrics.Engine, now);
        }
    }

    private void AdvanceToClock(DateTimeOffset now)
    {
        if (_caughtUp)
        {
            _metrics.AdvanceTo(now);
        }
    }

    public bool IsBoard(string name) => _boards.ContainsKey(name);

    /// <summary>The board's figures now, under the sequence number last published (for a client that joins).</summary>
    public BoardSnapshot? CurrentSnapshot(string board) => Snapshot(board, advanceSequence: false);

    /// <summary>The board's figures now, under the next sequence number (for a push).</summary>
    public BoardSnapshot? NextSnapshot(string board) => Snapshot(board, advanceSequence: true);

    private BoardSnapshot? Snapshot(string name, bool advanceSequence)
    {
        if (!_boards.TryGetValue(name, out var board))
        {
            return null;
        }
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            AdvanceToClock(now);
            var sequence = _sequences.GetValueOrDefault(board.Name);
            if (advanceSequence)
            {
                _sequences[board.Name] = ++sequence;
            }
            return _metrics.Engine.SnapshotOf(board, board.Title ?? board.Name, sequence, now);
        }
    }

    public void Dispose() => _applied.Dispose();

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Resumed the metrics from the checkpoint at {Position} taken {TakenAt} ({Events} events applied)")]
    private partial void LogResumed(LogPosition position, DateTimeOffset takenAt, long events);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Not using the checkpoint at {Position} taken {TakenAt}: {Reason}")]
    private partial void LogCheckpointUnused(LogPosition position, DateTimeOffset takenAt, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "No usable checkpoint: building the figures from the start of the event log")]
    private partial void LogFreshStart();
}

/// <summary>What the live feed has delivered: applied events, and those that changed nothing or came late.</summary>
public sealed record FeedCounts(long Applied, long Duplicates, long Late, long Orphans, long UnknownQueue, int Pending);

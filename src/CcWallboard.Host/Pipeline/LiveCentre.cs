using System.Reactive;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Time;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Pipeline;

/// <summary>
/// The centre's live state: the metric engine fed from the event log, read by boards, hubs and the API.
/// One lock serialises the writer (the log tail) and the readers (snapshots a few times a second).
/// </summary>
public sealed class LiveCentre : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CentreMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, BoardSettings> _boards;
    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private readonly Subject<Unit> _applied = new();

    public LiveCentre(IOptions<CentreOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var centre = options.Value;
        _time = time;
        Calendar = CentreCalendar.For(centre.Centre);
        _metrics = new CentreMetrics(centre, Calendar, time.GetUtcNow());
        _boards = centre.Boards.ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);
        Applied = _applied.AsObservable();
    }

    public CentreCalendar Calendar { get; }

    /// <summary>Signals after each batch of events is folded in.</summary>
    public IObservable<Unit> Applied { get; }

    public IReadOnlyCollection<BoardSettings> Boards => _boards.Values;

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

    /// <summary>Runs <paramref name="read"/> on the engine brought up to the clock, under the lock.</summary>
    public T Read<T>(Func<QueueMetricsEngine, DateTimeOffset, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            _metrics.AdvanceTo(now);
            return read(_metrics.Engine, now);
        }
    }

    public void Apply(IReadOnlyList<AcdEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_gate)
        {
            foreach (var e in events)
            {
                _metrics.Offer(e);
            }
            _metrics.AdvanceTo(_time.GetUtcNow());
        }
        _applied.OnNext(Unit.Default);
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
            _metrics.AdvanceTo(now);
            var sequence = _sequences.GetValueOrDefault(board.Name);
            if (advanceSequence)
            {
                _sequences[board.Name] = ++sequence;
            }
            return _metrics.Engine.SnapshotOf(board, board.Title ?? board.Name, sequence, now);
        }
    }

    public void Dispose() => _applied.Dispose();
}

/// <summary>What the live feed has delivered: applied events, and those that changed nothing or came late.</summary>
public sealed record FeedCounts(long Applied, long Duplicates, long Late, long Orphans, long UnknownQueue, int Pending);

using CcWallboard.Core.Events;

namespace CcWallboard.Core.Metrics;

/// <summary>
/// Puts a live feed back in time order and drops repeated ids (EVENTS.md, "Order"). An event is held until
/// the watermark — the later of the newest event time seen and the clock, minus the allowed lateness —
/// has passed its time, then released in order of time (ties: queued before outcomes before ends before
/// agent states, then arrival). So a stream shuffled within the lateness gives the events of the ordered
/// stream. An event that comes after the watermark passed its time is late: released at once, and counted.
/// Ids are remembered for <c>max(lateness, duplicate horizon)</c> of event time, a bounded set.
/// </summary>
public sealed class EventReorderBuffer
{
    private readonly long _lateness;
    private readonly long _idHorizon;
    private readonly PriorityQueue<AcdEvent, (long At, int Rank, long Arrival)> _pending = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(long At, string Id)> _seenOrder = new();
    private long _arrivals;
    private long _newest = long.MinValue;
    private long _watermark = long.MinValue;

    public EventReorderBuffer(TimeSpan allowedLateness, TimeSpan duplicateHorizon)
    {
        _lateness = allowedLateness.Ticks;
        _idHorizon = Math.Max(allowedLateness.Ticks, duplicateHorizon.Ticks);
    }

    public long Duplicates { get; private set; }

    /// <summary>Events that came after the watermark had passed their time.</summary>
    public long Late { get; private set; }

    public int Pending => _pending.Count;

    /// <summary>Events before this time are released (or late when they come).</summary>
    public DateTimeOffset Watermark => _watermark == long.MinValue ? DateTimeOffset.MinValue : new(_watermark, TimeSpan.Zero);

    /// <summary>
    /// Takes one event. Returns false for a duplicate. A late event is passed to <paramref name="late"/> at
    /// once; an on-time one waits for <see cref="Release"/>.
    /// </summary>
    public bool Offer(AcdEvent e, Action<AcdEvent> late)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(late);
        if (!_seen.Add(e.Id))
        {
            Duplicates++;
            return false;
        }
        var at = e.At.UtcTicks;
        _seenOrder.Enqueue((at, e.Id));
        if (at < _watermark)
        {
            Late++;
            late(e);
            return true;
        }
        _pending.Enqueue(e, (at, RankOf(e), _arrivals++));
        _newest = Math.Max(_newest, at);
        return true;
    }

    /// <summary>Releases, in order, every held event whose time the watermark at <paramref name="now"/> has passed.</summary>
    public void Release(DateTimeOffset now, Action<AcdEvent> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        var watermark = Math.Max(_newest, now.UtcTicks) - _lateness;
        if (watermark > _watermark)
        {
            _watermark = watermark;
        }
        while (_pending.TryPeek(out var next, out var key) && key.At <= _watermark)
        {
            _pending.Dequeue();
            apply(next);
        }
        Forget();
    }

    /// <summary>Releases everything held, in order (end of a replayed file).</summary>
    public void Flush(Action<AcdEvent> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        while (_pending.TryDequeue(out var next, out var key))
        {
            _watermark = Math.Max(_watermark, key.At);
            apply(next);
        }
    }

    private void Forget()
    {
        var horizon = _watermark - _idHorizon;
        while (_seenOrder.TryPeek(out var oldest) && oldest.At < horizon)
        {
            _seenOrder.Dequeue();
            _seen.Remove(oldest.Id);
        }
    }

    internal void Write(BinaryWriter writer)
    {
        writer.Write(_newest);
        writer.Write(_watermark);
        writer.Write(Duplicates);
        writer.Write(Late);
        writer.Write(_pending.Count);
        foreach (var (e, _) in _pending.UnorderedItems.OrderBy(i => i.Priority))
        {
            writer.Write(AcdEventJson.ToJson(e));
        }
        writer.Write(_seenOrder.Count);
        foreach (var (at, id) in _seenOrder)
        {
            writer.Write(at);
            writer.Write(id);
        }
    }

    internal void Read(BinaryReader reader)
    {
        _newest = reader.ReadInt64();
        _watermark = reader.ReadInt64();
        Duplicates = reader.ReadInt64();
        Late = reader.ReadInt64();
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var json = reader.ReadString();
            var parsed = AcdEventJson.ParseLine(json, DateTimeOffset.MaxValue.AddYears(-1), TimeSpan.Zero);
            var e = parsed.Event ?? throw new InvalidDataException($"checkpoint holds an unreadable event: {string.Join("; ", parsed.Errors)}");
            _pending.Enqueue(e, (e.At.UtcTicks, RankOf(e), _arrivals++));
        }
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var at = reader.ReadInt64();
            var id = reader.ReadString();
            if (_seen.Add(id))
            {
                _seenOrder.Enqueue((at, id));
            }
        }
    }

    /// <summary>Tie order at the same instant: a contact is queued before it leaves the queue, ends after that, and agent states come last.</summary>
    private static int RankOf(AcdEvent e) => e switch
    {
        ContactQueued => 0,
        ContactAnswered or ContactAbandoned or ContactTransferred => 1,
        ContactEnded => 2,
        _ => 3,
    };
}

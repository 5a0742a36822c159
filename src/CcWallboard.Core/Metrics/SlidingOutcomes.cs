namespace CcWallboard.Core.Metrics;

/// <summary>
/// Outcome counters of every queue over sliding windows (the last 15, 30, 60 minutes up to now), exact
/// and incremental: each outcome is kept, in time order, while the longest window still holds it; each
/// window keeps running sums and a head that moves forward as time passes. Cost per outcome and per
/// tick does not depend on a window's length or on volume; memory is the outcomes inside the longest window.
/// A window ending at <c>now</c> holds the outcomes timed in <c>(now − length, now]</c>.
/// </summary>
internal sealed class SlidingOutcomes
{
    private readonly long[] _lengths;
    private readonly OutcomeCounters[] _sums;
    private readonly int[] _heads;
    private readonly int _queueCount;
    private Entry[] _entries = new Entry[1024];
    private int _begin;
    private int _end;
    private long _now = long.MinValue;

    public SlidingOutcomes(IReadOnlyList<TimeSpan> lengths, int queueCount)
    {
        _lengths = [.. lengths.Select(l => l.Ticks)];
        _queueCount = queueCount;
        _sums = new OutcomeCounters[_lengths.Length * queueCount];
        _heads = new int[_lengths.Length];
    }

    public int WindowCount => _lengths.Length;

    public TimeSpan LengthOf(int window) => TimeSpan.FromTicks(_lengths[window]);

    /// <summary>Outcomes held (those inside the longest window).</summary>
    public int Count => _end - _begin;

    public ref readonly OutcomeCounters Sum(int window, int queue) => ref _sums[(window * _queueCount) + queue];

    /// <summary>Moves every window's end to <paramref name="nowTicks"/> (UTC ticks); never backwards.</summary>
    public void AdvanceTo(long nowTicks)
    {
        if (nowTicks <= _now)
        {
            return;
        }
        _now = nowTicks;
        var oldest = _end;
        for (var w = 0; w < _lengths.Length; w++)
        {
            var boundary = nowTicks - _lengths[w];
            var head = _heads[w];
            while (head < _end && _entries[head].At <= boundary)
            {
                _sums[(w * _queueCount) + _entries[head].Queue].Subtract(_entries[head].Delta);
                head++;
            }
            _heads[w] = head;
            oldest = Math.Min(oldest, head);
        }
        _begin = Math.Max(_begin, oldest);
    }

    /// <summary>
    /// Counts an outcome timed at <paramref name="atTicks"/> in every window that holds it. Outcomes normally
    /// come in time order; one that comes late is put in its place.
    /// </summary>
    public void Add(long atTicks, int queue, in OutcomeCounters delta)
    {
        if (atTicks > _now)
        {
            AdvanceTo(atTicks);
        }
        var longest = _lengths.Length == 0 ? 0 : _lengths[^1];
        if (atTicks <= _now - longest)
        {
            return; // outside every window
        }
        if (_end == _entries.Length)
        {
            Compact();
        }
        var position = _end;
        while (position > _begin && _entries[position - 1].At > atTicks)
        {
            position--;
        }
        if (position < _end)
        {
            Array.Copy(_entries, position, _entries, position + 1, _end - position);
        }
        _entries[position] = new Entry(atTicks, queue, delta);
        _end++;
        for (var w = 0; w < _lengths.Length; w++)
        {
            if (atTicks > _now - _lengths[w])
            {
                // Every entry before this window's head is older than the new one: the head stays.
                _sums[(w * _queueCount) + queue].Add(delta);
            }
            else
            {
                _heads[w]++; // the new entry sits at or before this window's head, outside it
            }
        }
    }

    /// <summary>Moves the live entries to the front, growing the array when more than half of it is live.</summary>
    private void Compact()
    {
        var live = _end - _begin;
        var target = live * 2 > _entries.Length ? new Entry[_entries.Length * 2] : _entries;
        Array.Copy(_entries, _begin, target, 0, live);
        for (var w = 0; w < _heads.Length; w++)
        {
            _heads[w] -= _begin;
        }
        _entries = target;
        _begin = 0;
        _end = live;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_now);
        writer.Write(_end - _begin);
        for (var i = _begin; i < _end; i++)
        {
            writer.Write(_entries[i].At);
            writer.Write(_entries[i].Queue);
            writer.Write(_entries[i].Delta);
        }
    }

    /// <summary>Refills an empty instance from <see cref="Write"/>'s output: the sums are recounted from the outcomes.</summary>
    public void Read(BinaryReader reader)
    {
        var now = reader.ReadInt64();
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var at = reader.ReadInt64();
            var queue = reader.ReadInt32();
            if (queue < 0 || queue >= _queueCount)
            {
                throw new InvalidDataException($"checkpoint names queue {queue} of {_queueCount}");
            }
            Add(at, queue, reader.ReadCounters());
        }
        AdvanceTo(now);
    }

    private readonly record struct Entry(long At, int Queue, OutcomeCounters Delta);
}

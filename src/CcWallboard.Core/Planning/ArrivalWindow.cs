namespace CcWallboard.Core.Planning;

/// <summary>
/// One queue's recent arrival instants (a <c>ContactQueued</c> counts at its <c>At</c>, METRICS.md "Attribution"), kept
/// in time order for as long as the longest window read from them: a growable ring of Unix milliseconds, so adding
/// and evicting allocate nothing once it has grown to the busiest window. An arrival older than the newest is put in
/// its place (late events arrive a little out of order); one older than the retention is ignored.
/// </summary>
public sealed class ArrivalWindow
{
    private readonly long _retentionMs;
    private long[] _ring = new long[64];
    private int _head;
    private int _count;

    /// <param name="retention">How far back from the newest arrival to keep: the longest window read (e.g. the surge window or the observed minutes).</param>
    public ArrivalWindow(TimeSpan retention)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        _retentionMs = (long)Math.Ceiling(retention.TotalMilliseconds);
    }

    /// <summary>Arrivals held.</summary>
    public int Count => _count;

    /// <summary>Records an arrival at <paramref name="instant"/> and forgets those older than the retention before the newest.</summary>
    public void Add(DateTimeOffset instant)
    {
        var at = instant.ToUnixTimeMilliseconds();
        if (_count > 0 && at < Newest - _retentionMs)
        {
            return;
        }
        if (_count == _ring.Length)
        {
            Grow();
        }
        var index = _count;
        while (index > 0 && this[index - 1] > at)
        {
            this[index] = this[index - 1];
            index--;
        }
        this[index] = at;
        _count++;
        EvictBefore(Newest - _retentionMs);
    }

    /// <summary>Arrivals at or after <paramref name="from"/>.</summary>
    public int CountSince(DateTimeOffset from) => _count - FirstAtOrAfter(from.ToUnixTimeMilliseconds());

    /// <summary>Arrivals in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public int CountBetween(DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? 0 : FirstAtOrAfter(to.ToUnixTimeMilliseconds()) - FirstAtOrAfter(from.ToUnixTimeMilliseconds());

    /// <summary>Forgets the arrivals before <paramref name="from"/>.</summary>
    public void EvictBefore(DateTimeOffset from) => EvictBefore(from.ToUnixTimeMilliseconds());

    private long Newest => this[_count - 1];

    private long this[int index]
    {
        get => _ring[(_head + index) % _ring.Length];
        set => _ring[(_head + index) % _ring.Length] = value;
    }

    private void EvictBefore(long from)
    {
        while (_count > 0 && this[0] < from)
        {
            _head = (_head + 1) % _ring.Length;
            _count--;
        }
    }

    /// <summary>The index of the first arrival at or after <paramref name="at"/> (<see cref="Count"/> when none).</summary>
    private int FirstAtOrAfter(long at)
    {
        var low = 0;
        var high = _count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (this[mid] < at)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private void Grow()
    {
        var grown = new long[_ring.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            grown[i] = this[i];
        }
        _ring = grown;
        _head = 0;
    }
}

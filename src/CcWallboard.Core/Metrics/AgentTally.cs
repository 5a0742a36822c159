using CcWallboard.Core.Events;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Metrics;

/// <summary>
/// The agents of one aggregate (a queue, a queue group, a board or the whole centre), each agent once:
/// how many are in each state and reason now, and occupancy — busy (on contact or in ACW) over busy plus
/// available, time-weighted — today, per interval and over the sliding windows. Counts change only at
/// state changes; between them the integrals grow linearly, so every window is exact.
/// </summary>
internal sealed class AgentTally
{
    private static readonly int StateCount = Enum.GetValues<AgentState>().Length;

    private readonly int[] _states = new int[StateCount];
    private readonly Dictionary<string, int> _notReadyByReason = new(StringComparer.Ordinal);
    private readonly double[] _intervalBusy;
    private readonly double[] _intervalAvailable;
    private readonly long[] _windowLengths;
    private readonly BlockChain<Breakpoint>.Position[] _windowCursors;
    private readonly BlockChain<Breakpoint> _breakpoints;
    private long _last;
    private double _totalBusy;
    private double _totalAvailable;

    /// <summary>A tally whose breakpoints take their blocks from <paramref name="blocks"/> (one pool per engine, from <see cref="NewBlocks"/>).</summary>
    public AgentTally(int maxIntervals, IReadOnlyList<TimeSpan> windows, long startTicks, BlockPool<Breakpoint> blocks)
    {
        _intervalBusy = new double[maxIntervals];
        _intervalAvailable = new double[maxIntervals];
        _windowLengths = [.. windows.Select(w => w.Ticks)];
        _breakpoints = new(blocks);
        _last = startTicks;
        _breakpoints.Add(new Breakpoint(startTicks, 0, 0, 0, 0));
        _windowCursors = new BlockChain<Breakpoint>.Position[windows.Count];
        Array.Fill(_windowCursors, _breakpoints.First);
    }

    /// <summary>
    /// A pool of breakpoint blocks (256 breakpoints, 8 KB, each) for the tallies of one engine: the tallies give back
    /// the blocks that fall out of the longest window, so once the whole engine's breakpoints inside that window stop
    /// growing, a state change allocates nothing.
    /// </summary>
    public static BlockPool<Breakpoint> NewBlocks() => new(256);

    public double TodayBusySeconds { get; private set; }

    public double TodayAvailableSeconds { get; private set; }

    public int CountOf(AgentState state) => _states[(int)state];

    public int LoggedIn => _states.Sum() - _states[(int)AgentState.LoggedOut];

    public IReadOnlyDictionary<string, int> NotReadyByReason => _notReadyByReason;

    private int Busy => _states[(int)AgentState.OnContact] + _states[(int)AgentState.Acw];

    private int Available => _states[(int)AgentState.Available];

    /// <summary>An agent enters this tally (logs in here, or starts serving one of its queues) at <paramref name="at"/>.</summary>
    public void Enter(AgentState state, string? reason, long at, in CentreDay day, TimeSpan interval)
    {
        at = Math.Max(at, _last); // a change that comes late takes effect from the time already reached
        IntegrateTo(at, day, interval);
        Change(state, reason, +1);
        Mark(at);
    }

    /// <summary>An agent in this tally moves from one state to another at <paramref name="at"/>.</summary>
    public void Move(AgentState from, string? fromReason, AgentState to, string? toReason, long at, in CentreDay day, TimeSpan interval)
    {
        at = Math.Max(at, _last); // a change that comes late takes effect from the time already reached
        IntegrateTo(at, day, interval);
        Change(from, fromReason, -1);
        Change(to, toReason, +1);
        Mark(at);
    }

    /// <summary>
    /// Re-counts a past stretch <c>[from, until)</c> an agent of this tally spent in <paramref name="to"/> rather than
    /// <paramref name="was"/> (a state change that came late): today's, the intervals' and the windows' integrals
    /// are corrected; the counts of agents now are not (the agent's state now did not change).
    /// </summary>
    public void Recount(long from, long until, AgentState was, AgentState to, in CentreDay day, TimeSpan interval)
    {
        var busy = IsBusy(to) - IsBusy(was);
        var available = IsAvailable(to) - IsAvailable(was);
        if ((busy == 0 && available == 0) || until <= from)
        {
            return;
        }
        AddToDay(from, until, busy, available, day, interval);
        var stretch = TimeSpan.FromTicks(until - from).TotalSeconds;
        _totalBusy += busy * stretch;
        _totalAvailable += available * stretch;
        var position = _breakpoints.First;
        do
        {
            ref var point = ref _breakpoints[position];
            if (point.At > from)
            {
                var seconds = TimeSpan.FromTicks(Math.Min(point.At, until) - from).TotalSeconds;
                point = point with { TotalBusy = point.TotalBusy + (busy * seconds), TotalAvailable = point.TotalAvailable + (available * seconds) };
            }
        }
        while (_breakpoints.TryNext(ref position));
    }

    /// <summary>Adds <paramref name="busy"/> and <paramref name="available"/> agents over <c>[from, until)</c> to today and each interval it crosses.</summary>
    private void AddToDay(long from, long until, int busy, int available, in CentreDay day, TimeSpan interval)
    {
        var start = Math.Max(from, day.Start.UtcTicks);
        var end = Math.Min(until, day.End.UtcTicks);
        while (start < end)
        {
            var index = (int)((start - day.Start.UtcTicks) / interval.Ticks);
            var intervalEnd = Math.Min(end, day.Start.UtcTicks + ((index + 1) * interval.Ticks));
            var seconds = TimeSpan.FromTicks(intervalEnd - start).TotalSeconds;
            _intervalBusy[index] += busy * seconds;
            _intervalAvailable[index] += available * seconds;
            TodayBusySeconds += busy * seconds;
            TodayAvailableSeconds += available * seconds;
            start = intervalEnd;
        }
    }

    private static int IsBusy(AgentState state) => state is AgentState.OnContact or AgentState.Acw ? 1 : 0;

    private static int IsAvailable(AgentState state) => state == AgentState.Available ? 1 : 0;

    private void Change(AgentState state, string? reason, int delta)
    {
        _states[(int)state] += delta;
        if (state == AgentState.NotReady)
        {
            var key = reason ?? NoReason;
            var count = _notReadyByReason.GetValueOrDefault(key) + delta;
            if (count == 0)
            {
                _notReadyByReason.Remove(key);
            }
            else
            {
                _notReadyByReason[key] = count;
            }
        }
    }

    public const string NoReason = "unspecified";

    /// <summary>Adds busy and available time from the last change up to <paramref name="at"/> into today and the intervals it crosses.</summary>
    public void IntegrateTo(long at, in CentreDay day, TimeSpan interval)
    {
        if (at <= _last)
        {
            return;
        }
        var busy = Busy;
        var available = Available;
        if (busy != 0 || available != 0)
        {
            AddToDay(_last, at, busy, available, day, interval);
            var elapsed = TimeSpan.FromTicks(at - _last).TotalSeconds;
            _totalBusy += busy * elapsed;
            _totalAvailable += available * elapsed;
        }
        _last = at;
    }

    private void Mark(long at)
    {
        if (_breakpoints.IsTailFull)
        {
            AdvanceWindows(at); // gives back the blocks the windows have left before taking a new one
        }
        _breakpoints.Add(new Breakpoint(at, _totalBusy, _totalAvailable, Busy, Available));
    }

    /// <summary>Starts a new day: today's and the intervals' integrals start from zero.</summary>
    public void ResetDay()
    {
        TodayBusySeconds = 0;
        TodayAvailableSeconds = 0;
        Array.Clear(_intervalBusy);
        Array.Clear(_intervalAvailable);
    }

    /// <summary>Occupancy in percent today up to <paramref name="now"/>; null when no agent was busy or available.</summary>
    public double? TodayOccupancy(long now, in CentreDay day) =>
        Occupancy(TodayBusySeconds + Pending(now, Busy, day.Start.UtcTicks), TodayAvailableSeconds + Pending(now, Available, day.Start.UtcTicks));

    public double? IntervalOccupancy(int index, long now, in CentreDay day, TimeSpan interval)
    {
        var start = day.Start.UtcTicks + (index * interval.Ticks);
        var end = start + interval.Ticks;
        var busy = _intervalBusy[index];
        var available = _intervalAvailable[index];
        if (now > start && _last < end)
        {
            // The open stretch since the last change, clipped to this interval.
            var from = Math.Max(_last, start);
            var until = Math.Min(now, end);
            if (until > from)
            {
                var seconds = TimeSpan.FromTicks(until - from).TotalSeconds;
                busy += Busy * seconds;
                available += Available * seconds;
            }
        }
        return Occupancy(busy, available);
    }

    /// <summary>Occupancy over <c>(now − length, now]</c> of sliding window <paramref name="window"/>.</summary>
    public double? WindowOccupancy(int window, long now)
    {
        var start = now - _windowLengths[window];
        var (busyAtStart, availableAtStart) = IntegralsAt(window, start);
        var busyNow = _totalBusy + Pending(now, Busy, long.MinValue);
        var availableNow = _totalAvailable + Pending(now, Available, long.MinValue);
        return Occupancy(busyNow - busyAtStart, availableNow - availableAtStart);
    }

    /// <summary>Moves window cursors to <paramref name="now"/> and forgets breakpoints older than the longest window.</summary>
    public void AdvanceWindows(long now)
    {
        if (_windowLengths.Length == 0)
        {
            return;
        }
        var oldest = _breakpoints.Last;
        for (var w = 0; w < _windowLengths.Length; w++)
        {
            var cursor = MoveCursor(w, now - _windowLengths[w]);
            if (cursor.Index < oldest.Index)
            {
                oldest = cursor;
            }
        }
        _breakpoints.RemoveBefore(oldest);
    }

    /// <summary>Moves the cursor of <paramref name="window"/> to the last breakpoint at or before <paramref name="at"/> (never back).</summary>
    private BlockChain<Breakpoint>.Position MoveCursor(int window, long at)
    {
        var cursor = _windowCursors[window];
        if (_breakpoints.WasTrimmed(cursor))
        {
            cursor = _breakpoints.First;
        }
        var next = cursor;
        while (_breakpoints.TryNext(ref next) && _breakpoints[next].At <= at)
        {
            cursor = next;
        }
        _windowCursors[window] = cursor;
        return cursor;
    }

    /// <summary>The integrals at <paramref name="at"/>, which only moves forward for a window (its cursor is kept).</summary>
    private (double Busy, double Available) IntegralsAt(int window, long at)
    {
        var point = _breakpoints[MoveCursor(window, at)];
        if (at <= point.At)
        {
            return (point.TotalBusy, point.TotalAvailable);
        }
        var seconds = TimeSpan.FromTicks(at - point.At).TotalSeconds;
        return (point.TotalBusy + (point.Busy * seconds), point.TotalAvailable + (point.Available * seconds));
    }

    private double Pending(long now, int agents, long notBefore)
    {
        var from = Math.Max(_last, notBefore);
        return now > from ? agents * TimeSpan.FromTicks(now - from).TotalSeconds : 0;
    }

    private static double? Occupancy(double busy, double available) =>
        busy + available > 1e-9 ? 100.0 * busy / (busy + available) : null;

    public void Write(BinaryWriter writer)
    {
        foreach (var count in _states)
        {
            writer.Write(count);
        }
        writer.Write(_notReadyByReason.Count);
        foreach (var (reason, count) in _notReadyByReason)
        {
            writer.Write(reason);
            writer.Write(count);
        }
        writer.Write(_intervalBusy);
        writer.Write(_intervalAvailable);
        writer.Write(TodayBusySeconds);
        writer.Write(TodayAvailableSeconds);
        writer.Write(_totalBusy);
        writer.Write(_totalAvailable);
        writer.Write(_last);
        writer.Write(_breakpoints.Count);
        var position = _breakpoints.First;
        do
        {
            var point = _breakpoints[position];
            writer.Write(point.At);
            writer.Write(point.TotalBusy);
            writer.Write(point.TotalAvailable);
            writer.Write(point.Busy);
            writer.Write(point.Available);
        }
        while (_breakpoints.TryNext(ref position));
    }

    public void Read(BinaryReader reader)
    {
        for (var i = 0; i < _states.Length; i++)
        {
            _states[i] = reader.ReadInt32();
        }
        _notReadyByReason.Clear();
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            _notReadyByReason[reader.ReadString()] = reader.ReadInt32();
        }
        reader.ReadInto(_intervalBusy);
        reader.ReadInto(_intervalAvailable);
        TodayBusySeconds = reader.ReadDouble();
        TodayAvailableSeconds = reader.ReadDouble();
        _totalBusy = reader.ReadDouble();
        _totalAvailable = reader.ReadDouble();
        _last = reader.ReadInt64();
        var points = reader.ReadInt32();
        _breakpoints.Clear();
        for (var i = 0; i < points; i++)
        {
            _breakpoints.Add(new Breakpoint(reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt32(), reader.ReadInt32()));
        }
        Array.Fill(_windowCursors, _breakpoints.First);
    }

    /// <summary>A change of counts: the integrals since the tally began, and the counts from then on.</summary>
    internal readonly record struct Breakpoint(long At, double TotalBusy, double TotalAvailable, int Busy, int Available);
}

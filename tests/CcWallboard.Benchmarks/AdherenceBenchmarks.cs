using BenchmarkDotNet.Attributes;
using CcWallboard.Core.Adherence;
using CcWallboard.Core.Events;
using CcWallboard.Core.Time;

namespace CcWallboard.Benchmarks;

/// <summary>
/// Issue 5: the adherence engine with 5,000 agents on full-day schedules (<see cref="AdherenceFloor"/>), at mid-day when
/// every agent is on shift. <c>[GlobalSetup]</c> builds the engine and feeds it the day up to <see cref="MeasureFrom"/>
/// (not measured); each invocation then takes the next stretch of the day, so the engine always holds a real mid-day
/// state. Mean and Allocated are per operation:
/// <list type="bullet">
/// <item><see cref="ApplyInOrder"/>: one state change, the clock following the events (<c>Apply</c> moves it).</item>
/// <item><see cref="ApplyAsHost"/>: one state change as the host applies it — <c>LiveAdherence</c> advances the clock to
/// the wall clock after every read of the log, so an event reaches the engine 0.05–1 s after its own time, behind the
/// clock: <c>AdvanceTo(arrival)</c>, then <c>Apply</c>.</item>
/// <item><see cref="AdvanceOneSecond"/>: one <c>AdvanceTo</c> of one second with no event in between (the host's tick;
/// each invocation moves the clock 10 minutes with no state change, so agents stay in their states across schedule
/// boundaries and some alerts are raised).</item>
/// <item><see cref="LiveSecond"/>: one second of the live day as the host runs it — a tick, and that second's state
/// changes applied as in <see cref="ApplyAsHost"/>: the engine's CPU per second of clock.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5, invocationCount: 1)]
public class AdherenceBenchmarks
{
    /// <summary>State changes per operation of the Apply benchmarks (≈ 2 minutes of the day at mid-day).</summary>
    public const int EventsPerInvocation = 3_000;

    /// <summary>Seconds of the live day per invocation of <see cref="LiveSecond"/> (5 minutes).</summary>
    public const int SecondsPerInvocation = 300;

    /// <summary>One-second ticks per invocation of <see cref="AdvanceOneSecond"/> (10 minutes of clock without events).</summary>
    public const int TicksPerInvocation = 600;

    /// <summary>The engine is fed the day up to here before measuring: every agent is on shift from 11:00.</summary>
    internal static readonly DateTimeOffset MeasureFrom = AdherenceFloor.Day + TimeSpan.FromHours(11.5);

    /// <summary>The largest delay of an event on its way from the ACD through the log to the engine.</summary>
    private static readonly TimeSpan MaxArrivalDelay = TimeSpan.FromSeconds(1);

    private AdherenceFloor _floor = null!;
    private AdherenceEngine _engine = null!;
    private long[] _arrivals = null!;
    private int _next;
    private DateTimeOffset _clock;

    [GlobalSetup]
    public void FeedMorning()
    {
        _floor = AdherenceFloor.Generate();
        _arrivals = Arrivals(_floor.Events);
        _engine = new AdherenceEngine(_floor.Options, CentreCalendar.For(_floor.Options.Centre), _floor.Schedule, AdherenceFloor.Day);
        var events = _floor.Events;
        while (events[_next].At < MeasureFrom)
        {
            _engine.Apply(events[_next++]);
        }
        _engine.AdvanceTo(MeasureFrom);
        _clock = MeasureFrom;
    }

    /// <summary>
    /// When each event reaches the engine: 0.05–1 s after its time. Events are applied in time order, with the clock at
    /// the latest arrival so far, so each one is behind the clock, as in the host.
    /// </summary>
    internal static long[] Arrivals(AgentStateChanged[] events)
    {
        var random = new Random(5);
        var arrivals = new long[events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            arrivals[i] = events[i].At.UtcTicks + TimeSpan.FromMilliseconds(50).Ticks + (long)(random.NextDouble() * (MaxArrivalDelay.Ticks - TimeSpan.FromMilliseconds(50).Ticks));
        }
        return arrivals;
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvocation)]
    public void ApplyInOrder()
    {
        var engine = _engine;
        var events = _floor.Events;
        var end = _next + EventsPerInvocation;
        for (; _next < end; _next++)
        {
            engine.Apply(events[_next]);
        }
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvocation)]
    public void ApplyAsHost()
    {
        var engine = _engine;
        var events = _floor.Events;
        var arrivals = _arrivals;
        var end = _next + EventsPerInvocation;
        for (; _next < end; _next++)
        {
            engine.AdvanceTo(new DateTimeOffset(arrivals[_next], TimeSpan.Zero));
            engine.Apply(events[_next]);
        }
    }

    [Benchmark(OperationsPerInvoke = TicksPerInvocation)]
    public void AdvanceOneSecond()
    {
        var engine = _engine;
        for (var s = 0; s < TicksPerInvocation; s++)
        {
            _clock += TimeSpan.FromSeconds(1);
            engine.AdvanceTo(_clock);
        }
    }

    [Benchmark(OperationsPerInvoke = SecondsPerInvocation)]
    public void LiveSecond()
    {
        var engine = _engine;
        var events = _floor.Events;
        var arrivals = _arrivals;
        for (var s = 0; s < SecondsPerInvocation; s++)
        {
            _clock += TimeSpan.FromSeconds(1);
            var tick = _clock.UtcTicks;
            // This second's arrivals, each applied after the clock reached it, then the tick.
            while (_next < events.Length && arrivals[_next] <= tick)
            {
                engine.AdvanceTo(new DateTimeOffset(arrivals[_next], TimeSpan.Zero));
                engine.Apply(events[_next++]);
            }
            engine.AdvanceTo(_clock);
        }
    }
}

using BenchmarkDotNet.Attributes;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Time;

namespace CcWallboard.Benchmarks;

/// <summary>
/// Events per second through the metric engine, in steady state: each iteration builds a fresh engine,
/// feeds it 3 hours of traffic (not measured: the 60-minute window is full and the engine's arrays have
/// grown to hold it — the occupancy breakpoints keep doubling until about twice the longest window has
/// passed, so a shorter warm-up measures that growth), then measures one
/// operation of <see cref="EventsPerOperation"/> further events. Mean and Allocated are per event.
/// <list type="bullet">
/// <item><see cref="Apply"/>: the in-order hot path, <c>QueueMetricsEngine.Apply</c>.</item>
/// <item><see cref="OfferAndAdvance"/>: the live path, <c>CentreMetrics.Offer</c> in delivery order (events
/// up to 500 ms late, so the reorder buffer has work) and <c>AdvanceTo</c> on the delivery clock at most every 100 ms.</item>
/// </list>
/// 12,000 contacts an hour is a busy 1,000-agent voice floor (≈ 24k outcomes in the 60-minute ring);
/// 100,000 an hour is the dense case with 100k contacts (≈ 190k outcomes) inside the 60-minute window.
/// </summary>
[Config(typeof(EventsPerSecondConfig))]
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5, invocationCount: 1)]
public class EventThroughputBenchmarks
{
    public const int EventsPerOperation = 400_000;

    internal static readonly DateTimeOffset Start = new(2025, 3, 10, 7, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Traffic fed before the measured batch: three times the longest (60-minute) window. <c>--describe-traffic</c>
    /// shows the engine's arrays growing for the first 2–2.5 hours of traffic and then stopping.
    /// </summary>
    internal static readonly TimeSpan WarmUp = TimeSpan.FromHours(3);

    private static readonly long AdvanceEvery = TimeSpan.FromMilliseconds(100).Ticks;

    private CentreOptions _options = null!;
    private CentreCalendar _calendar = null!;
    private FloorTraffic _traffic = null!;
    private int _orderedFrom;
    private int _deliveredFrom;
    private QueueMetricsEngine _engine = null!;
    private CentreMetrics _centre = null!;
    private long _nextAdvance;

    [Params(12_000, 100_000)]
    public int ContactsPerHour { get; set; }

    [GlobalSetup]
    public void GenerateTraffic()
    {
        _options = BenchmarkCentre.Options();
        _calendar = CentreCalendar.For(_options.Centre);
        _traffic = Generate(_options, ContactsPerHour);
        _orderedFrom = FloorTraffic.IndexAt(_traffic.Events, Start + WarmUp);
        _deliveredFrom = Array.FindIndex(_traffic.DeliveredAt, at => at >= (Start + WarmUp).UtcTicks);
        if (_traffic.Events.Length - _orderedFrom < EventsPerOperation || _traffic.Delivered.Length - _deliveredFrom < EventsPerOperation)
        {
            throw new InvalidOperationException("The generated traffic is too short for one operation.");
        }
    }

    /// <summary>The warm-up plus enough traffic for one operation (about 7 events a contact).</summary>
    internal static FloorTraffic Generate(CentreOptions options, int contactsPerHour)
    {
        var hours = 1.3 * EventsPerOperation / (6.0 * contactsPerHour);
        return FloorTraffic.Generate(options, TrafficProfile.For(contactsPerHour), Start, WarmUp + TimeSpan.FromHours(hours), seed: 42);
    }

    [IterationSetup(Target = nameof(Apply))]
    public void WarmUpEngine()
    {
        _engine = new QueueMetricsEngine(_options, _calendar, Start);
        var events = _traffic.Events;
        for (var i = 0; i < _orderedFrom; i++)
        {
            _engine.Apply(events[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = EventsPerOperation)]
    public void Apply()
    {
        var engine = _engine;
        var events = _traffic.Events;
        var end = _orderedFrom + EventsPerOperation;
        for (var i = _orderedFrom; i < end; i++)
        {
            engine.Apply(events[i]);
        }
    }

    [IterationSetup(Target = nameof(OfferAndAdvance))]
    public void WarmUpCentre()
    {
        _centre = new CentreMetrics(_options, _calendar, Start);
        _nextAdvance = long.MinValue;
        Feed(0, _deliveredFrom);
    }

    [Benchmark(OperationsPerInvoke = EventsPerOperation)]
    public void OfferAndAdvance() => Feed(_deliveredFrom, _deliveredFrom + EventsPerOperation);

    private void Feed(int from, int to)
    {
        var centre = _centre;
        var delivered = _traffic.Delivered;
        var deliveredAt = _traffic.DeliveredAt;
        for (var i = from; i < to; i++)
        {
            var arrival = deliveredAt[i];
            if (arrival >= _nextAdvance)
            {
                centre.AdvanceTo(new DateTimeOffset(arrival, TimeSpan.Zero));
                _nextAdvance = arrival + AdvanceEvery;
            }
            centre.Offer(delivered[i]);
        }
    }
}

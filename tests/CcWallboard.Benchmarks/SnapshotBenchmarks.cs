using BenchmarkDotNet.Attributes;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Time;

namespace CcWallboard.Benchmarks;

/// <summary>
/// What one push costs: a board's snapshot (6 queues and their totals) and the centre's view, with 1,000
/// agents logged in and exactly 100 contacts waiting, after 1, 8 or 16 hours of traffic at 12,000 contacts an hour
/// (08:00, 15:00 and 23:00 of the centre's day: the read should cost the same whatever the time of day).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class SnapshotBenchmarks
{
    public const int Waiting = 100;

    private QueueMetricsEngine _engine = null!;
    private BoardSettings _board = null!;
    private DateTimeOffset _now;

    [Params(1, 8, 16)]
    public int HoursOfTraffic { get; set; }

    [GlobalSetup]
    public void FillEngine()
    {
        var options = BenchmarkCentre.Options();
        _board = options.Boards.Single(b => b.Name == BenchmarkCentre.BoardName);
        var start = EventThroughputBenchmarks.Start;
        var traffic = FloorTraffic.Generate(options, TrafficProfile.For(12_000), start, TimeSpan.FromHours(HoursOfTraffic), seed: 42);
        _engine = new QueueMetricsEngine(options, CentreCalendar.For(options.Centre), start);
        foreach (var e in traffic.Events)
        {
            _engine.Apply(e);
        }
        var missing = Waiting - CentreView().CallsWaiting;
        var random = new Random(3);
        var at = _engine.Now;
        for (var i = 0; i < missing; i++)
        {
            at += TimeSpan.FromMilliseconds(300);
            var queue = BenchmarkCentre.QueueId(BenchmarkCentre.PickQueue(random));
            _engine.Apply(new ContactQueued("waiting-" + i, at, "waiting-contact-" + i, queue));
        }
        _now = at + TimeSpan.FromSeconds(10);
        var centre = CentreView();
        if (centre.CallsWaiting != Waiting || centre.Agents.LoggedIn != BenchmarkCentre.AgentCount)
        {
            throw new InvalidOperationException($"Expected {Waiting} waiting and {BenchmarkCentre.AgentCount} agents, got {centre.CallsWaiting} and {centre.Agents.LoggedIn}.");
        }
    }

    private QueueSnapshot CentreView() => _engine.ViewOf(QueueMetricsEngine.CentreId, _engine.Now)!;

    [Benchmark]
    public BoardSnapshot SnapshotOfBoard() => _engine.SnapshotOf(_board, "Floor", 1, _now);

    [Benchmark]
    public QueueSnapshot? ViewOfCentre() => _engine.ViewOf(QueueMetricsEngine.CentreId, _now);
}

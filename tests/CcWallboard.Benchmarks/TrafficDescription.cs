using System.Globalization;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Time;

namespace CcWallboard.Benchmarks;

/// <summary>
/// <c>--describe-traffic</c>: what the throughput benchmarks' feeds hold, a check that the in-order and the
/// delivered feed give the same figures, and where the measured batch allocates, by event type.
/// </summary>
internal static class TrafficDescription
{
    public static void Print(TextWriter output)
    {
        foreach (var contactsPerHour in new[] { 12_000, 100_000 })
        {
            Describe(output, contactsPerHour);
        }
        DescribeGrowth(output, 12_000, TimeSpan.FromHours(12));
        DescribeGrowth(output, 100_000, TimeSpan.FromHours(5));
    }

    private static void Describe(TextWriter output, int contactsPerHour)
    {
        var options = BenchmarkCentre.Options();
        var calendar = CentreCalendar.For(options.Centre);
        var traffic = EventThroughputBenchmarks.Generate(options, contactsPerHour);
        var start = EventThroughputBenchmarks.Start;
        var measuredFrom = FloorTraffic.IndexAt(traffic.Events, start + EventThroughputBenchmarks.WarmUp);
        var measuredTo = measuredFrom + EventThroughputBenchmarks.EventsPerOperation;
        var profile = TrafficProfile.For(contactsPerHour);

        output.WriteLine(Invariant($"== {contactsPerHour:N0} contacts/hour: talk {profile.MeanTalkSeconds:0.0} s, ACW {profile.MeanAcwSeconds:0.0} s, patience {profile.MeanPatienceSeconds:0} s, not ready after {profile.NotReadyChance:P1} of contacts"));
        output.WriteLine(Invariant($"   generated {traffic.Events.Length:N0} events over {traffic.Events[^1].At - start}; warm-up {measuredFrom:N0} events, measured {measuredFrom:N0}..{measuredTo:N0} ({traffic.Events[measuredFrom].At - start} to {traffic.Events[measuredTo - 1].At - start})"));
        var byType = traffic.Events.Take(measuredTo).GroupBy(TypeOf).OrderBy(g => g.Key, StringComparer.Ordinal);
        output.WriteLine("   events by type: " + string.Join(", ", byType.Select(g => Invariant($"{g.Key} {g.Count():N0}"))));

        var engine = new QueueMetricsEngine(options, calendar, start);
        for (var i = 0; i < measuredFrom; i++)
        {
            engine.Apply(traffic.Events[i]);
        }
        WriteView(output, "at the end of the warm-up", engine);

        var allocated = new Dictionary<string, (int Count, long Bytes, long Ticks)>(StringComparer.Ordinal);
        var allocating = new List<(string Type, long Bytes, TimeSpan At)>();
        using var allocationTicks = new AllocationTicks();
        allocationTicks.Start();
        for (var i = measuredFrom; i < measuredTo; i++)
        {
            var e = traffic.Events[i];
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            engine.Apply(e);
            var elapsed = System.Diagnostics.Stopwatch.GetTimestamp() - started;
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            var (count, total, ticks) = allocated.GetValueOrDefault(TypeOf(e));
            allocated[TypeOf(e)] = (count + 1, total + bytes, ticks + elapsed);
            if (bytes > 0)
            {
                allocating.Add((TypeOf(e), bytes, e.At - start));
            }
        }
        var named = allocationTicks.Stop();
        WriteView(output, "after the measured batch (in order)", engine);
        output.WriteLine("   Apply allocations in the measured batch, by event type: " + string.Join(", ",
            allocated.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => Invariant($"{a.Key} {a.Value.Bytes:N0} B over {a.Value.Count:N0} ({(double)a.Value.Bytes / a.Value.Count:0.0} B/event)"))));
        WriteAllocatingEvents(output, allocating, named);
        output.WriteLine("   Apply elapsed time by event type (Stopwatch around each call; includes preemption on a loaded machine): " + string.Join(", ",
            allocated.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => Invariant($"{a.Key} {a.Value.Ticks * 1e9 / System.Diagnostics.Stopwatch.Frequency / a.Value.Count:0} ns"))));

        var centre = new CentreMetrics(options, calendar, start);
        var deliveredFrom = Array.FindIndex(traffic.DeliveredAt, at => at >= (start + EventThroughputBenchmarks.WarmUp).UtcTicks);
        var nextAdvance = long.MinValue;
        long offerBytes = 0;
        for (var i = 0; i < deliveredFrom + EventThroughputBenchmarks.EventsPerOperation; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            if (traffic.DeliveredAt[i] >= nextAdvance)
            {
                centre.AdvanceTo(new DateTimeOffset(traffic.DeliveredAt[i], TimeSpan.Zero));
                nextAdvance = traffic.DeliveredAt[i] + TimeSpan.FromMilliseconds(100).Ticks;
            }
            centre.Offer(traffic.Delivered[i]);
            if (i >= deliveredFrom)
            {
                offerBytes += GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }
        output.WriteLine(Invariant($"   Offer+AdvanceTo allocations in the measured batch: {offerBytes:N0} B ({(double)offerBytes / EventThroughputBenchmarks.EventsPerOperation:0.0} B/event); late {centre.Late}, duplicates {centre.Duplicates}, pending {centre.Pending}"));
        WriteCpuTimes(output, options, calendar, traffic, measuredFrom, deliveredFrom);
        output.WriteLine(Invariant($"   in order vs delivered through the reorder buffer, whole feed: {(SameFigures(options, calendar, traffic) ? "same figures" : "FIGURES DIFFER")}"));
        output.WriteLine();
    }

    /// <summary>
    /// Which events of the measured batch allocated and how much each (grouped by size), and the objects the runtime
    /// named for those allocations (every object of 100 KB or more; smaller ones sampled).
    /// </summary>
    private static void WriteAllocatingEvents(TextWriter output, List<(string Type, long Bytes, TimeSpan At)> allocating,
        IReadOnlyList<(string Type, long Size, int Count)> named)
    {
        output.WriteLine(Invariant($"   events that allocated: {allocating.Count:N0} of {EventThroughputBenchmarks.EventsPerOperation:N0}, {allocating.Sum(a => a.Bytes):N0} B in all; by size:"));
        foreach (var size in allocating.GroupBy(a => a.Bytes).OrderByDescending(g => g.Key * g.Count()).Take(12))
        {
            var types = string.Join(", ", size.GroupBy(a => a.Type, StringComparer.Ordinal).Select(t => Invariant($"{t.Key} ×{t.Count()}")));
            var times = size.Count() <= 4 ? string.Join(", ", size.Select(a => a.At.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture))) : Invariant($"{size.First().At:h\\:mm\\:ss} … {size.Last().At:h\\:mm\\:ss}");
            output.WriteLine(Invariant($"     {size.Key,12:N0} B × {size.Count(),6:N0}  ({types}; at {times})"));
        }
        output.WriteLine("   objects the runtime named (GCAllocationTick: all ≥ 100 KB, smaller sampled): " + (named.Count == 0 ? "none" : string.Join(", ",
            named.Take(10).Select(n => Invariant($"{n.Type} {n.Size:N0} B ×{n.Count}")))));
    }

    /// <summary>
    /// Whether the allocations stop once the working set has grown: a long feed applied in order, the bytes
    /// allocated in each half hour of traffic and how many events allocated them.
    /// </summary>
    private static void DescribeGrowth(TextWriter output, int contactsPerHour, TimeSpan length)
    {
        var options = BenchmarkCentre.Options();
        var start = EventThroughputBenchmarks.Start;
        var traffic = FloorTraffic.Generate(options, TrafficProfile.For(contactsPerHour), start, length, seed: 42);
        var engine = new QueueMetricsEngine(options, CentreCalendar.For(options.Centre), start);
        var halfHour = TimeSpan.FromMinutes(30);
        var buckets = new List<string>();
        var bucketEnd = start + halfHour;
        long bytes = 0, events = 0, allocating = 0;
        foreach (var e in traffic.Events)
        {
            while (e.At >= bucketEnd)
            {
                buckets.Add(Invariant($"{bucketEnd - start:h\\:mm} {bytes / 1e6:0.0} MB/{allocating:N0} of {events:N0}"));
                bucketEnd += halfHour;
                bytes = events = allocating = 0;
            }
            var before = GC.GetAllocatedBytesForCurrentThread();
            engine.Apply(e);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            bytes += allocated;
            allocating += allocated > 0 ? 1 : 0;
            events++;
        }
        output.WriteLine(Invariant($"== Growth at {contactsPerHour:N0} contacts/hour over {length.TotalHours:0} h ({traffic.Events.Length:N0} events): Apply's allocations per half hour of traffic (up to: MB / events that allocated of events)"));
        for (var i = 0; i < buckets.Count; i += 4)
        {
            output.WriteLine("   " + string.Join(";  ", buckets.Skip(i).Take(4)));
        }
        output.WriteLine();
    }

    /// <summary>
    /// A cross-check of the benchmark on a shared machine: the process's CPU time (which waiting for a core does
    /// not inflate) and the elapsed time of the measured batch, three times each, on a fresh warmed-up engine.
    /// </summary>
    private static void WriteCpuTimes(TextWriter output, CcWallboard.Core.Configuration.CentreOptions options, CentreCalendar calendar,
        FloorTraffic traffic, int orderedFrom, int deliveredFrom)
    {
        var n = EventThroughputBenchmarks.EventsPerOperation;
        var start = EventThroughputBenchmarks.Start;
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var apply = new List<string>();
        var offer = new List<string>();
        for (var run = 0; run < 3; run++)
        {
            var engine = new QueueMetricsEngine(options, calendar, start);
            for (var i = 0; i < orderedFrom; i++)
            {
                engine.Apply(traffic.Events[i]);
            }
            apply.Add(Measure(() =>
            {
                for (var i = orderedFrom; i < orderedFrom + n; i++)
                {
                    engine.Apply(traffic.Events[i]);
                }
            }));

            var centre = new CentreMetrics(options, calendar, start);
            var nextAdvance = long.MinValue;
            void Feed(int from, int to)
            {
                for (var i = from; i < to; i++)
                {
                    if (traffic.DeliveredAt[i] >= nextAdvance)
                    {
                        centre.AdvanceTo(new DateTimeOffset(traffic.DeliveredAt[i], TimeSpan.Zero));
                        nextAdvance = traffic.DeliveredAt[i] + TimeSpan.FromMilliseconds(100).Ticks;
                    }
                    centre.Offer(traffic.Delivered[i]);
                }
            }
            Feed(0, deliveredFrom);
            offer.Add(Measure(() => Feed(deliveredFrom, deliveredFrom + n)));
        }
        output.WriteLine("   CPU / elapsed ns per event (GC pauses in the batch), Apply: " + string.Join("; ", apply) + "  Offer+AdvanceTo: " + string.Join("; ", offer));

        string Measure(Action batch)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var pause = GC.GetTotalPauseDuration();
            var gen2 = GC.CollectionCount(2);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            batch();
            clock.Stop();
            process.Refresh();
            var cpuNs = (process.TotalProcessorTime - cpu).TotalNanoseconds / n;
            return Invariant($"{cpuNs:0} / {clock.Elapsed.TotalNanoseconds / n:0} (GC pauses {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:0} ms, {GC.CollectionCount(2) - gen2} gen2)");
        }
    }

    /// <summary>The whole feed applied in order, and delivered through <see cref="CentreMetrics"/> then flushed, give the same figures.</summary>
    private static bool SameFigures(CcWallboard.Core.Configuration.CentreOptions options, CentreCalendar calendar, FloorTraffic traffic)
    {
        var start = EventThroughputBenchmarks.Start;
        var end = traffic.Events[^1].At;
        var engine = new QueueMetricsEngine(options, calendar, start - TimeSpan.FromSeconds(options.Centre.AllowedLatenessSeconds));
        foreach (var e in traffic.Events)
        {
            engine.Apply(e);
        }
        engine.AdvanceTo(end);
        var centre = new CentreMetrics(options, calendar, start);
        for (var i = 0; i < traffic.Delivered.Length; i++)
        {
            centre.AdvanceTo(new DateTimeOffset(traffic.DeliveredAt[i], TimeSpan.Zero));
            centre.Offer(traffic.Delivered[i]);
        }
        centre.Flush(end);
        var a = engine.ViewOf(QueueMetricsEngine.CentreId, end)!;
        var b = centre.Engine.ViewOf(QueueMetricsEngine.CentreId, end)!;
        return engine.EventsApplied == centre.Engine.EventsApplied && centre.Late == 0
            && a.Today == b.Today && a.Sliding.SequenceEqual(b.Sliding) && a.Agents.LoggedIn == b.Agents.LoggedIn && a.CallsWaiting == b.CallsWaiting;
    }

    private static void WriteView(TextWriter output, string when, QueueMetricsEngine engine)
    {
        var view = engine.ViewOf(QueueMetricsEngine.CentreId, engine.Now)!;
        var hour = view.Sliding[^1];
        output.WriteLine(Invariant($"   {when} ({engine.Now:HH:mm:ss}): 60m window offered {hour.Offered:N0} (answered {hour.Answered:N0}, abandoned {hour.Abandoned:N0}, short {hour.ShortAbandoned:N0}), handled {hour.Handled:N0} → ≈ {hour.Offered + hour.Handled + hour.TransferredOut:N0} outcomes in the ring; SL {hour.ServiceLevelPercent:0.0} %, ASA {hour.AsaSeconds:0.0} s, AHT {hour.AhtSeconds:0.0} s, occupancy {hour.OccupancyPercent:0.0} %; waiting {view.CallsWaiting}, logged in {view.Agents.LoggedIn}, not ready {view.Agents.NotReady}; orphans {engine.Orphans}"));
    }

    private static string TypeOf(AcdEvent e) => e is AgentStateChanged s ? "state:" + WireNames.Of(s.State) : e.Type;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

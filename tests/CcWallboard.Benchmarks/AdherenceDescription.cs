using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.CompilerServices;
using CcWallboard.Core.Adherence;
using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;
using CcWallboard.Core.Time;

namespace CcWallboard.Benchmarks;

/// <summary>
/// <c>--describe-adherence</c>: what the adherence benchmark's day holds, the engine's memory per agent (built, and after
/// the whole day), and the CPU time of the whole day fed in order and as the host feeds it.
/// </summary>
internal static class AdherenceDescription
{
    public static void Print(TextWriter output)
    {
        var floor = AdherenceFloor.Generate();
        var events = floor.Events;
        var calendar = CentreCalendar.For(floor.Options.Centre);
        var day = AdherenceFloor.Day;
        output.WriteLine(Invariant($"== {AdherenceFloor.AgentCount:N0} agents, {floor.Schedule.Values.Sum(s => s.Count):N0} scheduled activities, {events.Length:N0} state changes ({(double)events.Length / AdherenceFloor.AgentCount:0.0} per agent), {events[0].At:HH:mm} to {events[^1].At:HH:mm}"));
        var byState = events.GroupBy(e => e.State == AgentState.NotReady ? "not_ready:" + e.Reason : WireNames.Of(e.State)).OrderBy(g => g.Key, StringComparer.Ordinal);
        output.WriteLine("   by state: " + string.Join(", ", byState.Select(g => Invariant($"{g.Key} {g.Count():N0}"))));
        var midday = events.Count(e => e.At >= day.AddHours(11) && e.At < day.AddHours(15.5));
        output.WriteLine(Invariant($"   11:00–15:30 (every agent on shift): {midday / 4.5:N0} changes an hour = {midday / 4.5 / 3600:0.0} a second, one per agent every {4.5 * 60 * AdherenceFloor.AgentCount / midday:0.0} minutes"));
        var measured = Array.FindIndex(events, e => e.At >= AdherenceBenchmarks.MeasureFrom);
        var spanOf = (int count) => events[measured + count].At - events[measured].At;
        output.WriteLine(Invariant($"   the benchmarks start at {AdherenceBenchmarks.MeasureFrom:HH:mm} (event {measured:N0}); {AdherenceBenchmarks.EventsPerInvocation:N0} events span {spanOf(AdherenceBenchmarks.EventsPerInvocation)}, 9 invocations {spanOf(9 * AdherenceBenchmarks.EventsPerInvocation)}"));

        // Memory, each figure measured by dropping the object and seeing how much the heap shrinks: the schedule as the
        // caller builds it (the engine keeps a reference to it), the engine as built, and the engine after the whole day.
        // Each object is reached only through a box, so no stack slot of this method keeps it alive.
        var scheduleBytes = Retained(Boxed(() => ScheduleCopy(floor)));
        var schedule = ScheduleCopy(floor);
        var builtBytes = Retained(Boxed(() => new AdherenceEngine(floor.Options, calendar, schedule, day)));
        var engine = Boxed(() => new AdherenceEngine(floor.Options, calendar, schedule, day));
        var day1 = FeedDay(engine, floor);
        var fedBytes = Retained(engine);
        output.WriteLine(Invariant($"   memory per agent (the heap's shrink when it is dropped, after full compacting collections): schedule as given {scheduleBytes / AdherenceFloor.AgentCount:N0} B; engine built {builtBytes / AdherenceFloor.AgentCount:N0} B; engine after the whole day {fedBytes / AdherenceFloor.AgentCount:N0} B ({fedBytes / 1e6:0.0} MB for {AdherenceFloor.AgentCount:N0} agents, {day1.States:0} states recorded per agent)"));
        output.WriteLine(Invariant($"   whole day in order: CPU {day1.Cpu.TotalSeconds:0.0} s, elapsed {day1.Elapsed.TotalSeconds:0.0} s ({day1.Cpu.TotalNanoseconds / events.Length:N0} ns CPU per state change); {day1.Alerts:N0} alert changes; centre adherence {day1.Adherence:0.0} %"));
        GC.KeepAlive(schedule);
    }

    /// <summary>Feeds the whole day in order and advances to its last instant: CPU and elapsed time, alert changes, states recorded, adherence.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (TimeSpan Cpu, TimeSpan Elapsed, int Alerts, double States, double? Adherence) FeedDay(StrongBox<AdherenceEngine?> box, AdherenceFloor floor)
    {
        var engine = box.Value!;
        using var process = Process.GetCurrentProcess();
        var (cpu, elapsed) = (process.TotalProcessorTime, Stopwatch.StartNew());
        var alerts = 0;
        foreach (var e in floor.Events)
        {
            alerts += engine.Apply(e).Count;
        }
        alerts += engine.AdvanceTo(AdherenceFloor.Day.AddDays(1).AddTicks(-1)).Count;
        process.Refresh();
        var states = floor.Options.Agents.Take(100).Average(a => engine.Timeline(a.Id)!.Actual.Count);
        return (process.TotalProcessorTime - cpu, elapsed.Elapsed, alerts, states, engine.Centre.AdherencePercent);
    }

    private static Dictionary<string, IReadOnlyList<ScheduledActivity>> ScheduleCopy(AdherenceFloor floor) =>
        floor.Options.Agents.Select((a, i) => (a.Id, Activities: AdherenceFloor.ShiftOf(a.Id, AdherenceFloor.Day + AdherenceFloor.FirstShiftStart + (AdherenceFloor.ShiftStartStep * (i % AdherenceFloor.ShiftStarts)))))
            .ToDictionary(a => a.Id, a => (IReadOnlyList<ScheduledActivity>)a.Activities, StringComparer.Ordinal);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static StrongBox<T?> Boxed<T>(Func<T> create)
        where T : class => new(create());

    /// <summary>How many bytes the heap holds for the boxed object alone: the heap with it, less the heap once it is dropped.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Retained<T>(StrongBox<T?> box)
        where T : class
    {
        var with = Settled();
        box.Value = null;
        return with - Settled();
    }

    /// <summary>Bytes in live objects after full, compacting collections (the large object heap included).</summary>
    private static long Settled()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

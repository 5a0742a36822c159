using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace CcWallboard.Benchmarks;

/// <summary>
/// Names what the process allocates: the runtime's <c>GCAllocationTick</c> event, which reports the type and size of
/// the object that crosses each ~100 KB of allocation. Every object of 100 KB or more is reported (it crosses on its
/// own); smaller ones are sampled. Used by <c>--describe-traffic</c> to say which arrays the engine grows.
/// </summary>
internal sealed class AllocationTicks : EventListener
{
    private const int AllocationTickEventId = 10;
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentQueue<(string Type, long Size)> _ticks = new();
    private volatile bool _recording;

    /// <summary>Starts recording (the listener is live from construction; ticks before this are dropped).</summary>
    public void Start()
    {
        _ticks.Clear();
        _recording = true;
    }

    /// <summary>Stops recording and returns the objects reported: type name and size in bytes, by type and size.</summary>
    public IReadOnlyList<(string Type, long Size, int Count)> Stop()
    {
        // The runtime delivers its events on a dispatcher thread: give it a moment to drain.
        Thread.Sleep(1500);
        _recording = false;
        return [.. _ticks.GroupBy(t => t)
            .Select(g => (g.Key.Type, g.Key.Size, g.Count()))
            .OrderByDescending(t => t.Size * t.Item3)];
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventId != AllocationTickEventId || eventData.PayloadNames is null)
        {
            return;
        }
        var type = Payload(eventData, "TypeName") as string ?? "?";
        var size = Payload(eventData, "ObjectSize") is { } objectSize ? Convert.ToInt64(objectSize, System.Globalization.CultureInfo.InvariantCulture) : -1;
        _ticks.Enqueue((type, size));
    }

    private static object? Payload(EventWrittenEventArgs e, string name)
    {
        var index = e.PayloadNames!.IndexOf(name);
        return index >= 0 && e.Payload is { } payload ? payload[index] : null;
    }
}

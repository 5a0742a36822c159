using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Metrics;

/// <summary>
/// A centre's metrics from a live or replayed feed: events go through the <see cref="EventReorderBuffer"/>
/// (order within the allowed lateness, duplicates dropped) into the <see cref="QueueMetricsEngine"/>. The
/// host and <c>ccwallboard replay</c> run this same code; the host on its clock, replay on virtual time.
/// Single-threaded like the engine.
/// </summary>
public sealed partial class CentreMetrics
{
    private readonly EventReorderBuffer _buffer;
    private readonly Action<AcdEvent> _apply;
    private readonly TimeSpan _lateness;
    private readonly string _fingerprint;

    public CentreMetrics(CentreOptions options, DateTimeOffset start)
        : this(options, CentreCalendar.For(options?.Centre ?? throw new ArgumentNullException(nameof(options))), start)
    {
    }

    /// <param name="options">The centre.</param>
    /// <param name="calendar">The centre's calendar.</param>
    /// <param name="start">The engine's clock at the start.</param>
    /// <param name="released">
    /// Optional second consumer of the ordered stream: every event the engine applies, right after it (e.g. the
    /// adherence engine in <c>ccwallboard replay</c>).
    /// </param>
    public CentreMetrics(CentreOptions options, CentreCalendar calendar, DateTimeOffset start, Action<AcdEvent>? released = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _fingerprint = QueueMetricsEngine.FingerprintOf(options);
        _lateness = TimeSpan.FromSeconds(options.Centre.AllowedLatenessSeconds);
        Engine = new QueueMetricsEngine(options, calendar, start - _lateness);
        var longestWindow = TimeSpan.FromMinutes(options.Centre.EffectiveSlidingWindowsMinutes.Max());
        _buffer = new EventReorderBuffer(_lateness, longestWindow);
        var engine = Engine;
        _apply = released is null ? engine.Apply : e =>
        {
            engine.Apply(e);
            released(e);
        };
    }

    public QueueMetricsEngine Engine { get; }

    public TimeSpan AllowedLateness => _lateness;

    public long Duplicates => _buffer.Duplicates;

    public long Late => _buffer.Late;

    public int Pending => _buffer.Pending;

    internal EventReorderBuffer Buffer => _buffer;

    /// <summary>Takes one event from the feed; false when it is a duplicate.</summary>
    public bool Offer(AcdEvent e) => _buffer.Offer(e, _apply);

    /// <summary>
    /// Brings the figures up to the clock: releases the events the watermark has passed and moves the
    /// engine to the watermark (the clock minus the allowed lateness, or later when events run ahead).
    /// </summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        _buffer.Release(now, _apply);
        if (_buffer.Watermark > DateTimeOffset.MinValue)
        {
            Engine.AdvanceTo(_buffer.Watermark);
        }
    }

    /// <summary>End of a replayed feed: everything held is applied, and the engine stands at <paramref name="end"/>.</summary>
    public void Flush(DateTimeOffset end)
    {
        _buffer.Flush(_apply);
        Engine.AdvanceTo(end);
    }
}

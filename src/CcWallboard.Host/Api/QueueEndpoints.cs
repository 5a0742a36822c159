using System.Text.Json;
using System.Text.Json.Serialization;
using CcWallboard.Core.Metrics;
using CcWallboard.Host.Pipeline;

namespace CcWallboard.Host.Api;

/// <summary>
/// The read API for integrations: the figures of every queue, queue group and the centre, read from the same
/// engine (under the same lock, brought up to the same clock) as the boards' pushes.
/// </summary>
public static class QueueEndpoints
{
    public static IEndpointRouteBuilder MapQueueEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/queues", (LiveCentre centre) => centre.Read(QueueListing.Read));
        api.MapGet("/queues/{id}/metrics", (string id, LiveCentre centre) => MetricsOf(centre, id));
        api.MapGet("/centre/metrics", (LiveCentre centre) => MetricsOf(centre, QueueMetricsEngine.CentreId));
        return api;
    }

    private static IResult MetricsOf(LiveCentre centre, string id) =>
        centre.Read((engine, now) => QueueMetrics.Read(engine, id, now)) is { } metrics
            ? TypedResults.Ok(metrics)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such queue or group",
                detail: $"id: '{id}' is not a configured queue or queue group",
                extensions: new Dictionary<string, object?> { ["id"] = id });
}

/// <summary>
/// <c>GET /api/queues</c>: every queue and queue group and the centre as of one instant. <see cref="AsOf"/> is the
/// clock (longest waits are measured to it); <see cref="FiguresAsOf"/> the time the counted figures are final up to.
/// </summary>
public sealed record QueueListing(
    DateTimeOffset AsOf,
    DateTimeOffset FiguresAsOf,
    string TimeZone,
    DateOnly Day,
    int IntervalMinutes,
    IReadOnlyList<QueueSnapshot> Queues,
    IReadOnlyList<QueueSnapshot> Groups,
    QueueSnapshot Centre)
{
    public static QueueListing Read(QueueMetricsEngine engine, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var aggregates = engine.Aggregates.ToList();
        return new QueueListing(now, engine.Now, engine.Calendar.TimeZone.Id, engine.Day.Date,
            (int)engine.Calendar.IntervalLength.TotalMinutes, Of(AggregateKinds.Queue), Of(AggregateKinds.Group),
            engine.ViewOf(QueueMetricsEngine.CentreId, now)!);

        QueueSnapshot[] Of(string kind) => [.. aggregates.Where(a => a.Kind == kind).Select(a => engine.ViewOf(a.Id, now)!)];
    }
}

/// <summary>
/// <c>GET /api/queues/{id}/metrics</c> and <c>GET /api/centre/metrics</c>: the <see cref="QueueSnapshot"/> of one queue,
/// group or the centre, its properties at the top level beside <c>asOf</c>, <c>figuresAsOf</c> and <c>intervals</c>
/// (every interval of today up to the current one, with all figures).
/// </summary>
[JsonConverter(typeof(QueueMetricsJsonConverter))]
public sealed record QueueMetrics(DateTimeOffset AsOf, DateTimeOffset FiguresAsOf, QueueSnapshot Snapshot, IReadOnlyList<QueueFigures> Intervals)
{
    /// <summary>The metrics of <paramref name="id"/>; null when it is no queue, group or the centre.</summary>
    public static QueueMetrics? Read(QueueMetricsEngine engine, string id, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.ViewOf(id, now) is { } snapshot && engine.IntervalsOf(id, now) is { } intervals
            ? new QueueMetrics(now, engine.Now, snapshot, intervals)
            : null;
    }
}

/// <summary>Writes <see cref="QueueMetrics"/> flat: <c>{ asOf, figuresAsOf, ...snapshot, intervals }</c>, with the serializer's naming.</summary>
internal sealed class QueueMetricsJsonConverter : JsonConverter<QueueMetrics>
{
    public override QueueMetrics Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("QueueMetrics is written, not read: read the body as a QueueSnapshot and its intervals.");

    public override void Write(Utf8JsonWriter writer, QueueMetrics value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        writer.WriteStartObject();
        Property(nameof(QueueMetrics.AsOf), value.AsOf);
        Property(nameof(QueueMetrics.FiguresAsOf), value.FiguresAsOf);
        using (var snapshot = JsonSerializer.SerializeToDocument(value.Snapshot, options))
        {
            foreach (var property in snapshot.RootElement.EnumerateObject())
            {
                property.WriteTo(writer);
            }
        }
        Property(nameof(QueueMetrics.Intervals), value.Intervals);
        writer.WriteEndObject();

        void Property<T>(string name, T item)
        {
            writer.WritePropertyName(options.PropertyNamingPolicy?.ConvertName(name) ?? name);
            JsonSerializer.Serialize(writer, item, options);
        }
    }
}

using System.Text.Json;
using CcWallboard.Adapters.AmazonConnect;
using CcWallboard.Core.Events;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CcWallboard.Host.Ingestion;

/// <summary>
/// <c>POST /api/sources/amazon-connect/agent-events</c>: records of the Amazon Connect agent event stream as a
/// Kinesis → HTTP forwarder sends them, one record (a JSON object) or a JSON array of records, authenticated like
/// <c>/api/events</c> by the source's key in <c>X-Api-Key</c>. Each source's records go through that source's
/// <see cref="AgentEventMapper"/> (<see cref="AmazonConnectMappers"/>) and the events they give are handed to
/// <see cref="EventIngestion"/>. The answer comes after the events are appended: 200 when every record was taken,
/// 422 (ProblemDetails listing each rejected record's position, JSON path and reason) when some were not — the others
/// are kept — and 503 while the log cannot append (send the batch again: a record seen again gives the same events,
/// which the log recognises by id).
/// </summary>
public static partial class AmazonConnectEndpoints
{
    public const string Path = "/api/sources/amazon-connect/agent-events";

    /// <summary>The mapping options (section <c>AmazonConnect</c>) and one mapper per source.</summary>
    public static IServiceCollection AddAmazonConnectIngestion(this IServiceCollection services)
    {
        services.AddOptions<AgentEventMapperOptions>().BindConfiguration(AgentEventMapperOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentEventMapperOptions>, AgentEventMapperOptionsValidator>();
        services.AddSingleton<AmazonConnectMappers>();
        return services;
    }

    public static IEndpointRouteBuilder MapAmazonConnect(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(Path, PostAgentEventsAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> PostAgentEventsAsync(HttpContext http, EventIngestion ingestion, ApiKeys keys, AmazonConnectMappers mappers,
        IOptions<IngestionOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (keys.SourceOf(http.Request) is not { } source)
        {
            ingestion.CountRefused("unknown", "unauthorized");
            return ApiKeys.Unauthorized();
        }
        if (!string.Equals(http.Request.ContentType?.Split(';')[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
        {
            ingestion.CountRefused(source, "unsupported_media_type");
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                detail: $"Content-Type: '{http.Request.ContentType}' is not application/json (a record, or an array of records)");
        }
        var body = await IngestionEndpoints.ReadBodyAsync(http.Request, settings.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            ingestion.CountRefused(source, "too_large");
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
                detail: $"body: larger than {settings.MaxBodyBytes} bytes (Ingestion:MaxBodyBytes); send smaller batches");
        }

        List<AgentEventParseResult> records;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                ingestion.CountRefused(source, "malformed");
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a record",
                    detail: "body: must be one agent event record (a JSON object) or a JSON array of records");
            }
            var count = root.ValueKind == JsonValueKind.Array ? root.GetArrayLength() : 1;
            if (count > settings.MaxBatchEvents)
            {
                ingestion.CountRefused(source, "too_many_events");
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large",
                    detail: $"body: {count} records; a batch holds at most {settings.MaxBatchEvents} (Ingestion:MaxBatchEvents); nothing was appended");
            }
            records = root.ValueKind == JsonValueKind.Array
                ? [.. root.EnumerateArray().Select(AgentEventRecord.Parse)]
                : [AgentEventRecord.Parse(root)];
        }
        catch (JsonException ex)
        {
            ingestion.CountRefused(source, "malformed");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not valid JSON",
                detail: $"body: not valid JSON ({ex.Message}); nothing was appended");
        }

        var mapped = mappers.Map(source, [.. records.Select(r => r.Record)]);
        var events = new List<AcdEvent>();
        var recordOfEvent = new List<int>();
        for (var i = 0; i < mapped.Count; i++)
        {
            events.AddRange(mapped[i]);
            recordOfEvent.AddRange(Enumerable.Repeat(i, mapped[i].Count));
        }

        IngestionResult result;
        try
        {
            result = await ingestion.SubmitAsync(source, events, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            ingestion.CountRefused(source, "store_unavailable");
            LogStoreUnavailable(loggers.CreateLogger(typeof(AmazonConnectEndpoints)), ex, source, records.Count, events.Count);
            http.Response.Headers.RetryAfter = "5";
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Event log unavailable",
                detail: "The event log cannot append now. Send the whole batch again: a record seen again gives the same events, which are counted once.");
        }

        var rejected = Rejections(records, events, recordOfEvent, result);
        if (rejected.Count == 0)
        {
            return Results.Ok(new AgentEventsResponse(records.Count, result.Appended, result.Duplicates, []));
        }
        LogRecordsRejected(loggers.CreateLogger(typeof(AmazonConnectEndpoints)), rejected.Count, records.Count, source,
            string.Join("; ", rejected[0].Errors.Select(e => $"{e.Field}: {e.Reason}")));
        return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Some records were rejected",
            detail: $"{rejected.Count} of {records.Count} records were rejected (listed with their position, field and reason); the others were taken.",
            extensions: new Dictionary<string, object?>
            {
                ["records"] = records.Count,
                ["accepted"] = result.Appended,
                ["duplicates"] = result.Duplicates,
                ["rejected"] = rejected,
            });
    }

    /// <summary>
    /// Each rejected record by position: a record that could not be read, with every field at fault by JSON path; or a
    /// record some of whose events the ingestion refused (e.g. a queue the centre does not have), with those events.
    /// </summary>
    private static List<RejectedRecordResponse> Rejections(List<AgentEventParseResult> records, List<AcdEvent> events,
        List<int> recordOfEvent, IngestionResult result)
    {
        var refusedEvents = result.Rejected.ToLookup(r => recordOfEvent[r.Position]);
        var rejected = new List<RejectedRecordResponse>();
        for (var i = 0; i < records.Count; i++)
        {
            List<FieldErrorResponse> errors =
            [
                .. records[i].Errors.Select(e => new FieldErrorResponse(e.Field, e.Reason)),
                .. refusedEvents[i].SelectMany(r => r.Errors.Select(e => EventError(events[r.Position], e))),
            ];
            if (errors.Count > 0)
            {
                rejected.Add(new RejectedRecordResponse(i, errors));
            }
        }
        return rejected;
    }

    private static FieldErrorResponse EventError(AcdEvent e, FieldError error) => new(
        $"{e.Type}.{error.Field}",
        error.Field == "queueId"
            ? $"{error.Reason} (event {e.Id}; list the Connect queue's ARN or name under {AgentEventMapperOptions.Section}:Queues)"
            : $"{error.Reason} (event {e.Id})");

    [LoggerMessage(EventId = 1020, Level = LogLevel.Error, Message = "The event log could not append {Events} events of {Records} Amazon Connect records from {Source}; answered 503")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception, string source, int records, int events);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "Rejected {Rejected} of {Records} Amazon Connect records from {Source}; the first: {Errors}")]
    private static partial void LogRecordsRejected(ILogger logger, int rejected, int records, string source, string errors);
}

/// <summary>The answer to a batch of records: how many records, and the events they gave that were appended or already known.</summary>
public sealed record AgentEventsResponse(int Records, int Accepted, int Duplicates, IReadOnlyList<RejectedRecordResponse> Rejected);

/// <summary>A rejected record: its zero-based position in the batch and every field at fault.</summary>
public sealed record RejectedRecordResponse(int Position, IReadOnlyList<FieldErrorResponse> Errors);

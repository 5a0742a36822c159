using System.Text;
using System.Text.Json;
using CcWallboard.Core.Events;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CcWallboard.Host.Ingestion;

/// <summary>
/// <c>POST /api/events</c>: producers send normalized events as a JSON array (<c>application/json</c>) or JSON Lines
/// (<c>application/x-ndjson</c>), authenticated by their source's API key in <c>X-Api-Key</c>. The answer comes after
/// the accepted events are appended to the log: 200 when every event was taken, 422 (ProblemDetails listing each
/// rejected event's position, field and reason) when some were rejected — the valid ones are appended either way —
/// and 503 while the log cannot append (retry the whole batch: events already appended are recognised by id).
/// </summary>
public static partial class IngestionEndpoints
{
    public const string ApiKeyHeader = ApiKeys.Header;

    public static IEndpointRouteBuilder MapIngestion(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/events", PostEventsAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> PostEventsAsync(HttpContext http, EventIngestion ingestion, ApiKeys keys, IOptions<IngestionOptions> options,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var logger = loggers.CreateLogger(typeof(IngestionEndpoints));
        if (keys.SourceOf(http.Request) is not { } source)
        {
            ingestion.CountRefused("unknown", "unauthorized");
            return ApiKeys.Unauthorized();
        }

        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not ("application/json" or "application/x-ndjson" or "application/jsonl"))
        {
            ingestion.CountRefused(source, "unsupported_media_type");
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                detail: $"Content-Type: '{http.Request.ContentType}' is not application/json (an array of events) or application/x-ndjson (one event a line)");
        }

        var body = await ReadBodyAsync(http.Request, settings.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            ingestion.CountRefused(source, "too_large");
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
                detail: $"body: larger than {settings.MaxBodyBytes} bytes (Ingestion:MaxBodyBytes); send smaller batches");
        }

        var now = time.GetUtcNow();
        var skew = TimeSpan.FromDays(3650); // the future bound is checked by the ingestion against the centre's setting
        IReadOnlyList<ParsedInput> inputs;
        IReadOnlyList<long>? lines = null;
        if (mediaType == "application/json")
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    ingestion.CountRefused(source, "malformed");
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a batch",
                        detail: "body: must be a JSON array of events (or send application/x-ndjson, one event a line)");
                }
                if (document.RootElement.GetArrayLength() > settings.MaxBatchEvents)
                {
                    return TooManyEvents(ingestion, source, document.RootElement.GetArrayLength(), settings.MaxBatchEvents);
                }
                inputs = [.. document.RootElement.EnumerateArray().Select(element => ParsedInput.Of(AcdEventJson.Parse(element, now, skew)))];
            }
            catch (JsonException ex)
            {
                ingestion.CountRefused(source, "malformed");
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not valid JSON",
                    detail: $"body: not valid JSON ({ex.Message}); nothing was appended");
            }
        }
        else
        {
            var text = Encoding.UTF8.GetString(body);
            var numbered = text.Split('\n').Select((line, index) => (Line: index + 1L, Text: line.TrimEnd('\r')))
                .Where(l => !string.IsNullOrWhiteSpace(l.Text)).ToList();
            if (numbered.Count > settings.MaxBatchEvents)
            {
                return TooManyEvents(ingestion, source, numbered.Count, settings.MaxBatchEvents);
            }
            inputs = [.. numbered.Select(l => ParsedInput.Of(AcdEventJson.ParseLine(l.Text, now, skew)))];
            lines = [.. numbered.Select(l => l.Line)];
        }

        IngestionResult result;
        try
        {
            result = await ingestion.SubmitJsonAsync(source, inputs, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            ingestion.CountRefused(source, "store_unavailable");
            LogStoreUnavailable(logger, ex, source, inputs.Count);
            http.Response.Headers.RetryAfter = "5";
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Event log unavailable",
                detail: "The event log cannot append now. Retry the whole batch: events already appended are recognised by their id and counted once.");
        }

        if (result.Rejected.Count == 0)
        {
            return Results.Ok(new IngestionResponse(result.Appended, result.Duplicates, []));
        }
        var rejected = result.Rejected.Select(r => new RejectedEventResponse(r.Position, lines?[r.Position],
            [.. r.Errors.Select(e => new FieldErrorResponse(e.Field, e.Reason))])).ToList();
        return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Some events were rejected",
            detail: $"{rejected.Count} of {inputs.Count} events were rejected (listed with their position, field and reason); the other {result.Appended + result.Duplicates} were taken.",
            extensions: new Dictionary<string, object?>
            {
                ["accepted"] = result.Appended,
                ["duplicates"] = result.Duplicates,
                ["rejected"] = rejected,
            });
    }

    private static IResult TooManyEvents(EventIngestion ingestion, string source, int count, int max)
    {
        ingestion.CountRefused(source, "too_many_events");
        return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large",
            detail: $"body: {count} events; a batch holds at most {max} (Ingestion:MaxBatchEvents); nothing was appended");
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    internal static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "The event log could not append a batch of {Count} events from {Source}; answered 503")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception, string source, int count);
}

/// <summary>The answer to a batch whose events were all taken.</summary>
public sealed record IngestionResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedEventResponse> Rejected);

/// <summary>A rejected event: its zero-based position in the batch, its line for JSON Lines, and every field at fault.</summary>
public sealed record RejectedEventResponse(int Position, long? Line, IReadOnlyList<FieldErrorResponse> Errors);

public sealed record FieldErrorResponse(string Field, string Reason);

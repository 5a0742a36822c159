using System.Globalization;
using System.Text;
using CcWallboard.Core.Adherence;
using CcWallboard.Host.Ingestion;

namespace CcWallboard.Host.Adherence;

/// <summary>
/// <c>PUT /api/schedules/{date}</c> replaces a day's schedule (CSV <c>agentId,activity,start,end</c> as <c>text/csv</c>, or the
/// same as a JSON array), authenticated by a source key (<c>X-Api-Key</c>); <c>GET /api/schedules/{date}</c> returns it.
/// A bad row rejects the whole file (422, each error with its row, field and reason) and the old schedule stays.
/// </summary>
public static class ScheduleEndpoints
{
    public static IEndpointRouteBuilder MapSchedules(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPut("/api/schedules/{date}", PutAsync).DisableAntiforgery();
        app.MapGet("/api/schedules/{date}", GetAsync);
        return app;
    }

    private static bool TryParseDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static IResult BadDate(string text) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a date",
            detail: $"date: '{text}' is not a day YYYY-MM-DD", extensions: new Dictionary<string, object?> { ["field"] = "date" });

    private static async Task<IResult> PutAsync(string date, HttpContext http, Schedules schedules, ApiKeys keys, CancellationToken cancellationToken)
    {
        if (keys.SourceOf(http.Request) is null)
        {
            return ApiKeys.Unauthorized();
        }
        if (!TryParseDay(date, out var day))
        {
            return BadDate(date);
        }
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        ScheduleFormat format;
        switch (mediaType)
        {
            case "text/csv":
                format = ScheduleFormat.Csv;
                break;
            case "application/json":
                format = ScheduleFormat.Json;
                break;
            default:
                return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
                    detail: $"Content-Type: '{http.Request.ContentType}' is not text/csv or application/json");
        }
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var errors = await schedules.PutAsync(day, text, format, cancellationToken).ConfigureAwait(false);
        if (errors.Count == 0)
        {
            return Results.NoContent();
        }
        return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Schedule rejected",
            detail: $"{errors.Count} errors; nothing was changed and the previous schedule of {day:yyyy-MM-dd} stays.",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => new { row = e.Row, field = e.Field, reason = e.Reason }).ToList(),
            });
    }

    private static async Task<IResult> GetAsync(string date, HttpContext http, Schedules schedules, CancellationToken cancellationToken)
    {
        if (!TryParseDay(date, out var day))
        {
            return BadDate(date);
        }
        var (schedule, imported) = await schedules.ForDayAsync(day, cancellationToken).ConfigureAwait(false);
        http.Response.Headers["X-Schedule-Source"] = imported ? "imported" : "shift-patterns";
        var json = http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        return Results.Text(ScheduleFile.Write(schedule, json ? ScheduleFormat.Json : ScheduleFormat.Csv),
            json ? "application/json" : "text/csv; charset=utf-8");
    }
}

using System.Globalization;
using System.Text;
using CcWallboard.Host.Ingestion;

namespace CcWallboard.Host.Api;

/// <summary>
/// What the endpoints of day files (<c>/api/schedules/{date}</c>, <c>/api/forecasts/{date}</c>) share: the date in the
/// path, a body of <c>text/csv</c> or <c>application/json</c>, CSV or JSON back by <c>Accept</c>, and the 422 that lists
/// every row's error.
/// </summary>
internal static class DayFileRequests
{
    /// <summary>What a day's file says is wrong with it: each error's row, field and reason (none: it was taken).</summary>
    public delegate Task<IReadOnlyList<(int? Row, string Field, string Reason)>> PutDayFile(
        DateOnly day, string text, bool json, CancellationToken cancellationToken);

    /// <summary>
    /// <c>PUT /api/{files}/{date}</c>: a source key (401 without), the date (400), a CSV or JSON body (415 for another
    /// type), then <paramref name="put"/>; 204 when the file was taken, else 422 listing every row's error — nothing
    /// changed and the day keeps its previous <paramref name="noun"/>.
    /// </summary>
    public static async Task<IResult> PutAsync(HttpContext http, ApiKeys keys, string date, string noun, PutDayFile put,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(put);
        if (keys.SourceOf(http.Request) is null)
        {
            return ApiKeys.Unauthorized();
        }
        if (!TryParseDay(date, out var day))
        {
            return BadDate(date);
        }
        if (IsJsonBody(http.Request) is not { } json)
        {
            return UnsupportedMediaType(http.Request);
        }
        var text = await ReadBodyAsync(http.Request, cancellationToken).ConfigureAwait(false);
        var errors = await put(day, text, json, cancellationToken).ConfigureAwait(false);
        return errors.Count == 0
            ? Results.NoContent()
            : Rejected($"{char.ToUpperInvariant(noun[0])}{noun[1..]} rejected",
                $"{errors.Count} errors; nothing was changed and the previous {noun} of {day:yyyy-MM-dd} stays.", errors);
    }

    public static bool TryParseDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    public static IResult BadDate(string text) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a date",
            detail: $"date: '{text}' is not a day YYYY-MM-DD", extensions: new Dictionary<string, object?> { ["field"] = "date" });

    /// <summary>True for a JSON body, false for CSV, null for any other content type (answer <see cref="UnsupportedMediaType"/>).</summary>
    private static bool? IsJsonBody(HttpRequest request) =>
        request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "text/csv" => false,
            "application/json" => true,
            _ => null,
        };

    private static IResult UnsupportedMediaType(HttpRequest request) =>
        Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
            detail: $"Content-Type: '{request.ContentType}' is not text/csv or application/json");

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the request accepts JSON (CSV is the default).</summary>
    public static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    public static IResult File(string text, bool json) => Results.Text(text, json ? "application/json" : "text/csv; charset=utf-8");

    /// <summary>422: the file was rejected whole; each error with its row, field and reason.</summary>
    private static IResult Rejected(string title, string detail, IEnumerable<(int? Row, string Field, string Reason)> errors) =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => new { row = e.Row, field = e.Field, reason = e.Reason }).ToList(),
            });
}

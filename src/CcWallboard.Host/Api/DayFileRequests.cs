using System.Globalization;
using System.Text;

namespace CcWallboard.Host.Api;

/// <summary>
/// What the endpoints of day files (<c>/api/schedules/{date}</c>, <c>/api/forecasts/{date}</c>) share: the date in the
/// path, a body of <c>text/csv</c> or <c>application/json</c>, CSV or JSON back by <c>Accept</c>, and the 422 that lists
/// every row's error.
/// </summary>
internal static class DayFileRequests
{
    public static bool TryParseDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    public static IResult BadDate(string text) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a date",
            detail: $"date: '{text}' is not a day YYYY-MM-DD", extensions: new Dictionary<string, object?> { ["field"] = "date" });

    /// <summary>True for a JSON body, false for CSV, null for any other content type (answer <see cref="UnsupportedMediaType"/>).</summary>
    public static bool? IsJsonBody(HttpRequest request) =>
        request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "text/csv" => false,
            "application/json" => true,
            _ => null,
        };

    public static IResult UnsupportedMediaType(HttpRequest request) =>
        Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type",
            detail: $"Content-Type: '{request.ContentType}' is not text/csv or application/json");

    public static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the request accepts JSON (CSV is the default).</summary>
    public static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    public static IResult File(string text, bool json) => Results.Text(text, json ? "application/json" : "text/csv; charset=utf-8");

    /// <summary>422: the file was rejected whole; each error with its row, field and reason.</summary>
    public static IResult Rejected(string title, string detail, IEnumerable<(int? Row, string Field, string Reason)> errors) =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => new { row = e.Row, field = e.Field, reason = e.Reason }).ToList(),
            });
}

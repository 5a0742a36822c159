using CcWallboard.Core.Planning;
using CcWallboard.Host.Api;
using CcWallboard.Host.Ingestion;

namespace CcWallboard.Host.Planning;

/// <summary>
/// <c>PUT /api/forecasts/{date}</c> replaces a day's forecast (CSV <c>queueId,intervalStart,offered,ahtSeconds</c> as
/// <c>text/csv</c>, or the same as a JSON array), authenticated by a source key (<c>X-Api-Key</c>);
/// <c>GET /api/forecasts/{date}</c> returns the forecast in force, its source in <c>X-Forecast-Source</c>
/// (<c>imported</c> or <c>simulator</c>), or 404 when the day has none. A bad row rejects the whole file (422, each
/// error with its row, field and reason) and the old forecast stays.
/// </summary>
public static class ForecastEndpoints
{
    public const string SourceHeader = "X-Forecast-Source";

    public static IEndpointRouteBuilder MapForecasts(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPut("/api/forecasts/{date}", PutAsync).DisableAntiforgery();
        app.MapGet("/api/forecasts/{date}", GetAsync);
        return app;
    }

    private static Task<IResult> PutAsync(string date, HttpContext http, Forecasts forecasts, ApiKeys keys, CancellationToken cancellationToken) =>
        DayFileRequests.PutAsync(http, keys, date, "forecast", async (day, text, json, token) =>
            (await forecasts.PutAsync(day, text, json ? ForecastFormat.Json : ForecastFormat.Csv, token).ConfigureAwait(false))
                .Select(e => (e.Row, e.Field, e.Reason)).ToList(), cancellationToken);

    private static async Task<IResult> GetAsync(string date, HttpContext http, Forecasts forecasts, CancellationToken cancellationToken)
    {
        if (!DayFileRequests.TryParseDay(date, out var day))
        {
            return DayFileRequests.BadDate(date);
        }
        if (await forecasts.ForDayAsync(day, cancellationToken).ConfigureAwait(false) is not { } forecast)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No forecast",
                detail: $"date: no forecast was imported for {day:yyyy-MM-dd} and none comes from the simulator " +
                    "(PUT /api/forecasts/{date}, Planning:ForecastFiles, or Planning:ForecastFromSimulator with the simulator on)");
        }
        http.Response.Headers[SourceHeader] = forecast.Source;
        var json = DayFileRequests.WantsJson(http.Request);
        return DayFileRequests.File(ForecastFile.Write(forecast, json ? ForecastFormat.Json : ForecastFormat.Csv), json);
    }
}

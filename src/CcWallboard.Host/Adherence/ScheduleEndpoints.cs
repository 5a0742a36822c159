using CcWallboard.Core.Adherence;
using CcWallboard.Host.Api;
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

    private static Task<IResult> PutAsync(string date, HttpContext http, Schedules schedules, ApiKeys keys, CancellationToken cancellationToken) =>
        DayFileRequests.PutAsync(http, keys, date, "schedule", async (day, text, json, token) =>
            (await schedules.PutAsync(day, text, json ? ScheduleFormat.Json : ScheduleFormat.Csv, token).ConfigureAwait(false))
                .Select(e => (e.Row, e.Field, e.Reason)).ToList(), cancellationToken);

    private static async Task<IResult> GetAsync(string date, HttpContext http, Schedules schedules, CancellationToken cancellationToken)
    {
        if (!DayFileRequests.TryParseDay(date, out var day))
        {
            return DayFileRequests.BadDate(date);
        }
        var (schedule, imported) = await schedules.ForDayAsync(day, cancellationToken).ConfigureAwait(false);
        http.Response.Headers["X-Schedule-Source"] = imported ? "imported" : "shift-patterns";
        var json = DayFileRequests.WantsJson(http.Request);
        return DayFileRequests.File(ScheduleFile.Write(schedule, json ? ScheduleFormat.Json : ScheduleFormat.Csv), json);
    }
}

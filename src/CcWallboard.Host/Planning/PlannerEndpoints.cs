using CcWallboard.Core.Planning;

namespace CcWallboard.Host.Planning;

/// <summary>
/// <c>GET /api/planner</c>: every queue's plan now (<see cref="PlannerSnapshot"/>);
/// <c>GET /api/planner/{queueId}/intervals.csv</c>: one queue's intervals of today as CSV (<see cref="PlannerCsv"/>).
/// Both answer 503 with <c>Retry-After</c> while the host is still reading its log.
/// </summary>
public static class PlannerEndpoints
{
    public static IEndpointRouteBuilder MapPlanner(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/planner", (LivePlanner planner, HttpContext http) =>
            planner.Snapshot() is { } snapshot ? Results.Ok(snapshot) : NotReady(http));
        app.MapGet("/api/planner/{queueId}/intervals.csv", (string queueId, LivePlanner planner, HttpContext http) =>
        {
            if (planner.Snapshot() is not { } snapshot)
            {
                return NotReady(http);
            }
            if (snapshot.Queues.FirstOrDefault(q => q.QueueId == queueId) is not { } plan)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown queue",
                    detail: $"queueId: '{queueId}' is not a configured queue", extensions: new Dictionary<string, object?> { ["field"] = "queueId" });
            }
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"planner-{plan.QueueId}-{snapshot.Day:yyyy-MM-dd}.csv\"";
            return Results.Text(PlannerCsv.Write(plan), "text/csv; charset=utf-8");
        });
        return app;
    }

    private static IResult NotReady(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "2";
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Starting",
            detail: "The planner is still reading the event log; try again shortly.");
    }
}

using CcWallboard.Core.Alerts;
using CcWallboard.Host.Ingestion;

namespace CcWallboard.Host.Alerts;

/// <summary>
/// <c>GET /api/alerts[?team=id]</c>: active alerts and today's history for integrations; <c>POST /api/alerts/{id}/acknowledge</c>
/// <c>{by, note}</c> (with <c>X-Api-Key</c>): a supervisor owns an alert.
/// </summary>
public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/alerts", (string? team, LiveAlerts alerts, TimeProvider time) => new
        {
            asOf = time.GetUtcNow(),
            team,
            active = alerts.Active.Where(a => team is null || a.IsVisibleTo(team)).ToList(),
            history = alerts.History.Where(a => team is null || a.IsVisibleTo(team)).ToList(),
            rules = alerts.Rules,
        });
        app.MapPost("/api/alerts/{id}/acknowledge", AcknowledgeAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> AcknowledgeAsync(string id, AcknowledgeRequest? request, HttpContext http, ApiKeys keys, LiveAlerts alerts,
        CancellationToken cancellationToken)
    {
        if (keys.SourceOf(http.Request) is not { } source)
        {
            return ApiKeys.Unauthorized();
        }
        if (request is null || string.IsNullOrWhiteSpace(request.By))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["by"] = ["is required: who acknowledges the alert"] },
                title: "Not acknowledged", detail: "Nothing was changed.");
        }
        var result = await alerts.AcknowledgeAsync(id, $"{request.By.Trim()} (via {source})", request.Note, cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            AcknowledgeStatus.Acknowledged => Results.Ok(result.Alert),
            AcknowledgeStatus.UnknownAlert => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such alert",
                detail: $"id: {result.Message}", extensions: new Dictionary<string, object?> { ["id"] = id }),
            _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not acknowledged", detail: $"id: {result.Message}",
                extensions: new Dictionary<string, object?> { ["id"] = id }),
        };
    }
}

/// <summary>Who acknowledges an alert, and an optional note.</summary>
public sealed record AcknowledgeRequest(string? By, string? Note);

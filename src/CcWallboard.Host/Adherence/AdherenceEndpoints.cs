using CcWallboard.Core.Adherence;
using CcWallboard.Host.Ingestion;

namespace CcWallboard.Host.Adherence;

/// <summary>
/// Adherence over HTTP: <c>GET /api/adherence</c> (every agent, team and the centre now, optionally one team),
/// <c>GET /api/adherence/agents/{id}/timeline</c> (scheduled vs actual today), and <c>POST /api/adherence/exceptions</c>
/// (a supervisor approves a period for an agent; kept with who, when and why).
/// </summary>
public static class AdherenceEndpoints
{
    public static IEndpointRouteBuilder MapAdherence(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/adherence", (string? team, LiveAdherence adherence, TimeProvider time) =>
            adherence.Read(engine => SupervisorView.Of(engine, team, time.GetUtcNow())));
        app.MapGet("/api/adherence/agents/{id}/timeline", (string id, LiveAdherence adherence) =>
            adherence.Read(engine => engine.Timeline(id)) is { } timeline
                ? Results.Ok(timeline)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such agent",
                    detail: $"id: agent '{id}' is neither configured nor scheduled", extensions: new Dictionary<string, object?> { ["id"] = id }));
        app.MapPost("/api/adherence/exceptions", ApproveAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ApproveAsync(ExceptionRequest? request, HttpContext http, ApiKeys keys, LiveAdherence adherence,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (keys.SourceOf(http.Request) is not { } source)
        {
            return ApiKeys.Unauthorized();
        }
        var errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            errors["body"] = ["a JSON object {agentId, start, end, reason, approvedBy} is required"];
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.AgentId))
            {
                errors["agentId"] = ["is required"];
            }
            else if (adherence.Read(engine => engine.AgentOf(request.AgentId)) is null)
            {
                errors["agentId"] = [$"agent '{request.AgentId}' is neither configured nor scheduled"];
            }
            if (request.Start is null)
            {
                errors["start"] = ["is required (ISO 8601 with an offset)"];
            }
            if (request.End is null)
            {
                errors["end"] = ["is required (ISO 8601 with an offset)"];
            }
            else if (request.Start is { } s && request.End <= s)
            {
                errors["end"] = ["must be after start"];
            }
            if (string.IsNullOrWhiteSpace(request.Reason))
            {
                errors["reason"] = ["is required: say why the period is approved"];
            }
            else if (request.Reason.Length > 500)
            {
                errors["reason"] = ["must be at most 500 characters"];
            }
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Exception not approved", detail: "Nothing was changed.");
        }
        var approvedBy = string.IsNullOrWhiteSpace(request!.ApprovedBy) ? source : $"{request.ApprovedBy} (via {source})";
        var approval = new AdherenceApproval(request.AgentId!, request.Start!.Value, request.End!.Value, request.Reason!.Trim(), approvedBy, time.GetUtcNow());
        var changes = await adherence.ApproveAsync(approval, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { approval, alertChanges = changes });
    }
}

/// <summary>An approval request: the agent, the period (ISO 8601 with offset), why, and who approves it.</summary>
public sealed record ExceptionRequest(string? AgentId, DateTimeOffset? Start, DateTimeOffset? End, string? Reason, string? ApprovedBy);

/// <summary>What a supervisor sees: agents (longest out of adherence first), teams, the centre and the alerts.</summary>
/// <param name="TimeZone">The centre's IANA time zone, in which the page shows the hours (agents' times carry its offset).</param>
public sealed record SupervisorView(
    DateTimeOffset AsOf,
    string TimeZone,
    string? Team,
    IReadOnlyList<AgentAdherence> Agents,
    IReadOnlyList<TeamAdherence> Teams,
    TeamAdherence Centre,
    IReadOnlyList<AdherenceAlert> Alerts)
{
    public static SupervisorView Of(AdherenceEngine engine, string? team, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var agents = engine.Agents.Where(a => team is null || a.TeamId == team)
            .OrderByDescending(a => a.OutSeconds).ThenBy(a => a.TeamId, StringComparer.Ordinal).ThenBy(a => a.AgentId, StringComparer.Ordinal)
            .ToList();
        var teams = engine.Teams.Where(t => team is null || t.TeamId == team).ToList();
        var alerts = engine.Alerts.Where(a => team is null || a.TeamId == team).ToList();
        return new SupervisorView(asOf, engine.Calendar.TimeZone.Id, team, agents, teams, engine.Centre, alerts);
    }
}

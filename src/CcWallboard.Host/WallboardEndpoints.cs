using CcWallboard.Host.Api;
using CcWallboard.Host.Adherence;
using CcWallboard.Host.Alerts;
using CcWallboard.Host.Hubs;
using CcWallboard.Host.Planning;
using CcWallboard.Host.Ingestion;
using CcWallboard.Host.Pipeline;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;

namespace CcWallboard.Host;

/// <summary>The host's endpoints: the pages of wallboard-web, the hub, the API and health.</summary>
public static class WallboardEndpoints
{
    /// <summary>Where the build puts the pages of wallboard-web/ (with the client libraries it restored).</summary>
    public static string WebRoot => Path.Combine(AppContext.BaseDirectory, "wallboard-web");

    public static WebApplication MapCcWallboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var pages = new PhysicalFileProvider(WebRoot);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = pages });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = pages });
        Hosting.HubOriginCheckExtensions.UseHubOriginCheck(app); // before the hubs: refuses foreign Origins (Hosting:AllowedOrigins)

        app.MapGet("/board/{name}", (string name, LiveCentre centre) =>
            centre.IsBoard(name)
                ? Results.File(Path.Combine(WebRoot, "board.html"), "text/html; charset=utf-8")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such board",
                    detail: $"name: board '{name}' is not configured"));
        app.MapGet("/supervisor", () => Results.File(Path.Combine(WebRoot, "supervisor.html"), "text/html; charset=utf-8"));
        app.MapGet("/planner", () => Results.File(Path.Combine(WebRoot, "planner.html"), "text/html; charset=utf-8"));

        var api = app.MapGroup("/api");
        api.MapGet("/boards", (LiveCentre centre) =>
            centre.Boards.Select(b => new { name = b.Name, title = b.Title ?? b.Name, queues = b.Queues, url = $"/board/{b.Name}" }));
        api.MapGet("/boards/{name}", (string name, BoardSnapshots boards) =>
            boards.Current(name) is { } snapshot
                ? Results.Ok(snapshot)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such board",
                    detail: $"name: board '{name}' is not configured"));
        api.MapQueueEndpoints();
        api.MapStaffingEndpoints();

        app.MapIngestion();
        app.MapAmazonConnect();
        app.MapSchedules();
        app.MapForecasts();
        app.MapAdherence();
        app.MapAlerts();
        app.MapPlanner();
        app.MapHub<PlannerHub>(PlannerHub.Path);
        app.MapHub<SupervisorHub>(SupervisorHub.Path);
        app.MapHub<WallboardHub>(WallboardHub.Path);

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}

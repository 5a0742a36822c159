using CcWallboard.Host.Adherence;
using Microsoft.AspNetCore.SignalR;

namespace CcWallboard.Host.Hubs;

/// <summary>What the server calls on a supervisor client.</summary>
public interface ISupervisorClient
{
    /// <summary>The adherence of the supervisor's agents and teams, at most once a second.</summary>
    Task AdherenceUpdated(SupervisorView view);

    /// <summary>Alerts raised, rejoined, acknowledged or cleared, for the supervisor's teams.</summary>
    Task AlertsChanged(IReadOnlyList<Core.Alerts.AlertChange> changes);
}

/// <summary>
/// The supervisors' hub: <see cref="Join"/> a team (or all teams with null) returns the current view and joins the
/// team's group; <see cref="SupervisorPublisher"/> pushes updates. A reconnecting client joins again.
/// </summary>
public sealed partial class SupervisorHub(LiveAdherence adherence, TimeProvider time, ILogger<SupervisorHub> logger) : Hub<ISupervisorClient>
{
    public const string Path = "/hubs/supervisor";

    public const string AllTeams = "*";

    public async Task<SupervisorView> Join(string? team)
    {
        var known = adherence.Read(engine => team is null || engine.TeamOf(team) is not null);
        if (!known)
        {
            LogBadRequest(Context.ConnectionId, team!);
            throw new HubException($"team: '{team}' is not configured");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(team)).ConfigureAwait(false);
        return adherence.Read(engine => SupervisorView.Of(engine, team, time.GetUtcNow()));
    }

    public static string GroupOf(string? team) => $"supervisor:{team ?? AllTeams}";

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Supervisor {ConnectionId} asked for unknown team {Team}")]
    private partial void LogBadRequest(string connectionId, string team);
}

using CcWallboard.Core.Planning;
using CcWallboard.Host.Planning;
using Microsoft.AspNetCore.SignalR;

namespace CcWallboard.Host.Hubs;

/// <summary>What the server calls on a planner client.</summary>
public interface IPlannerClient
{
    /// <summary>Every queue's plan, about once a second.</summary>
    Task PlannerUpdated(PlannerSnapshot snapshot);
}

/// <summary>The planners' hub: <see cref="Snapshot"/> returns the plans now; <see cref="LivePlanner"/> pushes the rest.</summary>
public sealed class PlannerHub(LivePlanner planner) : Hub<IPlannerClient>
{
    public const string Path = "/hubs/planner";

    /// <summary>The plans now; a <see cref="HubException"/> while the host is still reading its log.</summary>
    public PlannerSnapshot Snapshot() => planner.Snapshot() ?? throw new HubException("The planner is still reading the event log; try again shortly.");
}

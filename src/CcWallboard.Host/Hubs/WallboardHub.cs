using CcWallboard.Core.Metrics;
using CcWallboard.Host.Pipeline;
using Microsoft.AspNetCore.SignalR;

namespace CcWallboard.Host.Hubs;

/// <summary>
/// The wallboards' hub: a board joins its group and gets the current snapshot; <see cref="BoardPublisher"/>
/// pushes the updates. A client that reconnects calls <see cref="JoinBoard"/> again (groups do not survive a reconnect).
/// </summary>
public sealed partial class WallboardHub(BoardSnapshots boards, ILogger<WallboardHub> logger) : Hub<IWallboardClient>
{
    public const string Path = "/hubs/wallboard";

    public async Task<BoardSnapshot> JoinBoard(string board)
    {
        if (string.IsNullOrWhiteSpace(board))
        {
            LogBadRequest(Context.ConnectionId, "board", "is required");
            throw new HubException("board: is required");
        }
        var snapshot = boards.Current(board);
        if (snapshot is null)
        {
            LogBadRequest(Context.ConnectionId, "board", $"'{board}' is not configured");
            throw new HubException($"board: '{board}' is not configured");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(snapshot.Board)).ConfigureAwait(false);
        return snapshot;
    }

    public static string GroupOf(string board) => $"board:{board}";

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Hub call from {ConnectionId} rejected: {Field} {Reason}")]
    private partial void LogBadRequest(string connectionId, string field, string reason);
}

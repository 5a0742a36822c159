using CcWallboard.Core.Metrics;

namespace CcWallboard.Host.Hubs;

/// <summary>What the server calls on a wallboard client.</summary>
public interface IWallboardClient
{
    /// <summary>A complete snapshot of the board, with a higher sequence than the last.</summary>
    Task BoardUpdated(BoardSnapshot snapshot);
}

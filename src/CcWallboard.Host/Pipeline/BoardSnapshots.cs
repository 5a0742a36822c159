using CcWallboard.Core.Metrics;
using CcWallboard.Host.Planning;

namespace CcWallboard.Host.Pipeline;

/// <summary>
/// The snapshots boards are sent: the live centre's figures, plus, on a board with a surge tile, its queues' surge
/// judgements from the planner.
/// </summary>
public sealed class BoardSnapshots(LiveCentre centre, LivePlanner planner)
{
    /// <summary>The board's figures now under the sequence last published (for a client that joins); null for an unknown board.</summary>
    public BoardSnapshot? Current(string board) => WithSurges(centre.CurrentSnapshot(board));

    /// <summary>The board's figures now under the next sequence (for a push).</summary>
    public BoardSnapshot? Next(string board) => WithSurges(centre.NextSnapshot(board));

    private BoardSnapshot? WithSurges(BoardSnapshot? snapshot)
    {
        if (snapshot is null || !centre.Boards.Any(b => b.Name == snapshot.Board && b.SurgeTile))
        {
            return snapshot;
        }
        var queues = snapshot.Queues.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        return snapshot with { Surges = planner.Surges(queues) };
    }
}

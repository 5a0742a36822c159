namespace CcWallboard.Host.Storage;

/// <summary>
/// The embedded checkpoint store, used with the embedded event log when no Redis is configured: the same
/// contract as <see cref="RedisCheckpointStore"/>, in this process only (lost on restart, like the log it
/// points into). Thread-safe; it keeps its own copy of the state and hands out copies.
/// </summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly Lock gate = new();
    private EngineCheckpoint? stored;

    public Task SaveAsync(EngineCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        EnsureSavable(checkpoint);
        cancellationToken.ThrowIfCancellationRequested();

        var copy = checkpoint with { State = checkpoint.State.ToArray() };
        lock (gate)
        {
            if (stored is null || copy.Position >= stored.Position)
            {
                stored = copy;
            }
        }
        return Task.CompletedTask;
    }

    public Task<EngineCheckpoint?> LoadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        EngineCheckpoint? current;
        lock (gate)
        {
            current = stored;
        }
        return Task.FromResult(current is null ? null : current with { State = current.State.ToArray() });
    }

    /// <summary>What every store checks before it writes anything.</summary>
    internal static void EnsureSavable(EngineCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.State is null)
        {
            throw new ArgumentNullException(nameof(checkpoint), "The checkpoint's State is null; nothing was saved.");
        }
        if (checkpoint.Position.Milliseconds < 0 || checkpoint.Position.Sequence < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(checkpoint), checkpoint.Position,
                "A checkpoint's position is an event-log position: neither part may be negative; nothing was saved.");
        }
    }
}

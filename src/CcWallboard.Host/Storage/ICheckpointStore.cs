namespace CcWallboard.Host.Storage;

/// <summary>
/// The durable checkpoint of the live metric engine: its state as of a position in the event log, so a
/// restarted host loads it and replays only the entries after <see cref="EngineCheckpoint.Position"/>
/// instead of the whole day. It holds one checkpoint, the one with the highest position saved so far
/// (a Redis hash, or the embedded in-process store with the same contract). Checkpoints do not expire:
/// the engine decides by <see cref="EngineCheckpoint.TakenAt"/> and <see cref="EngineCheckpoint.FormatVersion"/>
/// whether a loaded one is still of use.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>
    /// Replaces the stored checkpoint with <paramref name="checkpoint"/>, atomically: a reader sees the previous
    /// checkpoint or this one whole, never a mix. A checkpoint never overwrites a newer one: when the stored one
    /// has a higher <see cref="EngineCheckpoint.Position"/>, nothing is written and the call returns normally
    /// (the same position replaces). The store keeps its own copy of <see cref="EngineCheckpoint.State"/>.
    /// </summary>
    /// <remarks>
    /// When the call throws (the store is down or does not answer in time), the checkpoint may still have been
    /// written: the stored one is then the previous one or this one. Saving it again is safe.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="checkpoint"/> or its state is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The position has a negative part.</exception>
    Task SaveAsync(EngineCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored checkpoint, or null when none was saved (or the stored one cannot be read: the store reports
    /// it in the log, and the engine replays the log from the start). Throws when the store does not answer:
    /// an unreachable store never looks like an empty one. The caller owns the returned state array.
    /// </summary>
    Task<EngineCheckpoint?> LoadAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The engine's state after it folded every event-log entry up to and including <paramref name="Position"/>.
/// </summary>
/// <param name="Position">The last event-log entry the state includes; replay resumes after it.</param>
/// <param name="TakenAt">When the engine took the checkpoint (stored with its offset).</param>
/// <param name="FormatVersion">The version of the engine's serialization of <paramref name="State"/>.</param>
/// <param name="State">The engine's serialized state: opaque bytes to the store, kept byte-exact.</param>
public sealed record EngineCheckpoint(LogPosition Position, DateTimeOffset TakenAt, int FormatVersion, byte[] State);

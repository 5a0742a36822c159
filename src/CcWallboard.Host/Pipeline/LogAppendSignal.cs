namespace CcWallboard.Host.Pipeline;

/// <summary>
/// Wakes the log's reader when this process appended, so events reach the board at once; the reader still
/// polls (on the <see cref="TimeProvider"/>) for entries other producers append.
/// Take <see cref="Next"/> before reading the log, then wait on it, so an append in between is never missed.
/// </summary>
public sealed class LogAppendSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next append after this call.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

using StackExchange.Redis;

namespace CcWallboard.Host.Storage;

/// <summary>
/// Runs Redis transactions that carry conditions, one at a time per process. StackExchange.Redis checks a
/// transaction's conditions by blocking the calling thread until their replies arrive; several such waits at
/// once starve the thread pool on a small machine (measured here: six concurrent writers on 2 cores stalled
/// until the 5 s timeout). So every store's conditioned transaction waits at this one gate, while pipelined
/// reads and plain commands stay concurrent.
/// </summary>
internal static class ConditionedTransactions
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>
    /// Executes <paramref name="transaction"/>; true when its conditions held and it committed. Once sent it is not
    /// abandoned on cancellation. The commands queued in it (<paramref name="queued"/>) end cancelled or faulted when
    /// it aborts: they are observed here so nobody has to await them.
    /// </summary>
    public static async Task<bool> ExecuteAsync(ITransaction transaction, IEnumerable<Task> queued, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await transaction.ExecuteAsync().ConfigureAwait(false);
        }
        finally
        {
            Gate.Release();
            foreach (var command in queued)
            {
                if (!command.IsCompletedSuccessfully)
                {
                    _ = command.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                        TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
        }
    }
}

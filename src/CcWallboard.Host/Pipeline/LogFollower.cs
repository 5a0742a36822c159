using CcWallboard.Host.Storage;

namespace CcWallboard.Host.Pipeline;

/// <summary>
/// Follows the event log from a position, for every reader of it (the live centre, adherence, the planner): each batch
/// read goes to the reader, told whether it reaches the log's end; at the end it waits for this process's next append
/// or a poll interval (other producers' appends). A failed read or fold is reported and retried from the same position
/// with a back-off doubling from 200 ms to 10 s, so nothing is skipped.
/// </summary>
public sealed class LogFollower(IEventLog log, LogAppendSignal appended, TimeProvider time)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    /// <summary>What a reader does with a batch; <c>atEnd</c>: the batch reaches the end of the log as it was read.</summary>
    public delegate Task BatchHandler(IReadOnlyList<LoggedEvent> batch, bool atEnd, CancellationToken cancellationToken);

    /// <summary>Told of a failure at <c>position</c> before waiting <c>retryIn</c>.</summary>
    public delegate void FailureHandler(Exception exception, LogPosition position, TimeSpan retryIn);

    public async Task FollowAsync(LogPosition from, int batchSize, TimeSpan pollInterval, BatchHandler onBatch, FailureHandler onFailed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onBatch);
        ArgumentNullException.ThrowIfNull(onFailed);
        var position = from;
        var backoff = FirstBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = appended.Next;
            try
            {
                var batch = await log.ReadAfterAsync(position, batchSize, cancellationToken).ConfigureAwait(false);
                var atEnd = batch.Count < batchSize;
                await onBatch(batch, atEnd, cancellationToken).ConfigureAwait(false);
                backoff = FirstBackoff;
                if (batch.Count > 0)
                {
                    position = batch[^1].Position;
                }
                if (atEnd)
                {
                    await Task.WhenAny(next, Task.Delay(pollInterval, time, cancellationToken)).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                onFailed(ex, position, backoff);
                await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                backoff = Longer(backoff);
            }
        }
    }

    /// <summary>The next back-off: twice as long, at most 10 s.</summary>
    public static TimeSpan Longer(TimeSpan backoff) => TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
}

using CcWallboard.Host.Storage;

namespace CcWallboard.Host.Pipeline;

/// <summary>
/// Resumes the live centre from the stored checkpoint (or the log's start when there is none usable), reads
/// the event log in order from there and folds every entry in; then follows new entries, woken by this
/// process's appends and polling for others'. A store failure is logged and retried with back-off; the
/// position is kept, so nothing is skipped.
/// </summary>
public sealed partial class EventLogTail(IEventLog log, ICheckpointStore checkpoints, LiveCentre centre, LogAppendSignal appended,
    TimeProvider time, ILogger<EventLogTail> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        LogPosition? resumed = null;
        while (resumed is null && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                resumed = centre.Resume(await checkpoints.LoadAsync(stoppingToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogCheckpointLoadFailed(ex, backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                backoff = LogFollower.Longer(backoff);
            }
        }
        await new LogFollower(log, appended, time).FollowAsync(resumed ?? LogPosition.Start, BatchSize, PollInterval,
            (batch, atEnd, _) =>
            {
                if (batch.Count > 0)
                {
                    centre.Apply(batch.Select(entry => entry.Event).ToList(), batch[^1].Position, caughtUp: atEnd);
                }
                else
                {
                    centre.MarkCaughtUp();
                }
                return Task.CompletedTask;
            },
            (ex, position, retryIn) => LogReadFailed(ex, position.ToString(), retryIn.TotalSeconds),
            stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Reading the event log after {Position} failed; retrying in {Seconds} s")]
    private partial void LogReadFailed(Exception exception, string position, double seconds);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Loading the metrics checkpoint failed; retrying in {Seconds} s")]
    private partial void LogCheckpointLoadFailed(Exception exception, double seconds);
}

using CcWallboard.Host.Storage;

namespace CcWallboard.Host.Pipeline;

/// <summary>
/// Reads the event log in order from its start (the retained history) and folds every entry into the
/// live centre; then follows new entries, woken by this process's appends and polling for others'.
/// A store failure is logged and retried with back-off; the position is kept, so nothing is skipped.
/// </summary>
public sealed partial class EventLogTail(IEventLog log, LiveCentre centre, LogAppendSignal appended, TimeProvider time,
    ILogger<EventLogTail> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var position = LogPosition.Start;
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = appended.Next;
            try
            {
                var batch = await log.ReadAfterAsync(position, BatchSize, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromMilliseconds(200);
                if (batch.Count > 0)
                {
                    centre.Apply(batch.Select(entry => entry.Event).ToList());
                    position = batch[^1].Position;
                    continue;
                }
                await Task.WhenAny(next, Task.Delay(PollInterval, time, stoppingToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogReadFailed(ex, position.ToString(), backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Reading the event log after {Position} failed; retrying in {Seconds} s")]
    private partial void LogReadFailed(Exception exception, string position, double seconds);
}

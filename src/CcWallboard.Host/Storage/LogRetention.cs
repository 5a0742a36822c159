using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Storage;

/// <summary>
/// Keeps the event log bounded: every ten minutes (on the host's <see cref="TimeProvider"/>) removes the entries
/// older than <c>Storage:RetentionHours</c> (default 48: today, yesterday, and the margin a restart needs).
/// A failed trim is logged and tried again at the next round; it never blocks ingestion.
/// </summary>
public sealed partial class LogRetention(IEventLog log, IOptions<StorageOptions> options, TimeProvider time, ILogger<LogRetention> logger)
    : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await TrimAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Period, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Removes the entries older than the retention; returns how many (0 when the store failed).</summary>
    public async Task<long> TrimAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        try
        {
            var removed = await log.TrimBeforeAsync(cutoff, cancellationToken).ConfigureAwait(false);
            if (removed > 0)
            {
                LogTrimmed(removed, cutoff);
            }
            return removed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception ex)
        {
            LogTrimFailed(ex, cutoff);
            return 0;
        }
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Removed {Count} event-log entries older than {Cutoff}")]
    private partial void LogTrimmed(long count, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Trimming the event log before {Cutoff} failed; trying again in ten minutes")]
    private partial void LogTrimFailed(Exception exception, DateTimeOffset cutoff);
}

using CcWallboard.Core.Metrics;
using CcWallboard.Host.Storage;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Pipeline;

/// <summary>
/// Saves the live metrics to the checkpoint store every <c>Storage:CheckpointSeconds</c> (on the host's
/// <see cref="TimeProvider"/>) when the log position moved, and once more when the host stops, so a restart
/// replays only the log entries after the checkpoint. A failed save is logged and retried at the next tick.
/// </summary>
public sealed partial class CheckpointWriter(LiveCentre centre, ICheckpointStore checkpoints, IOptions<StorageOptions> options,
    TimeProvider time, ILogger<CheckpointWriter> logger) : BackgroundService
{
    private LogPosition _saved = LogPosition.Start;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.CheckpointSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await SaveAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves a checkpoint when the centre has folded log entries since the last one.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (!centre.CaughtUp)
        {
            return; // a half caught-up state is not worth keeping
        }
        var (state, position, events) = centre.Checkpoint();
        if (position <= _saved)
        {
            return;
        }
        try
        {
            await checkpoints.SaveAsync(new EngineCheckpoint(position, time.GetUtcNow(), CentreMetrics.StateFormatVersion, state), cancellationToken)
                .ConfigureAwait(false);
            _saved = position;
            LogSaved(position, state.Length, events);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogSaveFailed(ex, position);
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Debug, Message = "Saved the metrics checkpoint at {Position} ({Bytes} bytes, {Events} events applied)")]
    private partial void LogSaved(LogPosition position, int bytes, long events);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Saving the metrics checkpoint at {Position} failed; trying again at the next tick")]
    private partial void LogSaveFailed(Exception exception, LogPosition position);
}

using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;
using CcWallboard.Host.Ingestion;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Simulation;

/// <summary>
/// The built-in source: runs the floor simulator from the moment the host starts and submits each event
/// when its time comes on the host's <see cref="TimeProvider"/> — through the same ingestion as any ACD.
/// </summary>
public sealed partial class SimulatorFeed(EventIngestion ingestion, IOptions<CentreOptions> options, TimeProvider time,
    ILogger<SimulatorFeed> logger) : BackgroundService
{
    public const string SourceName = "simulator";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var centre = options.Value;
        if (!centre.Simulator.Enabled)
        {
            return;
        }
        var from = time.GetUtcNow();
        LogStarted(centre.Simulator.Seed, from);
        var due = new List<AcdEvent>();
        foreach (var e in new FloorSimulator(centre).Run(from))
        {
            var wait = e.At - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await SubmitAsync(due, stoppingToken).ConfigureAwait(false);
                try
                {
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            due.Add(e);
        }
    }

    private async Task SubmitAsync(List<AcdEvent> due, CancellationToken stoppingToken)
    {
        if (due.Count == 0)
        {
            return;
        }
        try
        {
            await ingestion.SubmitAsync(SourceName, due.ToArray(), stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store is down: these events are lost to the simulation, as a real feed would drop them.
            LogSubmitFailed(ex, due.Count);
        }
        due.Clear();
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Simulator feed started with seed {Seed} at {From}")]
    private partial void LogStarted(int seed, DateTimeOffset from);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Simulator feed could not submit {Count} events")]
    private partial void LogSubmitFailed(Exception exception, int count);
}

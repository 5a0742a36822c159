using System.Reactive;
using System.Reactive.Linq;
using CcWallboard.Core.Reactive;
using CcWallboard.Host.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace CcWallboard.Host.Pipeline;

/// <summary>
/// Pushes every board's snapshot to its SignalR group: whenever events were folded in, and every second
/// regardless (longest wait ticks, and a silent board must not look stale), conflated to at most one push
/// per <see cref="PushInterval"/>.
/// </summary>
public sealed partial class BoardPublisher(LiveCentre centre, BoardSnapshots boards, IHubContext<WallboardHub, IWallboardClient> hub, TimeProvider time,
    ILogger<BoardPublisher> logger) : BackgroundService
{
    public static readonly TimeSpan PushInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scheduler = new TimeProviderScheduler(time);
        var pushes =
            centre.Applied
                .Merge(Observable.Interval(Heartbeat, scheduler).Select(_ => Unit.Default))
                .Conflate(PushInterval, scheduler)
                .SelectMany(_ => centre.Boards)
                .Select(board => Observable.FromAsync(() => PushAsync(board.Name)))
                .Concat();
        var subscription = pushes.Subscribe(
            _ => { },
            error => LogPipelineStopped(error));
        var stopped = new TaskCompletionSource();
        stoppingToken.Register(() =>
        {
            subscription.Dispose();
            stopped.TrySetResult();
        });
        return stopped.Task;
    }

    private async Task PushAsync(string board)
    {
        try
        {
            if (boards.Next(board) is { } snapshot)
            {
                await hub.Clients.Group(WallboardHub.GroupOf(snapshot.Board)).BoardUpdated(snapshot).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            LogPushFailed(ex, board);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Pushing board {Board} failed")]
    private partial void LogPushFailed(Exception exception, string board);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Critical, Message = "The board publishing pipeline stopped")]
    private partial void LogPipelineStopped(Exception exception);
}

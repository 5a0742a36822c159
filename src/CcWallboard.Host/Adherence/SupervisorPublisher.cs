using System.Reactive;
using System.Reactive.Linq;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Reactive;
using CcWallboard.Host.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Adherence;

/// <summary>
/// Pushes the supervisors' adherence views: whenever the adherence changed and every second regardless (out-of-adherence
/// time grows), conflated to one push a second, to the all-teams group and each team's group.
/// </summary>
public sealed partial class SupervisorPublisher(LiveAdherence adherence, IOptions<CentreOptions> options,
    IHubContext<SupervisorHub, ISupervisorClient> hub, TimeProvider time, ILogger<SupervisorPublisher> logger) : BackgroundService
{
    public static readonly TimeSpan PushInterval = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scheduler = new TimeProviderScheduler(time);
        IReadOnlyList<string?> groups = [null, .. options.Value.Teams.Select(t => t.Id)];
        var pushes =
            adherence.Changed.Select(_ => Unit.Default)
                .Merge(Observable.Interval(PushInterval, scheduler).Select(_ => Unit.Default))
                .Conflate(PushInterval, scheduler)
                .SelectMany(_ => groups)
                .Select(team => Observable.FromAsync(() => PushAsync(team)))
                .Concat();
        var subscription = pushes.Subscribe(_ => { }, LogPipelineStopped);
        var stopped = new TaskCompletionSource();
        stoppingToken.Register(() =>
        {
            subscription.Dispose();
            stopped.TrySetResult();
        });
        return stopped.Task;
    }

    private async Task PushAsync(string? team)
    {
        try
        {
            var view = adherence.Read(engine => SupervisorView.Of(engine, team, time.GetUtcNow()));
            await hub.Clients.Group(SupervisorHub.GroupOf(team)).AdherenceUpdated(view).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogPushFailed(ex, team ?? SupervisorHub.AllTeams);
        }
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Pushing the supervisor view of {Team} failed")]
    private partial void LogPushFailed(Exception exception, string team);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Critical, Message = "The supervisor publishing pipeline stopped")]
    private partial void LogPipelineStopped(Exception exception);
}

using CcWallboard.Core.Alerts;
using CcWallboard.Core.Configuration;
using CcWallboard.Host.Adherence;
using CcWallboard.Host.Hubs;
using CcWallboard.Host.Pipeline;
using CcWallboard.Host.Planning;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace CcWallboard.Host.Alerts;

/// <summary>
/// Supervisor alerts: every second (host clock) the <see cref="AlertEngine"/> evaluates the rules against the live
/// queue figures, adherence and the planner's surge signals; changes are saved to the store (so acknowledgements and today's history survive a
/// restart) and pushed to the supervisors of the alert's teams. When the centre file changes, its rules are taken up
/// without a restart — a bad rule is rejected with its name and the reason, and the old rules stay.
/// </summary>
public sealed partial class LiveAlerts(
    IOptions<CentreOptions> options,
    IConfiguration configuration,
    LiveCentre centre,
    LiveAdherence adherence,
    LivePlanner planner,
    IAlertStore store,
    IHubContext<SupervisorHub, ISupervisorClient> hub,
    TimeProvider time,
    ILogger<LiveAlerts> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private readonly AlertEngine _engine = new(options.Value);

    public IReadOnlyList<Alert> Active
    {
        get
        {
            lock (_gate)
            {
                return _engine.Active;
            }
        }
    }

    public IReadOnlyList<Alert> History
    {
        get
        {
            lock (_gate)
            {
                return _engine.History;
            }
        }
    }

    public IReadOnlyList<AlertRuleSettings> Rules
    {
        get
        {
            lock (_gate)
            {
                return _engine.Rules;
            }
        }
    }

    /// <summary>Acknowledges an alert (who, when, an optional note), saved at once.</summary>
    public async Task<AcknowledgeResult> AcknowledgeAsync(string id, string by, string? note, CancellationToken cancellationToken)
    {
        AcknowledgeResult result;
        AlertEngineState state;
        lock (_gate)
        {
            result = _engine.Acknowledge(id, by, note, time.GetUtcNow());
            state = _engine.Save();
        }
        if (result.Change is { } change)
        {
            await store.SaveAsync(state, cancellationToken).ConfigureAwait(false);
            await PushAsync([change]).ConfigureAwait(false);
        }
        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (await LoadAsync(stoppingToken).ConfigureAwait(false) is { } saved)
        {
            lock (_gate)
            {
                _engine.Restore(saved);
            }
        }
        // The centre file is watched: when it changes, its rules are read again (only the rules: other settings need a restart).
        using var reload = ChangeToken.OnChange(configuration.GetReloadToken, ReloadRulesFromConfiguration);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Tick, time, stoppingToken).ConfigureAwait(false);
                if (!centre.CaughtUp || !adherence.CaughtUp)
                {
                    continue;
                }
                IReadOnlyList<AlertChange> changes = [];
                AlertEngineState? state = null;
                centre.Read((metrics, now) => adherence.Read(people =>
                {
                    lock (_gate)
                    {
                        changes = _engine.Evaluate(now, metrics, people, planner.SurgeSignals());
                        if (changes.Count > 0)
                        {
                            state = _engine.Save();
                        }
                    }
                    return 0;
                }));
                if (state is not null)
                {
                    await store.SaveAsync(state, stoppingToken).ConfigureAwait(false);
                    await PushAsync(changes).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(ex);
            }
        }
    }

    private async Task<AlertEngineState?> LoadAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                return await store.LoadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(2), time, cancellationToken).ConfigureAwait(false);
            }
        }
        return null;
    }

    private void ReloadRulesFromConfiguration()
    {
        try
        {
            var changed = new CentreOptions();
            configuration.Bind(changed);
            ReloadRules(changed);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            LogRulesRejected(ex.Message);
        }
    }

    private void ReloadRules(CentreOptions changed)
    {
        ReplaceRulesResult result;
        lock (_gate)
        {
            result = _engine.ReplaceRules(changed.Alerts.EffectiveRules(changed));
        }
        if (result.Errors.Count > 0)
        {
            LogRulesRejected(string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Reason}")));
        }
        else
        {
            LogRulesReloaded(result.Changes.Count);
        }
    }

    /// <summary>Pushes the changes to the all-teams group and to each team the alert is for.</summary>
    private async Task PushAsync(IReadOnlyList<AlertChange> changes)
    {
        var groups = changes
            .SelectMany(c => c.Alert.Teams.Count == 0 ? [null, .. options.Value.Teams.Select(t => t.Id)] : c.Alert.Teams.Prepend(null))
            .Distinct();
        foreach (var team in groups)
        {
            var visible = changes.Where(c => team is null || c.Alert.Teams.Count == 0 || c.Alert.Teams.Contains(team)).ToList();
            if (visible.Count > 0)
            {
                await hub.Clients.Group(SupervisorHub.GroupOf(team)).AlertsChanged(visible).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "Evaluating or saving the alerts failed; trying again in a second")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "The changed alert rules were rejected, the old rules stay: {Errors}")]
    private partial void LogRulesRejected(string errors);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Alert rules reloaded ({Changes} alert changes)")]
    private partial void LogRulesReloaded(int changes);
}

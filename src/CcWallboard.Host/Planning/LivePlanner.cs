using CcWallboard.Core.Configuration;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Planning;
using CcWallboard.Core.Time;
using CcWallboard.Host.Hubs;
using CcWallboard.Host.Pipeline;
using CcWallboard.Host.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Planning;

/// <summary>
/// The planners' live figures: a reader of the event log folds arrivals and staffed agents into a
/// <see cref="PlannerDay"/> (from the oldest day the log holds, rolling over at each day's end), and every second the
/// plan of each queue is built from it, the metrics engine (<see cref="LiveCentre"/>) and the day's forecast, then
/// pushed to <c>/hubs/planner</c>. The forecast is the day's imported one, else the simulator's (<see cref="Forecasts"/>). Each queue's surge judgement is offered to the alert engine as its
/// <c>surge:QUEUE</c> signal (arrivals as % of forecast while a surge is judged, else 0).
/// </summary>
public sealed partial class LivePlanner : BackgroundService
{
    private const int BatchSize = 1000;
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ForecastReload = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly CentreOptions _options;
    private readonly CentreCalendar _calendar;
    private readonly IEventLog _log;
    private readonly LiveCentre _centre;
    private readonly LogAppendSignal _appended;
    private readonly Forecasts _forecasts;
    private readonly IHubContext<PlannerHub, IPlannerClient> _hub;
    private readonly TimeProvider _time;
    private readonly ILogger<LivePlanner> _logger;
    private PlannerDay? _day;
    private (DateOnly Day, DayForecast? Forecast)? _forecast;
    private DateTimeOffset _forecastLoadedAt;
    private PlannerSnapshot? _latest;
    private readonly AgentsRequiredMemo _required = new();
    private bool _caughtUp;

    public LivePlanner(IOptions<CentreOptions> options, IEventLog log, LiveCentre centre, LogAppendSignal appended, Forecasts forecasts,
        IHubContext<PlannerHub, IPlannerClient> hub, TimeProvider time, ILogger<LivePlanner> logger)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        _forecasts = forecasts;
        forecasts.Replaced += OnForecastReplaced;
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _calendar = CentreCalendar.For(_options.Centre);
        _log = log;
        _centre = centre;
        _appended = appended;
        _hub = hub;
        _time = time;
        _logger = logger;
    }

    /// <summary>The queues' plans now; null until the log has been read up to its end.</summary>
    public PlannerSnapshot? Snapshot()
    {
        lock (_gate)
        {
            return _caughtUp ? Build() : null;
        }
    }

    /// <summary>Each queue's <c>surge:QUEUE</c> signal for the alert engine, from the latest plan.</summary>
    public IReadOnlyDictionary<string, double> SurgeSignals()
    {
        var latest = Volatile.Read(ref _latest);
        if (latest is null)
        {
            return new Dictionary<string, double>();
        }
        return latest.Queues.ToDictionary(
            q => $"{Core.Alerts.AlertRuleKinds.SurgeSignal}:{q.QueueId}",
            q => q.Now.Surge is { Active: true, RatioPercent: { } ratio } ? ratio : 0,
            StringComparer.Ordinal);
    }

    /// <summary>The surge judgements of the given queues from the latest plan (none before the first).</summary>
    public IReadOnlyList<BoardSurge> Surges(IReadOnlySet<string> queueIds)
    {
        ArgumentNullException.ThrowIfNull(queueIds);
        var latest = Volatile.Read(ref _latest);
        if (latest is null)
        {
            return [];
        }
        return latest.Queues
            .Where(q => queueIds.Contains(q.QueueId))
            .Select(q => new BoardSurge(q.QueueId, q.Name, q.Now.Surge.Active, q.Now.Surge.WindowMinutes, q.Now.Surge.Arrivals,
                q.Now.Surge.ExpectedArrivals, q.Now.Surge.RatioPercent))
            .ToList();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPush = DateTimeOffset.MinValue;
        return new LogFollower(_log, _appended, _time).FollowAsync(LogPosition.Start, BatchSize, Tick,
            async (batch, atEnd, cancellationToken) =>
            {
                lock (_gate)
                {
                    foreach (var entry in batch)
                    {
                        DayOf(entry.Event.At).Apply(entry.Event);
                    }
                    _caughtUp |= atEnd;
                }
                var now = _time.GetUtcNow();
                if (atEnd && now >= nextPush && _centre.CaughtUp)
                {
                    nextPush = now + Tick;
                    await PushAsync(now, cancellationToken).ConfigureAwait(false);
                    // A failed push is logged there, not thrown: the batch is folded and must not be read again.
                }
            },
            (ex, _, retryIn) => LogFailed(ex, retryIn.TotalSeconds),
            stoppingToken);
    }

    private async Task PushAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await BuildAndPushAsync(now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPushFailed(ex);
        }
    }

    private async Task BuildAndPushAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = _calendar.DayOf(now).Date;
        // Reloaded at a new day and every minute (a forecast imported through another host of a scaled-out
        // deployment raises no event here); one imported through this host is taken at once (OnForecastReplaced).
        if (_forecast?.Day != day || now - _forecastLoadedAt >= ForecastReload)
        {
            _forecastLoadedAt = now;
            var forecast = await _forecasts.ForDayAsync(day, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _forecast = (day, forecast);
            }
        }
        PlannerSnapshot snapshot;
        lock (_gate)
        {
            snapshot = Build();
        }
        Volatile.Write(ref _latest, snapshot);
        await _hub.Clients.All.PlannerUpdated(snapshot).ConfigureAwait(false);
    }

    /// <summary>A forecast imported for the day shown replaces the one in use at once.</summary>
    private void OnForecastReplaced(DayForecast forecast)
    {
        lock (_gate)
        {
            if (_forecast?.Day == forecast.Day)
            {
                _forecast = (forecast.Day, forecast);
            }
        }
    }

    public override void Dispose()
    {
        _forecasts.Replaced -= OnForecastReplaced;
        base.Dispose();
    }

    /// <summary>The plans now; under the lock.</summary>
    /// <summary>
    /// The plans now; under the lock. The engine's figures are copied under the live centre's lock; Erlang C and the
    /// rest run after it is released, so a big centre's plan never holds up the events being applied.
    /// </summary>
    private PlannerSnapshot Build()
    {
        var (now, figures) = _centre.Read((engine, now) => (now, _options.Queues
            .Select(queue => (Queue: queue, View: engine.ViewOf(queue.Id, now), Intervals: engine.IntervalsOf(queue.Id, now)))
            .ToList()));
        var day = DayOf(now);
        day.AdvanceTo(now);
        var forecast = _forecast is { } f && f.Day == day.Day.Date ? f.Forecast : null;
        var plans = new List<QueuePlan>(figures.Count);
        foreach (var (queue, view, intervals) in figures)
        {
            if (view is null || intervals is null)
            {
                continue;
            }
            var inputs = new QueuePlanner.Inputs(queue, day, forecast, intervals, view, _options.Planning, _calendar.TimeZone, _calendar.IntervalLength,
                _required);
            plans.Add(QueuePlanner.Plan(inputs, now));
        }
        return new PlannerSnapshot(TimeZoneInfo.ConvertTime(now, _calendar.TimeZone), day.Day.Date, _options.Centre.TimeZone,
            _options.Centre.IntervalMinutes, forecast?.Source, plans);
    }

    /// <summary>The fold of the day holding <paramref name="at"/>, rolling over to later days as they come; under the lock.</summary>
    private PlannerDay DayOf(DateTimeOffset at)
    {
        if (_day is null)
        {
            // The first event the log holds (or now, when it holds none): before it nothing can be known.
            _day = new PlannerDay(_options, _calendar, _calendar.DayOf(at).Date, at);
        }
        while (at >= _day.Day.End)
        {
            _day = _day.Next(_options, _calendar);
        }
        return _day;
    }

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Building or pushing the planners' figures failed")]
    private partial void LogPushFailed(Exception exception);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Error, Message = "The planner failed; retrying in {Seconds} s")]
    private partial void LogFailed(Exception exception, double seconds);
}

using System.Reactive;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using CcWallboard.Core.Adherence;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Time;
using CcWallboard.Host.Pipeline;
using CcWallboard.Host.Storage;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Adherence;

/// <summary>
/// Real-time schedule adherence: a second reader of the event log folds the agents' state changes into an
/// <see cref="AdherenceEngine"/> against today's schedule (<see cref="Schedules"/>), moves it with the clock every
/// second (schedule boundaries change adherence without any event), takes a new schedule when one is imported or
/// the day changes, and re-applies today's approved exceptions from their audit at start. Readers (API, hub) get
/// figures under one lock; <see cref="Changed"/> signals the publisher.
/// </summary>
public sealed partial class LiveAdherence : BackgroundService
{
    private const int BatchSize = 1000;
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private readonly CentreOptions _options;
    private readonly CentreCalendar _calendar;
    private readonly IEventLog _log;
    private readonly Schedules _schedules;
    private readonly IAdherenceAudit _audit;
    private readonly LogAppendSignal _appended;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveAdherence> _logger;
    private readonly Subject<IReadOnlyList<AlertChange>> _changed = new();
    private AdherenceEngine _engine;
    private DateOnly _scheduleDay;
    private bool _caughtUp;

    public LiveAdherence(IOptions<CentreOptions> options, IEventLog log, Schedules schedules, IAdherenceAudit audit, LogAppendSignal appended,
        TimeProvider time, ILogger<LiveAdherence> logger)
    {
        _appended = appended;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(schedules);
        _options = options.Value;
        _calendar = CentreCalendar.For(_options.Centre);
        _log = log;
        _schedules = schedules;
        _audit = audit;
        _time = time;
        _logger = logger;
        var day = _calendar.DayOf(time.GetUtcNow());
        _scheduleDay = day.Date;
        _engine = new AdherenceEngine(_options, _calendar, new Dictionary<string, IReadOnlyList<Core.Simulation.ScheduledActivity>>(), day.Start);
        Changed = _changed.AsObservable();
        schedules.Replaced += OnScheduleReplaced;
    }

    /// <summary>Alert changes (possibly none) after each fold or tick.</summary>
    public IObservable<IReadOnlyList<AlertChange>> Changed { get; }

    public bool CaughtUp
    {
        get
        {
            lock (_gate)
            {
                return _caughtUp;
            }
        }
    }

    /// <summary>Runs <paramref name="read"/> on the engine brought up to the clock, under the lock.</summary>
    public T Read<T>(Func<AdherenceEngine, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            if (_caughtUp)
            {
                _engine.AdvanceTo(_time.GetUtcNow());
            }
            return read(_engine);
        }
    }

    /// <summary>Approves a period for an agent: kept in the audit first, then counted. Returns the alert changes.</summary>
    public async Task<IReadOnlyList<AlertChange>> ApproveAsync(AdherenceApproval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        await _audit.AppendAsync(_calendar.DayOf(approval.Start).Date, approval, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<AlertChange> changes;
        lock (_gate)
        {
            changes = _engine.Approve(approval.AgentId, approval.Start, approval.End, approval.Reason, approval.ApprovedBy, approval.ApprovedAt);
        }
        _changed.OnNext(changes);
        LogApproved(approval.AgentId, approval.Start, approval.End, approval.ApprovedBy, approval.Reason);
        return changes;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTimeOffset? countFrom = null;
        // States from before the counting start: each agent's last one is applied at the start (their state then).
        var carried = new Dictionary<string, AgentStateChanged>(StringComparer.Ordinal);
        // Woken at once by this process's appends (a state change reaches supervisors within a second), else every tick.
        return new LogFollower(_log, _appended, _time).FollowAsync(LogPosition.Start, BatchSize, Tick,
            async (batch, atEnd, cancellationToken) =>
            {
                if (countFrom is null)
                {
                    // Today's figures count from the day start, or from the first event the log holds when it holds
                    // nothing earlier (a first run mid-day must not count the morning as out of adherence).
                    var now = _time.GetUtcNow();
                    var dayStart = _calendar.DayOf(now).Start;
                    var first = batch.Count > 0 ? batch[0].Event.At : now;
                    var from = first <= dayStart ? dayStart : first < now ? first : now;
                    await StartDayAsync(_calendar.DayOf(now).Date, from, cancellationToken).ConfigureAwait(false);
                    countFrom = from;
                }
                var changes = new List<AlertChange>();
                lock (_gate)
                {
                    foreach (var entry in batch)
                    {
                        if (entry.Event is not AgentStateChanged state)
                        {
                            continue;
                        }
                        if (state.At < countFrom.Value)
                        {
                            carried[state.AgentId] = state;
                            continue;
                        }
                        ApplyCarried(carried, countFrom.Value, changes);
                        changes.AddRange(_engine.Apply(state));
                    }
                    if (atEnd)
                    {
                        ApplyCarried(carried, countFrom.Value, changes);
                        _caughtUp = true;
                    }
                    if (_caughtUp)
                    {
                        changes.AddRange(_engine.AdvanceTo(_time.GetUtcNow()));
                    }
                }
                var today = _calendar.DayOf(_time.GetUtcNow());
                if (_caughtUp && today.Date != _scheduleDay)
                {
                    await StartDayAsync(today.Date, null, cancellationToken).ConfigureAwait(false);
                }
                _changed.OnNext(changes);
            },
            (ex, _, retryIn) => LogFailed(ex, retryIn.TotalSeconds),
            stoppingToken);
    }

    private void ApplyCarried(Dictionary<string, AgentStateChanged> carried, DateTimeOffset at, List<AlertChange> changes)
    {
        foreach (var state in carried.Values)
        {
            changes.AddRange(_engine.Apply(state with { Id = state.Id + "@start", At = at }));
        }
        carried.Clear();
    }

    /// <summary>
    /// Takes the day's schedule (imported, else shift patterns) and re-applies the day's approvals from the audit;
    /// with <paramref name="countFrom"/>, a new engine counts from then (the host's first start), else the running
    /// engine carries on into the new day.
    /// </summary>
    private async Task StartDayAsync(DateOnly day, DateTimeOffset? countFrom, CancellationToken cancellationToken)
    {
        var (schedule, imported) = await _schedules.ForDayAsync(day, cancellationToken).ConfigureAwait(false);
        var approvals = await _audit.ReadAsync(day, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _scheduleDay = day;
            if (countFrom is { } from)
            {
                _engine = new AdherenceEngine(_options, _calendar, schedule.ByAgent, from);
            }
            else
            {
                _engine.ReplaceSchedule(schedule.ByAgent);
            }
            foreach (var approval in approvals)
            {
                _engine.Approve(approval.AgentId, approval.Start, approval.End, approval.Reason, approval.ApprovedBy, approval.ApprovedAt);
            }
        }
        LogDayStarted(day, imported ? "imported" : "shift patterns", schedule.Agents.Count, approvals.Count);
    }

    private void OnScheduleReplaced(DaySchedule schedule)
    {
        IReadOnlyList<AlertChange> changes;
        lock (_gate)
        {
            if (schedule.Date != _scheduleDay)
            {
                return;
            }
            changes = _engine.ReplaceSchedule(schedule.ByAgent);
        }
        _changed.OnNext(changes);
    }

    public override void Dispose()
    {
        _schedules.Replaced -= OnScheduleReplaced;
        _changed.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Adherence for {Day} against the {Source} ({Agents} agents scheduled, {Approvals} approvals re-applied)")]
    private partial void LogDayStarted(DateOnly day, string source, int agents, int approvals);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Approved {AgentId} {Start} – {End} as in adherence by {ApprovedBy}: {Reason}")]
    private partial void LogApproved(string agentId, DateTimeOffset start, DateTimeOffset end, string approvedBy, string reason);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "Adherence could not read the event log or the schedule; retrying in {Seconds} s")]
    private partial void LogFailed(Exception exception, double seconds);
}

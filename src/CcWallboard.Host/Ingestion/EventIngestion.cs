using System.Diagnostics.Metrics;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Host.Pipeline;
using CcWallboard.Host.Storage;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Ingestion;

/// <summary>
/// The front door of every source: validates a batch, appends the valid events to the durable log
/// (duplicates by id change nothing) and wakes the log's reader. Invalid events are reported by position
/// with the field and the reason; valid ones are kept. The log, not this class, feeds the metrics.
/// </summary>
public sealed partial class EventIngestion
{
    private readonly IEventLog _log;
    private readonly LogAppendSignal _appended;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxFutureSkew;
    private readonly ILogger<EventIngestion> _logger;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;

    public EventIngestion(IEventLog log, LogAppendSignal appended, TimeProvider time, IOptions<CentreOptions> options,
        IMeterFactory meters, ILogger<EventIngestion> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        _log = log;
        _appended = appended;
        _time = time;
        _logger = logger;
        _maxFutureSkew = TimeSpan.FromSeconds(options.Value.Centre.MaxFutureSkewSeconds);
        var meter = meters.Create("CcWallboard.Ingestion");
        _accepted = meter.CreateCounter<long>("ccwallboard.events.accepted", description: "Events appended to the log");
        _duplicates = meter.CreateCounter<long>("ccwallboard.events.duplicate", description: "Events whose id was already in the log");
        _rejected = meter.CreateCounter<long>("ccwallboard.events.rejected", description: "Events rejected by validation");
    }

    /// <summary>Validates, appends and reports one batch from <paramref name="source"/>.</summary>
    public async Task<IngestionResult> SubmitAsync(string source, IReadOnlyList<AcdEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var now = _time.GetUtcNow();
        var valid = new List<AcdEvent>(events.Count);
        var rejected = new List<RejectedEvent>();
        for (var i = 0; i < events.Count; i++)
        {
            var errors = AcdEventRules.Check(events[i], now, _maxFutureSkew);
            if (errors.Count == 0)
            {
                valid.Add(events[i]);
            }
            else
            {
                rejected.Add(new RejectedEvent(i, errors));
            }
        }
        return await AppendAsync(source, valid, rejected, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends events that were already validated (e.g. parsed by <see cref="AcdEventJson"/>), reporting the rejected ones with them.</summary>
    public async Task<IngestionResult> AppendAsync(string source, IReadOnlyList<AcdEvent> valid, IReadOnlyList<RejectedEvent> rejected,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(rejected);
        foreach (var reject in rejected)
        {
            LogRejected(source, reject.Position, string.Join("; ", reject.Errors));
        }
        _rejected.Add(rejected.Count, new KeyValuePair<string, object?>("source", source));

        var appended = 0;
        if (valid.Count > 0)
        {
            var outcome = await _log.AppendAsync(valid, cancellationToken).ConfigureAwait(false);
            appended = outcome.AppendedCount;
            _accepted.Add(appended, new KeyValuePair<string, object?>("source", source));
            _duplicates.Add(outcome.DuplicateCount, new KeyValuePair<string, object?>("source", source));
            if (appended > 0)
            {
                _appended.Notify();
            }
        }
        return new IngestionResult(appended, valid.Count - appended, rejected);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Rejected event {Position} from {Source}: {Errors}")]
    private partial void LogRejected(string source, int position, string errors);
}

/// <summary>What happened to a batch: appended, already known (duplicate ids) and rejected events.</summary>
public sealed record IngestionResult(int Appended, int Duplicates, IReadOnlyList<RejectedEvent> Rejected);

/// <summary>One rejected event of a batch: its zero-based position and every reason.</summary>
public sealed record RejectedEvent(int Position, IReadOnlyList<FieldError> Errors);

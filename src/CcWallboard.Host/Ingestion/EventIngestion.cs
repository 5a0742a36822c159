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
    private readonly Counter<long> _refused;
    private readonly HashSet<string> _queues;
    private readonly HashSet<string>? _agents;
    private readonly RejectionLogLimiter _logLimiter;

    public EventIngestion(IEventLog log, LogAppendSignal appended, TimeProvider time, IOptions<CentreOptions> options,
        IOptions<IngestionOptions> ingestion, IMeterFactory meters, ILogger<EventIngestion> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ingestion);
        ArgumentNullException.ThrowIfNull(meters);
        _log = log;
        _appended = appended;
        _time = time;
        _logger = logger;
        _maxFutureSkew = TimeSpan.FromSeconds(options.Value.Centre.MaxFutureSkewSeconds);
        _queues = new HashSet<string>(options.Value.Queues.Select(q => q.Id), StringComparer.Ordinal);
        // A centre that lists its agents accepts only those; one that lists none accepts any agent id.
        _agents = options.Value.Agents.Count == 0 ? null : new HashSet<string>(options.Value.Agents.Select(a => a.Id), StringComparer.Ordinal);
        _logLimiter = new RejectionLogLimiter(time, ingestion.Value.MaxRejectionLogLinesPerMinute);
        var meter = meters.Create("CcWallboard.Ingestion");
        _accepted = meter.CreateCounter<long>("ccwallboard.events.accepted", description: "Events appended to the log");
        _duplicates = meter.CreateCounter<long>("ccwallboard.events.duplicate", description: "Events whose id was already in the log");
        _rejected = meter.CreateCounter<long>("ccwallboard.events.rejected", description: "Events rejected by validation");
        _refused = meter.CreateCounter<long>("ccwallboard.ingestion.refused", description: "Requests refused whole (unauthorised, too large, malformed, store unavailable)");
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
            var errors = CheckAgainstCentre(events[i], AcdEventRules.Check(events[i], now, _maxFutureSkew));
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

    /// <summary>Parses a batch of JSON events (array elements or lines) and appends the valid ones; positions count from 0.</summary>
    public async Task<IngestionResult> SubmitJsonAsync(string source, IReadOnlyList<ParsedInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var now = _time.GetUtcNow();
        var valid = new List<AcdEvent>(inputs.Count);
        var rejected = new List<RejectedEvent>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var errors = input.Errors;
            if (input.Event is { } e)
            {
                errors = CheckAgainstCentre(e, AcdEventRules.Check(e, now, _maxFutureSkew));
                if (errors.Count == 0)
                {
                    valid.Add(e);
                    continue;
                }
            }
            rejected.Add(new RejectedEvent(i, errors));
        }
        return await AppendAsync(source, valid, rejected, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts a request refused whole, by source and reason.</summary>
    public void CountRefused(string source, string reason) =>
        _refused.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>The contract's errors plus the centre's: a queue that is not configured, or an agent the centre does not list.</summary>
    private IReadOnlyList<FieldError> CheckAgainstCentre(AcdEvent e, IReadOnlyList<FieldError> errors)
    {
        List<FieldError>? more = null;
        if (e is ContactEvent contact && !string.IsNullOrEmpty(contact.QueueId) && !_queues.Contains(contact.QueueId))
        {
            (more ??= [.. errors]).Add(new FieldError("queueId", $"queue '{contact.QueueId}' is not configured"));
        }
        if (e is ContactTransferred transferred && !string.IsNullOrEmpty(transferred.ToQueueId) && !_queues.Contains(transferred.ToQueueId))
        {
            (more ??= [.. errors]).Add(new FieldError("toQueueId", $"queue '{transferred.ToQueueId}' is not configured"));
        }
        var agentId = e switch
        {
            AgentStateChanged changed => changed.AgentId,
            ContactAnswered answered => answered.AgentId,
            ContactEnded ended => ended.AgentId,
            _ => null,
        };
        if (_agents is not null && !string.IsNullOrEmpty(agentId) && !_agents.Contains(agentId))
        {
            (more ??= [.. errors]).Add(new FieldError("agentId", $"agent '{agentId}' is not configured"));
        }
        return more ?? errors;
    }

    /// <summary>Appends events that were already validated (e.g. parsed by <see cref="AcdEventJson"/>), reporting the rejected ones with them.</summary>
    public async Task<IngestionResult> AppendAsync(string source, IReadOnlyList<AcdEvent> valid, IReadOnlyList<RejectedEvent> rejected,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(rejected);
        foreach (var reject in rejected)
        {
            if (_logLimiter.TryTake(source, out var suppressed))
            {
                LogRejected(source, reject.Position, string.Join("; ", reject.Errors), suppressed);
            }
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

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Rejected event {Position} from {Source}: {Errors} ({Suppressed} similar lines held back since the last one)")]
    private partial void LogRejected(string source, int position, string errors, long suppressed);
}

/// <summary>What happened to a batch: appended, already known (duplicate ids) and rejected events.</summary>
public sealed record IngestionResult(int Appended, int Duplicates, IReadOnlyList<RejectedEvent> Rejected);

/// <summary>One input of a batch as read: the event, or why it could not be read.</summary>
public sealed record ParsedInput(AcdEvent? Event, IReadOnlyList<FieldError> Errors)
{
    public static ParsedInput Of(EventParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return new(parsed.Event, parsed.Errors);
    }
}

/// <summary>One rejected event of a batch: its zero-based position and every reason.</summary>
public sealed record RejectedEvent(int Position, IReadOnlyList<FieldError> Errors);

using System.Collections.Concurrent;
using CcWallboard.Core.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CcWallboard.Host.Storage;

/// <summary>
/// The event log as a Redis Stream (<see cref="StorageOptions.ResolvedStreamKey"/>, <c>ccw:events</c> by
/// default): one entry per event, its JSON in the field <c>event</c>, the entry id its position.
/// </summary>
/// <remarks>
/// Idempotency without Lua: an appended id is marked by the key <c>{prefix}event-id:{id}</c>, which lives
/// for the retention period. An append first asks, in one <c>MGET</c> per chunk, which ids are marked, and drops
/// those and repeats within the batch; the rest go in one transaction (chunks of
/// <see cref="MaxEventsPerTransaction"/>) that is conditioned on each of their marks not existing and
/// sets each mark together with its <c>XADD</c>. Either all of a transaction's events and marks are
/// written, in input order, or none; when another writer marked one of the ids first the transaction
/// aborts and the append asks again and retries (at most <see cref="MaxAttempts"/> times). A write whose
/// answer timed out may still have been applied: retrying the batch finds the marks and appends nothing twice.
/// </remarks>
public sealed partial class RedisEventLog : IEventLog
{
    /// <summary>The stream field that holds an event's JSON.</summary>
    public const string EventField = "event";

    /// <summary>How many events one transaction carries at most.</summary>
    public const int MaxEventsPerTransaction = 500;

    /// <summary>How many times one chunk is tried when other writers keep marking its ids first.</summary>
    public const int MaxAttempts = 8;

    private const int MaxReportedUnreadable = 10_000;

    private static readonly RedisValue MarkValue = "1";
    private readonly ConcurrentDictionary<LogPosition, byte> reportedUnreadable = new();
    private readonly RedisConnection connection;
    private readonly StorageOptions options;
    private readonly RedisKey streamKey;
    private readonly ILogger logger;

    public RedisEventLog(RedisConnection connection, IOptions<StorageOptions> options, ILogger<RedisEventLog> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        this.connection = connection;
        this.options = options.Value;
        this.logger = logger;
        streamKey = this.options.ResolvedStreamKey;
    }

    public async Task<AppendOutcome> AppendAsync(IReadOnlyList<AcdEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        InMemoryEventLog.EnsureNoNulls(events);
        var appended = new bool[events.Count];
        if (events.Count == 0)
        {
            return new AppendOutcome(appended);
        }

        // The first occurrence of each id, in input order; later repeats are duplicates.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<int>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (seen.Add(events[i].Id))
            {
                candidates.Add(i);
            }
        }

        var database = await GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in candidates.Chunk(MaxEventsPerTransaction))
        {
            await AppendChunkAsync(database, events, chunk, appended, cancellationToken).ConfigureAwait(false);
        }
        return new AppendOutcome(appended);
    }

    public async Task<IReadOnlyList<LoggedEvent>> ReadAfterAsync(LogPosition after, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var database = await GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var entries = await database.StreamRangeAsync(streamKey, "(" + after.ToString(), "+", maxCount, Order.Ascending)
            .WaitAsync(cancellationToken).ConfigureAwait(false);

        var page = new List<LoggedEvent>(entries.Length);
        foreach (var entry in entries)
        {
            var position = LogPosition.Parse(entry.Id.ToString());
            var json = entry[EventField];
            // Stored events were validated on the way in: no bound on how far ahead their time may lie.
            var parsed = json.IsNull ? null : AcdEventJson.ParseLine(json.ToString(), DateTimeOffset.MaxValue, TimeSpan.MaxValue);
            if (parsed?.Event is { } e)
            {
                page.Add(new LoggedEvent(position, e));
            }
            else
            {
                ReportUnreadable(position, parsed);
            }
        }
        return page;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        var database = await GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        return await database.StreamLengthAsync(streamKey).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> TrimBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var database = await GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var minimum = new LogPosition(Math.Max(0, cutoff.ToUnixTimeMilliseconds()), 0);
        var removed = await database.StreamTrimByMinIdAsync(streamKey, minimum.ToString(), useApproximateMaxLength: false)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        if (removed > 0)
        {
            LogTrimmed(logger, removed, streamKey, minimum);
        }
        return removed;
    }

    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var multiplexer = await connection.GetMultiplexerAsync(cancellationToken).ConfigureAwait(false);
        if (!multiplexer.IsConnected)
        {
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect,
                $"not connected to Redis at {string.Join(", ", multiplexer.GetEndPoints().Select(e => e.ToString()))}");
        }
        return await multiplexer.GetDatabase().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken) =>
        (await connection.GetMultiplexerAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();

    private async Task AppendChunkAsync(IDatabase database, IReadOnlyList<AcdEvent> events, int[] chunk, bool[] appended,
        CancellationToken cancellationToken)
    {
        var pending = chunk;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // One MGET: which ids are marked already (appended before, or by a writer that raced us)? A mark is
            // the string "1", so a null answer is an id not marked yet.
            var marks = Array.ConvertAll(pending, i => MarkKey(events[i]));
            var marked = await database.StringGetAsync(marks).WaitAsync(cancellationToken).ConfigureAwait(false);
            var fresh = pending.Where((_, k) => marked[k].IsNull).ToArray();
            if (fresh.Length == 0)
            {
                return;
            }

            // Each mark and its entry, all or nothing, and only while no mark exists. Once sent, the
            // transaction is not abandoned on cancellation: its outcome is awaited.
            var transaction = database.CreateTransaction();
            var writes = new List<Task>(fresh.Length * 2);
            foreach (var i in fresh)
            {
                var markKey = MarkKey(events[i]);
                transaction.AddCondition(Condition.KeyNotExists(markKey));
                writes.Add(transaction.StringSetAsync(markKey, MarkValue, options.Retention));
                writes.Add(transaction.StreamAddAsync(streamKey, EventField, AcdEventJson.ToJson(events[i])));
            }

            // One conditioned transaction per process at a time (see ConditionedTransactions).
            var committed = await ConditionedTransactions.ExecuteAsync(transaction, writes, cancellationToken).ConfigureAwait(false);

            if (committed)
            {
                foreach (var i in fresh)
                {
                    appended[i] = true;
                }
                return;
            }
            if (attempt >= MaxAttempts)
            {
                throw new RedisException(
                    $"Appending {fresh.Length} events to {streamKey} lost the race to other writers {attempt} times; retry the batch (it is idempotent).");
            }
            LogAppendRaced(logger, fresh.Length, attempt);
            pending = fresh;
        }
    }

    private RedisKey MarkKey(AcdEvent e) => options.EventIdKey(e.Id);

    /// <summary>Logs an unreadable entry the first time this log meets it (readers that stop before it read it again).</summary>
    private void ReportUnreadable(LogPosition position, EventParseResult? parsed)
    {
        if (reportedUnreadable.Count >= MaxReportedUnreadable || !reportedUnreadable.TryAdd(position, 0))
        {
            return;
        }
        if (parsed is null)
        {
            LogEntryWithoutEvent(logger, streamKey, position);
        }
        else
        {
            LogUnreadableEntry(logger, streamKey, position, parsed.Errors);
        }
    }

    [LoggerMessage(EventId = 4020, Level = LogLevel.Debug,
        Message = "Another writer marked some of {Count} event ids first (attempt {Attempt}); checking again")]
    private static partial void LogAppendRaced(ILogger logger, int count, int attempt);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Error,
        Message = "Skipped unreadable entry {Position} of stream {StreamKey}: {Errors}")]
    private static partial void LogUnreadableEntry(ILogger logger, RedisKey streamKey, LogPosition position, IReadOnlyList<FieldError> errors);

    [LoggerMessage(EventId = 4023, Level = LogLevel.Error,
        Message = "Skipped entry {Position} of stream {StreamKey}: it has no field 'event'")]
    private static partial void LogEntryWithoutEvent(ILogger logger, RedisKey streamKey, LogPosition position);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Information,
        Message = "Trimmed {Count} entries of stream {StreamKey} before {MinimumPosition}")]
    private static partial void LogTrimmed(ILogger logger, long count, RedisKey streamKey, LogPosition minimumPosition);
}

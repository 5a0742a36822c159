using CcWallboard.Core.Events;
using CcWallboard.Host.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CcWallboard.Host.Ingestion;

/// <summary>
/// Reads the Redis input stream through a consumer group and hands each entry to <see cref="EventIngestion"/>
/// (validated, appended to the event log idempotently by event id), acknowledging entries only after the log
/// took them. On start it first re-reads its own pending entries (delivered before a crash), and every round it
/// claims entries another host took and left unacknowledged for <c>ClaimIdleSeconds</c>. So a host killed at any
/// moment and restarted (or replaced) loses nothing, and the log's id marks keep anything from counting twice.
/// An entry that is not a valid event is acknowledged, copied with the reasons to <c>{stream}:rejected</c>
/// (capped), counted and logged (rate-limited).
/// </summary>
public sealed partial class RedisStreamInput(
    IServiceProvider services,
    IConfiguration configuration,
    EventIngestion ingestion,
    IOptions<RedisInputOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<RedisStreamInput> logger) : BackgroundService
{
    /// <summary>The field of an input entry that holds the event's JSON.</summary>
    public const string EventField = "event";

    private const int RejectedKept = 10_000;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    public string StreamKey => string.IsNullOrWhiteSpace(options.Value.StreamKey) ? storage.Value.KeyPrefix + "input" : options.Value.StreamKey;

    public string RejectedStreamKey => StreamKey + ":rejected";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || string.IsNullOrWhiteSpace(configuration.GetConnectionString(StorageServiceCollectionExtensions.RedisConnectionStringName)))
        {
            return;
        }
        var connection = services.GetRequiredService<RedisConnection>();
        var backoff = TimeSpan.FromMilliseconds(200);
        var groupReady = false;
        var ownPendingDone = false;
        var claimFrom = (RedisValue)"0-0";
        var lastClaim = DateTimeOffset.MinValue;
        var lastTrim = DateTimeOffset.MinValue;
        LogStarted(StreamKey, settings.Group, settings.ResolvedConsumer);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var database = (await connection.GetMultiplexerAsync(stoppingToken).ConfigureAwait(false)).GetDatabase();
                if (!groupReady)
                {
                    await EnsureGroupAsync(database, settings.Group).ConfigureAwait(false);
                    groupReady = true;
                }
                int handled;
                if (!ownPendingDone)
                {
                    // Entries delivered to this consumer before a restart and never acknowledged.
                    var pending = await database.StreamReadGroupAsync(StreamKey, settings.Group, settings.ResolvedConsumer, "0", settings.BatchSize).ConfigureAwait(false);
                    handled = await HandleAsync(database, pending, stoppingToken).ConfigureAwait(false);
                    ownPendingDone = pending.Length == 0;
                    continue;
                }
                if (time.GetUtcNow() - lastClaim >= TimeSpan.FromSeconds(settings.ClaimIdleSeconds / 2))
                {
                    var claimed = await database.StreamAutoClaimAsync(StreamKey, settings.Group, settings.ResolvedConsumer,
                        (long)(settings.ClaimIdleSeconds * 1000), claimFrom, settings.BatchSize).ConfigureAwait(false);
                    claimFrom = claimed.NextStartId;
                    if (claimed.ClaimedEntries.Length > 0)
                    {
                        LogClaimed(claimed.ClaimedEntries.Length);
                        await HandleAsync(database, claimed.ClaimedEntries, stoppingToken).ConfigureAwait(false);
                    }
                    if (claimFrom == "0-0")
                    {
                        lastClaim = time.GetUtcNow();
                    }
                }
                if (time.GetUtcNow() - lastTrim >= TrimInterval)
                {
                    await TrimAcknowledgedAsync(database, settings.Group).ConfigureAwait(false);
                    lastTrim = time.GetUtcNow();
                }
                var fresh = await database.StreamReadGroupAsync(StreamKey, settings.Group, settings.ResolvedConsumer, ">", settings.BatchSize).ConfigureAwait(false);
                handled = await HandleAsync(database, fresh, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromMilliseconds(200);
                if (handled == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(settings.PollMilliseconds), time, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The loop must outlive any failure: the entries stay pending and are read again.
                if (ex.Message.Contains("NOGROUP", StringComparison.Ordinal))
                {
                    groupReady = false; // the stream was deleted: recreate the group
                }
                LogReadFailed(ex, StreamKey, backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
    }

    private static readonly TimeSpan TrimInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Keeps the input stream short: removes the entries every consumer of the group has had delivered and
    /// acknowledged (older than both the group's last delivered id and its oldest pending one). The event log holds
    /// the events themselves.
    /// </summary>
    public async Task<long> TrimAcknowledgedAsync(IDatabase database, string group)
    {
        ArgumentNullException.ThrowIfNull(database);
        var info = (await database.StreamGroupInfoAsync(StreamKey).ConfigureAwait(false)).FirstOrDefault(g => g.Name == group);
        if (info.Name is null || info.LastDeliveredId is null)
        {
            return 0;
        }
        var pending = await database.StreamPendingAsync(StreamKey, group).ConfigureAwait(false);
        var bound = LogPosition.Parse(info.LastDeliveredId);
        if (pending.PendingMessageCount > 0 && LogPosition.Parse(pending.LowestPendingMessageId.ToString()) is var lowest && lowest < bound)
        {
            bound = lowest;
        }
        // MINID keeps the bound itself: the last delivered entry stays, every older acknowledged one goes.
        return await database.StreamTrimByMinIdAsync(StreamKey, bound.ToString(), useApproximateMaxLength: false).ConfigureAwait(false);
    }

    private async Task EnsureGroupAsync(IDatabase database, string group)
    {
        try
        {
            // From the stream's start: entries producers added before any host ran are read too.
            await database.StreamCreateConsumerGroupAsync(StreamKey, group, "0-0", createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // The group exists already.
        }
    }

    /// <summary>Validates and appends the entries' events, then acknowledges them all; returns how many entries there were.</summary>
    private async Task<int> HandleAsync(IDatabase database, StreamEntry[] entries, CancellationToken cancellationToken)
    {
        if (entries.Length == 0)
        {
            return 0;
        }
        var now = time.GetUtcNow();
        var inputs = new List<ParsedInput>(entries.Length);
        foreach (var entry in entries)
        {
            var json = entry[EventField];
            inputs.Add(json.IsNull
                ? new ParsedInput(null, [new FieldError(EventField, $"the entry has no field '{EventField}' holding the event's JSON")])
                : ParsedInput.Of(AcdEventJson.ParseLine(json.ToString(), now, TimeSpan.FromDays(3650))));
        }
        // Throws while the log cannot append: the entries stay pending and are read again.
        var result = await ingestion.SubmitJsonAsync(options.Value.Source, inputs, cancellationToken).ConfigureAwait(false);
        foreach (var rejected in result.Rejected)
        {
            var entry = entries[rejected.Position];
            await database.StreamAddAsync(RejectedStreamKey,
                [
                    new NameValueEntry("entry", entry.Id),
                    new NameValueEntry(EventField, entry[EventField].IsNull ? RedisValue.EmptyString : entry[EventField]),
                    new NameValueEntry("errors", string.Join("; ", rejected.Errors.Select(e => $"{e.Field}: {e.Reason}"))),
                ],
                maxLength: RejectedKept, useApproximateMaxLength: true).ConfigureAwait(false);
        }
        await database.StreamAcknowledgeAsync(StreamKey, options.Value.Group, [.. entries.Select(e => e.Id)]).ConfigureAwait(false);
        return entries.Length;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Reading the Redis input stream {Stream} as {Consumer} of group {Group}")]
    private partial void LogStarted(string stream, string group, string consumer);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Claimed {Count} input entries another host left unacknowledged")]
    private partial void LogClaimed(int count);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Reading the Redis input stream {Stream} failed; retrying in {Seconds} s")]
    private partial void LogReadFailed(Exception exception, string stream, double seconds);
}

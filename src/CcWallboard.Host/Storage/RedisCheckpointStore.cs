using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CcWallboard.Host.Storage;

/// <summary>
/// The checkpoint as one Redis hash, <see cref="KeyOf"/> (<c>ccw:checkpoint</c> by default), with the fields
/// <c>position</c> (<c>1732352400000-0</c>), <c>takenAt</c> (round-trip ISO 8601 with its offset),
/// <c>version</c> and <c>state</c> (the raw bytes). No expiry.
/// </summary>
/// <remarks>
/// Never older over newer, without Lua: a save reads the stored position; when it is higher, the save
/// returns without writing. Otherwise one transaction writes all four fields, conditioned on the stored
/// position still being the one it read (WATCH-style, <see cref="Condition.HashEqual(RedisKey, RedisValue, RedisValue)"/>,
/// or <see cref="Condition.HashNotExists"/> when there was none). When another writer changed it in between,
/// the transaction aborts and the save reads again (at most <see cref="MaxAttempts"/> times). A load is one
/// <c>HMGET</c> of the four fields, so it sees one save whole.
/// </remarks>
public sealed partial class RedisCheckpointStore : ICheckpointStore
{
    public const string PositionField = "position";
    public const string TakenAtField = "takenAt";
    public const string VersionField = "version";
    public const string StateField = "state";

    /// <summary>How many times one save is tried when other writers keep changing the checkpoint first.</summary>
    public const int MaxAttempts = 8;

    private const string TakenAtFormat = "O";

    private static readonly RedisValue[] Fields = [PositionField, TakenAtField, VersionField, StateField];
    private readonly RedisConnection connection;
    private readonly RedisKey key;
    private readonly ILogger logger;

    public RedisCheckpointStore(RedisConnection connection, IOptions<StorageOptions> options, ILogger<RedisCheckpointStore> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        this.connection = connection;
        this.logger = logger;
        key = KeyOf(options.Value);
    }

    /// <summary>The key of the checkpoint hash: <see cref="StorageOptions.KeyPrefix"/> + <c>checkpoint</c>.</summary>
    public static string KeyOf(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.KeyPrefix + "checkpoint";
    }

    public async Task SaveAsync(EngineCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        InMemoryCheckpointStore.EnsureSavable(checkpoint);
        cancellationToken.ThrowIfCancellationRequested();
        HashEntry[] fields =
        [
            new(PositionField, checkpoint.Position.ToString()),
            new(TakenAtField, checkpoint.TakenAt.ToString(TakenAtFormat, CultureInfo.InvariantCulture)),
            new(VersionField, checkpoint.FormatVersion.ToString(CultureInfo.InvariantCulture)),
            new(StateField, checkpoint.State),
        ];

        var database = await GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stored = await database.HashGetAsync(key, PositionField).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (TryParsePosition(stored, out var storedPosition) && storedPosition > checkpoint.Position)
            {
                LogOlderNotSaved(logger, checkpoint.Position, storedPosition);
                return;
            }

            // A stored position that cannot be read is replaced: the condition is on its raw value. Once sent,
            // the transaction is not abandoned on cancellation: its outcome is awaited.
            var transaction = database.CreateTransaction();
            transaction.AddCondition(stored.IsNull
                ? Condition.HashNotExists(key, PositionField)
                : Condition.HashEqual(key, PositionField, stored));
            var write = transaction.HashSetAsync(key, fields);

            // One conditioned transaction per process at a time (see ConditionedTransactions).
            var committed = await ConditionedTransactions.ExecuteAsync(transaction, [write], cancellationToken).ConfigureAwait(false);

            if (committed)
            {
                return;
            }
            if (attempt >= MaxAttempts)
            {
                throw new RedisException(
                    $"Saving the checkpoint at {checkpoint.Position} to {key} lost the race to other writers {attempt} times; save it again.");
            }
            LogSaveRaced(logger, checkpoint.Position, attempt);
        }
    }

    public async Task<EngineCheckpoint?> LoadAsync(CancellationToken cancellationToken = default)
    {
        var database = await GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var values = await database.HashGetAsync(key, Fields).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (values.All(v => v.IsNull))
        {
            return null;
        }
        if (Read(values) is { } checkpoint)
        {
            return checkpoint;
        }
        LogUnreadable(logger, key, string.Join(", ", Fields.Zip(values).Select(f => $"{f.First}: {Describe(f.First, f.Second)}")));
        return null;
    }

    private async Task<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken) =>
        (await connection.GetMultiplexerAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();

    /// <summary>The checkpoint in the four values of <see cref="Fields"/>, or null when one of them cannot be read.</summary>
    private static EngineCheckpoint? Read(RedisValue[] values) =>
        TryParsePosition(values[0], out var position)
        && TryParseTakenAt(values[1], out var takenAt)
        && TryParseVersion(values[2], out var version)
        && !values[3].IsNull
            ? new EngineCheckpoint(position, takenAt, version, (byte[])values[3]!)
            : null;

    private static bool TryParsePosition(RedisValue value, out LogPosition position)
    {
        position = default;
        if (value.IsNull)
        {
            return false;
        }
        var text = value.ToString();
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }
        position = new LogPosition(milliseconds, sequence);
        return true;
    }

    private static bool TryParseTakenAt(RedisValue value, out DateTimeOffset takenAt)
    {
        takenAt = default;
        return !value.IsNull
            && DateTimeOffset.TryParseExact(value.ToString(), TakenAtFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out takenAt);
    }

    private static bool TryParseVersion(RedisValue value, out int version)
    {
        version = 0;
        return !value.IsNull && int.TryParse(value.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out version);
    }

    /// <summary>A field of an unreadable checkpoint, for the log: short values as they are, the state by its length.</summary>
    private static string Describe(RedisValue field, RedisValue value) =>
        value.IsNull ? "missing"
        : field == StateField ? string.Create(CultureInfo.InvariantCulture, $"{((byte[])value!).Length} bytes")
        : $"\"{Truncate(value.ToString())}\"";

    private static string Truncate(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");

    [LoggerMessage(EventId = 4030, Level = LogLevel.Debug,
        Message = "Checkpoint at {Position} not saved: the stored one is newer ({StoredPosition})")]
    private static partial void LogOlderNotSaved(ILogger logger, LogPosition position, LogPosition storedPosition);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Debug,
        Message = "Another writer changed the checkpoint first while saving the one at {Position} (attempt {Attempt}); reading again")]
    private static partial void LogSaveRaced(ILogger logger, LogPosition position, int attempt);

    [LoggerMessage(EventId = 4032, Level = LogLevel.Error,
        Message = "Ignored the unreadable checkpoint in {Key} ({Fields}); the engine replays the event log instead")]
    private static partial void LogUnreadable(ILogger logger, RedisKey key, string fields);
}

using CcWallboard.Host.Storage;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Adherence;

/// <summary>
/// The imported schedule of each centre day, kept as its canonical CSV (a Redis string per date, or in process).
/// Putting a day replaces it whole, atomically: a reader sees the old schedule or the new one, never a mix.
/// </summary>
public interface IScheduleStore
{
    Task PutAsync(DateOnly day, string canonicalCsv, CancellationToken cancellationToken = default);

    /// <summary>The day's schedule as stored, or null when none was imported for it.</summary>
    Task<string?> GetAsync(DateOnly day, CancellationToken cancellationToken = default);
}

public sealed class InMemoryScheduleStore : InMemoryDayTextStore, IScheduleStore;

/// <summary>One key per day, <c>{KeyPrefix}schedule:{yyyy-MM-dd}</c>; SET replaces it in one command. Kept 14 days.</summary>
public sealed class RedisScheduleStore(RedisConnection connection, IOptions<StorageOptions> options)
    : RedisDayTextStore(connection, options, "schedule"), IScheduleStore;

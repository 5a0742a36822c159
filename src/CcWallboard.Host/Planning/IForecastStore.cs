using CcWallboard.Host.Storage;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Planning;

/// <summary>
/// The imported forecast of each centre day, kept as its canonical CSV (a Redis string per date, or in process).
/// Putting a day replaces it whole, atomically: a reader sees the old forecast or the new one, never a mix.
/// </summary>
public interface IForecastStore
{
    Task PutAsync(DateOnly day, string canonicalCsv, CancellationToken cancellationToken = default);

    /// <summary>The day's forecast as stored, or null when none was imported for it.</summary>
    Task<string?> GetAsync(DateOnly day, CancellationToken cancellationToken = default);
}

public sealed class InMemoryForecastStore : InMemoryDayTextStore, IForecastStore;

/// <summary>One key per day, <c>{KeyPrefix}forecast:{yyyy-MM-dd}</c>; SET replaces it in one command. Kept 14 days.</summary>
public sealed class RedisForecastStore(RedisConnection connection, IOptions<StorageOptions> options)
    : RedisDayTextStore(connection, options, "forecast"), IForecastStore;

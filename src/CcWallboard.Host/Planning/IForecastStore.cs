using System.Collections.Concurrent;
using CcWallboard.Host.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

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

public sealed class InMemoryForecastStore : IForecastStore
{
    private readonly ConcurrentDictionary<DateOnly, string> _days = new();

    public Task PutAsync(DateOnly day, string canonicalCsv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(canonicalCsv);
        _days[day] = canonicalCsv;
        return Task.CompletedTask;
    }

    public Task<string?> GetAsync(DateOnly day, CancellationToken cancellationToken = default) =>
        Task.FromResult(_days.TryGetValue(day, out var csv) ? csv : null);
}

/// <summary>One key per day, <c>{KeyPrefix}forecast:{yyyy-MM-dd}</c>; SET replaces it in one command. Kept 14 days.</summary>
public sealed class RedisForecastStore(RedisConnection connection, IOptions<StorageOptions> options) : IForecastStore
{
    private static readonly TimeSpan Kept = TimeSpan.FromDays(14);

    private string KeyOf(DateOnly day) => $"{options.Value.KeyPrefix}forecast:{day:yyyy-MM-dd}";

    public async Task PutAsync(DateOnly day, string canonicalCsv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(canonicalCsv);
        var database = (await connection.GetMultiplexerAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        await database.StringSetAsync(KeyOf(day), canonicalCsv, Kept).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> GetAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var database = (await connection.GetMultiplexerAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        var value = await database.StringGetAsync(KeyOf(day)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : value.ToString();
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Storage;

/// <summary>
/// A text per centre day, in process (the imported schedules and forecasts, as their canonical CSV). Putting a day
/// replaces it whole.
/// </summary>
public abstract class InMemoryDayTextStore
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

/// <summary>
/// A text per centre day in Redis: one key per day, <c>{KeyPrefix}{name}:{yyyy-MM-dd}</c>; SET replaces it in one
/// command, so a reader sees the old text or the new one. Kept 14 days.
/// </summary>
public abstract class RedisDayTextStore(RedisConnection connection, IOptions<StorageOptions> options, string name)
{
    private static readonly TimeSpan Kept = TimeSpan.FromDays(14);

    private string KeyOf(DateOnly day) => $"{options.Value.KeyPrefix}{name}:{day:yyyy-MM-dd}";

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

using System.Collections.Concurrent;
using System.Text.Json;
using CcWallboard.Core.Adherence;
using CcWallboard.Host.Storage;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Adherence;

/// <summary>
/// The audit of approved adherence exceptions — who approved which period of which agent, when and why — per centre
/// day, in order (a Redis list per day, kept 400 days; or in process). Today's entries are re-applied at start.
/// </summary>
public interface IAdherenceAudit
{
    Task AppendAsync(DateOnly day, AdherenceApproval approval, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AdherenceApproval>> ReadAsync(DateOnly day, CancellationToken cancellationToken = default);
}

public sealed class InMemoryAdherenceAudit : IAdherenceAudit
{
    private readonly ConcurrentDictionary<DateOnly, List<AdherenceApproval>> _days = new();

    public Task AppendAsync(DateOnly day, AdherenceApproval approval, CancellationToken cancellationToken = default)
    {
        var list = _days.GetOrAdd(day, _ => []);
        lock (list)
        {
            list.Add(approval);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AdherenceApproval>> ReadAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        if (!_days.TryGetValue(day, out var list))
        {
            return Task.FromResult<IReadOnlyList<AdherenceApproval>>([]);
        }
        lock (list)
        {
            return Task.FromResult<IReadOnlyList<AdherenceApproval>>([.. list]);
        }
    }
}

public sealed class RedisAdherenceAudit(RedisConnection connection, IOptions<StorageOptions> options) : IAdherenceAudit
{
    private static readonly TimeSpan Kept = TimeSpan.FromDays(400);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string KeyOf(DateOnly day) => $"{options.Value.KeyPrefix}adherence:approvals:{day:yyyy-MM-dd}";

    public async Task AppendAsync(DateOnly day, AdherenceApproval approval, CancellationToken cancellationToken = default)
    {
        var database = (await connection.GetMultiplexerAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        var transaction = database.CreateTransaction();
        var push = transaction.ListRightPushAsync(KeyOf(day), JsonSerializer.Serialize(approval, Json));
        var expire = transaction.KeyExpireAsync(KeyOf(day), Kept);
        await transaction.ExecuteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(push, expire).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AdherenceApproval>> ReadAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var database = (await connection.GetMultiplexerAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        var entries = await database.ListRangeAsync(KeyOf(day)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(e => JsonSerializer.Deserialize<AdherenceApproval>(e.ToString(), Json)!)];
    }
}

using System.Text.Json;
using CcWallboard.Core.Alerts;
using CcWallboard.Host.Storage;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Alerts;

/// <summary>
/// Where the alert engine's state (active alerts, acknowledgements, today's history) is kept so a restarted host
/// carries on: one Redis key holding it as JSON, or in process.
/// </summary>
public interface IAlertStore
{
    Task SaveAsync(AlertEngineState state, CancellationToken cancellationToken = default);

    Task<AlertEngineState?> LoadAsync(CancellationToken cancellationToken = default);
}

public sealed class InMemoryAlertStore : IAlertStore
{
    private string? _json;

    public Task SaveAsync(AlertEngineState state, CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _json, JsonSerializer.Serialize(state, AlertStateJson.Options));
        return Task.CompletedTask;
    }

    public Task<AlertEngineState?> LoadAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Volatile.Read(ref _json) is { } json ? JsonSerializer.Deserialize<AlertEngineState>(json, AlertStateJson.Options) : null);
}

public sealed class RedisAlertStore(RedisConnection connection, IOptions<StorageOptions> options) : IAlertStore
{
    private string Key => options.Value.KeyPrefix + "alerts:state";

    public async Task SaveAsync(AlertEngineState state, CancellationToken cancellationToken = default)
    {
        var database = (await connection.GetMultiplexerAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        await database.StringSetAsync(Key, JsonSerializer.Serialize(state, AlertStateJson.Options)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<AlertEngineState?> LoadAsync(CancellationToken cancellationToken = default)
    {
        var database = (await connection.GetMultiplexerAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        var json = await database.StringGetAsync(Key).WaitAsync(cancellationToken).ConfigureAwait(false);
        return json.IsNull ? null : JsonSerializer.Deserialize<AlertEngineState>(json.ToString(), AlertStateJson.Options);
    }
}

internal static class AlertStateJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}

using System.Net;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CcWallboard.Host.Storage;

/// <summary>
/// The process's one <see cref="IConnectionMultiplexer"/>, connected on first use and asynchronously, so
/// the host starts while Redis is down. With <c>AbortOnConnectFail=false</c> the multiplexer is handed out
/// after the first attempt even when that attempt failed, and keeps reconnecting with back-off; commands
/// meanwhile wait in its backlog until they time out.
/// </summary>
public sealed partial class RedisConnection : IAsyncDisposable, IDisposable
{
    private readonly ConfigurationOptions? options;
    private readonly ILogger logger;
    private readonly bool ownsMultiplexer;
    private readonly Lock gate = new();
    private Task<IConnectionMultiplexer>? connecting;
    private bool disposed;

    /// <summary>Connects with <paramref name="options"/> on first use (forcing <c>AbortOnConnectFail=false</c>); owns the multiplexer.</summary>
    public RedisConnection(ConfigurationOptions options, ILogger<RedisConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        this.options = options.Clone();
        this.options.AbortOnConnectFail = false;
        this.logger = logger;
        ownsMultiplexer = true;
    }

    /// <summary>Wraps a multiplexer the caller owns (and disposes).</summary>
    public RedisConnection(IConnectionMultiplexer multiplexer, ILogger<RedisConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        ArgumentNullException.ThrowIfNull(logger);
        this.logger = logger;
        connecting = Task.FromResult(multiplexer);
    }

    /// <summary>The multiplexer, after its first connection attempt (which may have failed: it goes on trying).</summary>
    public Task<IConnectionMultiplexer> GetMultiplexerAsync(CancellationToken cancellationToken = default)
    {
        Task<IConnectionMultiplexer> task;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (connecting is null || connecting.IsFaulted || connecting.IsCanceled)
            {
                connecting = ConnectAsync(options!);
            }
            task = connecting;
        }
        return task.IsCompletedSuccessfully ? task : task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (TakeOwned() is { } multiplexer)
        {
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => TakeOwned()?.Dispose();

    /// <summary>Ends use; returns the owned multiplexer to dispose now (one still connecting is disposed when it is done).</summary>
    private IConnectionMultiplexer? TakeOwned()
    {
        Task<IConnectionMultiplexer>? task;
        lock (gate)
        {
            task = connecting;
            connecting = null;
            disposed = true;
        }
        if (!ownsMultiplexer || task is null)
        {
            return null;
        }
        if (!task.IsCompleted)
        {
            _ = task.ContinueWith(
                static t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            return null;
        }
        return task.IsCompletedSuccessfully ? task.Result : null;
    }

    private async Task<IConnectionMultiplexer> ConnectAsync(ConfigurationOptions configuration)
    {
        var endpoints = string.Join(", ", configuration.EndPoints);
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        multiplexer.ConnectionFailed += (_, e) => LogConnectionFailed(logger, e.Exception, e.EndPoint, e.FailureType);
        multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(logger, e.EndPoint);
        if (multiplexer.IsConnected)
        {
            LogConnected(logger, endpoints);
        }
        else
        {
            LogNotYetConnected(logger, endpoints);
        }
        return multiplexer;
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Event log: Redis at {Endpoints}")]
    private static partial void LogConnected(ILogger logger, string endpoints);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Event log: Redis at {Endpoints} does not answer yet; reconnecting in the background")]
    private static partial void LogNotYetConnected(ILogger logger, string endpoints);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Redis connection to {Endpoint} failed ({FailureType})")]
    private static partial void LogConnectionFailed(ILogger logger, Exception? exception, EndPoint? endpoint, ConnectionFailureType failureType);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Information, Message = "Redis connection to {Endpoint} restored")]
    private static partial void LogConnectionRestored(ILogger logger, EndPoint? endpoint);
}

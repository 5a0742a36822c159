using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CcWallboard.Host.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The connection string that selects Redis: <c>ConnectionStrings:Redis</c> (env <c>ConnectionStrings__Redis</c>).</summary>
    public const string RedisConnectionStringName = "Redis";

    /// <summary>
    /// Registers <see cref="IEventLog"/> and <see cref="ICheckpointStore"/>: a <see cref="RedisEventLog"/> and a
    /// <see cref="RedisCheckpointStore"/> over one shared multiplexer when <c>ConnectionStrings:Redis</c> is set,
    /// otherwise the <see cref="InMemoryEventLog"/> and the <see cref="InMemoryCheckpointStore"/>; the
    /// <see cref="StorageOptions"/> (section <c>Storage</c>, validated on start); and the readiness check
    /// <c>event-log</c> tagged <c>ready</c>.
    /// </summary>
    /// <remarks>
    /// Each store is chosen when it is first resolved, from the <see cref="IConfiguration"/>
    /// of the container (the host's final configuration), or <paramref name="configuration"/> when the
    /// container has none. The multiplexer connects on first use, asynchronously and with <c>AbortOnConnectFail=false</c>:
    /// the host starts while Redis is down and the log reconnects. Async code should take it from
    /// <see cref="RedisConnection"/>; resolving <see cref="IConnectionMultiplexer"/> itself waits once for
    /// the first connection attempt.
    /// </remarks>
    public static IServiceCollection AddEventStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Fail fast on a malformed connection string that is already visible here. The choice of store is made
        // when the log is first resolved, from the host's final configuration: sources added later (a test
        // host's ConfigureAppConfiguration, say) join the configuration only when the host is built.
        if (RedisConnectionString(configuration) is { } visibleNow)
        {
            ParseRedisOptions(visibleNow);
        }
        services.TryAddSingleton(sp => new RedisConnection(
            ParseRedisOptions(RedisConnectionString(FinalConfiguration(sp, configuration)) ?? throw new InvalidOperationException(
                $"ConnectionStrings:{RedisConnectionStringName} is not set: the event log is kept in memory and there is no Redis connection.")),
            sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<RedisConnection>().GetMultiplexerAsync().GetAwaiter().GetResult());
        services.AddStore<IEventLog, InMemoryEventLog, RedisEventLog>(configuration);
        services.AddStore<ICheckpointStore, InMemoryCheckpointStore, RedisCheckpointStore>(configuration);

        services.AddHealthChecks().AddCheck<EventLogHealthCheck>(EventLogHealthCheck.Name, tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Registers a store that is <typeparamref name="TRedis"/> when <c>ConnectionStrings:Redis</c> is set in the host's
    /// final configuration, otherwise the embedded <typeparamref name="TInMemory"/> (same contract).
    /// </summary>
    public static IServiceCollection AddStore<TService, TInMemory, TRedis>(this IServiceCollection services, IConfiguration configuration)
        where TService : class
        where TInMemory : TService
        where TRedis : TService
    {
        services.AddSingleton<TService>(sp => RedisConnectionString(FinalConfiguration(sp, configuration)) is null
            ? ActivatorUtilities.CreateInstance<TInMemory>(sp)
            : ActivatorUtilities.CreateInstance<TRedis>(sp));
        return services;
    }

    private static IConfiguration FinalConfiguration(IServiceProvider services, IConfiguration registered) =>
        services.GetService<IConfiguration>() ?? registered;

    private static string? RedisConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(RedisConnectionStringName) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static ConfigurationOptions ParseRedisOptions(string connectionString)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException ex)
        {
            // The message of the parser, never the connection string: it may hold a password.
            throw new InvalidOperationException(
                $"ConnectionStrings:{RedisConnectionStringName} is not a valid StackExchange.Redis configuration: {ex.Message}", ex);
        }
        if (options.EndPoints.Count == 0)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{RedisConnectionStringName} names no Redis endpoint (expected e.g. \"localhost:6379\").");
        }
        options.AbortOnConnectFail = false;
        return options;
    }
}

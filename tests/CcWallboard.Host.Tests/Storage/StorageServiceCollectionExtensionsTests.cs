using System.Net;
using System.Net.Sockets;
using CcWallboard.Host.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CcWallboard.Host.Tests.Storage;

public sealed class StorageServiceCollectionExtensionsTests
{
    [Fact]
    public async Task Without_a_Redis_connection_string_the_log_is_kept_in_memory()
    {
        await using var provider = Build([]);

        Assert.IsType<InMemoryEventLog>(provider.GetRequiredService<IEventLog>());
        var noRedis = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<RedisConnection>());
        Assert.Contains("ConnectionStrings:Redis is not set", noRedis.Message, StringComparison.Ordinal);
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task A_Redis_connection_string_selects_the_Redis_stream_and_one_shared_multiplexer()
    {
        await using var provider = Build(new() { ["ConnectionStrings:Redis"] = $"127.0.0.1:{ClosedPort()},connectTimeout=500" });

        Assert.IsType<RedisEventLog>(provider.GetRequiredService<IEventLog>());
        var multiplexer = await provider.GetRequiredService<RedisConnection>().GetMultiplexerAsync();
        Assert.Same(multiplexer, provider.GetRequiredService<IConnectionMultiplexer>());
        Assert.Same(multiplexer, await provider.GetRequiredService<RedisConnection>().GetMultiplexerAsync());
    }

    [Fact]
    public async Task A_connection_string_that_joins_the_configuration_after_registration_still_selects_Redis()
    {
        // As a test host's ConfigureAppConfiguration does: the source is added when the host is built.
        var configuration = new ConfigurationManager();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddEventStore(configuration);
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = $"127.0.0.1:{ClosedPort()},connectTimeout=500" });
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<RedisEventLog>(provider.GetRequiredService<IEventLog>());
    }

    [Fact]
    public async Task The_Redis_log_is_created_while_Redis_is_down_and_readiness_says_why_it_is_not_ready()
    {
        await using var provider = Build(new() { ["ConnectionStrings:Redis"] = $"127.0.0.1:{ClosedPort()},connectTimeout=500" });

        var log = provider.GetRequiredService<IEventLog>();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"));

        Assert.IsType<RedisEventLog>(log);
        var entry = Assert.Single(report.Entries);
        Assert.Equal(EventLogHealthCheck.Name, entry.Key);
        Assert.Equal(HealthStatus.Unhealthy, entry.Value.Status);
        Assert.Contains("not connected to Redis", entry.Value.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_in_memory_log_is_ready()
    {
        await using var provider = Build([]);

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"));

        Assert.Equal(HealthStatus.Healthy, Assert.Single(report.Entries).Value.Status);
    }

    [Fact]
    public async Task Storage_options_bind_from_the_Storage_section()
    {
        await using var provider = Build(new() { ["Storage:KeyPrefix"] = "{wb}:", ["Storage:RetentionHours"] = "12" });

        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal("{wb}:events", options.ResolvedStreamKey);
        Assert.Equal("{wb}:event-id:x", options.EventIdKey("x"));
        Assert.Equal(TimeSpan.FromHours(12), options.Retention);
    }

    [Fact]
    public async Task Invalid_storage_options_fail_naming_every_key()
    {
        await using var provider = Build(new() { ["Storage:StreamKey"] = "my events", ["Storage:RetentionHours"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("Storage:StreamKey", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Storage:RetentionHours", StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_Redis_connection_string_fails_at_registration_without_echoing_it()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = "localhost,password=s3cret,nonsense=1" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddEventStore(configuration));

        Assert.Contains("ConnectionStrings:Redis", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_options_are_valid_and_name_the_ccw_keys()
    {
        var options = new StorageOptions();

        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal("ccw:events", options.ResolvedStreamKey);
        Assert.Equal("ccw:event-id:e1", options.EventIdKey("e1"));
        Assert.Equal(TimeSpan.FromHours(48), options.Retention);
        Assert.Equal("custom", new StorageOptions { StreamKey = "custom" }.ResolvedStreamKey);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddEventStore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>A loopback port nobody listens on.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

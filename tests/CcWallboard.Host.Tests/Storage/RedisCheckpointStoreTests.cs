using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CcWallboard.Host.Storage;
using CcWallboard.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;
using StackExchange.Redis;

namespace CcWallboard.Host.Tests.Storage;

/// <summary>
/// The contract on a real redis-server, plus what only Redis gives: one hash without expiry, durability in
/// the server, readers on other connections, and failures that are reported rather than swallowed.
/// </summary>
[Trait("Category", "Redis")]
public sealed class RedisCheckpointStoreTests(RedisServerFixture redis) : CheckpointStoreContract, IClassFixture<RedisServerFixture>
{
    private readonly List<ConnectionMultiplexer> multiplexers = [];

    // Every test writes under its own prefix, so tests never see each other's keys.
    private readonly StorageOptions options = new() { KeyPrefix = $"test:{Guid.NewGuid():N}:" };

    protected override Task<ICheckpointStore> CreateStoreAsync() => OpenAnotherWriterAsync();

    protected override async Task<ICheckpointStore> OpenAnotherWriterAsync() => OpenStore(await ConnectAsync());

    public override async Task DisposeAsync()
    {
        foreach (var multiplexer in multiplexers)
        {
            await multiplexer.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    [Fact]
    public async Task The_checkpoint_is_one_hash_under_the_key_prefix_with_four_fields_and_no_expiry()
    {
        await Store.SaveAsync(Checkpoint(1_000, 2, [1, 2, 3], version: 4));
        await Store.SaveAsync(Checkpoint(2_000, 0, [4, 5], version: 5));

        var key = $"{options.KeyPrefix}checkpoint";
        Assert.Equal(key, RedisCheckpointStore.KeyOf(options));
        Assert.Equal(RedisType.Hash, await Database().KeyTypeAsync(key));
        Assert.Null(await Database().KeyTimeToLiveAsync(key));
        var fields = (await Database().HashGetAllAsync(key)).ToDictionary(e => e.Name.ToString(), e => e.Value);
        Assert.Equal(["position", "state", "takenAt", "version"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("2000-0", fields["position"].ToString());
        Assert.Equal(T0.AddSeconds(2).ToString("O", CultureInfo.InvariantCulture), fields["takenAt"].ToString());
        Assert.Equal("5", fields["version"].ToString());
        Assert.Equal([4, 5], (byte[])fields["state"]!);
        Assert.Equal([key], await KeysUnderPrefixAsync());
    }

    [Fact]
    public async Task The_checkpoint_survives_a_server_restart_through_the_append_only_file()
    {
        var saved = Checkpoint(1_795_430_107_123, 7, EveryByteValue(), version: 3);
        await Store.SaveAsync(saved);

        await redis.RestartAsync();
        var reopened = OpenStore(await ConnectAsync());

        AssertSame(saved, await reopened.LoadAsync());
    }

    [Fact]
    public async Task A_second_store_on_another_connection_reads_the_checkpoint_and_keeps_to_its_position()
    {
        var saved = Checkpoint(5_000, 1, EveryByteValue(), version: 2);
        await Store.SaveAsync(saved);

        var other = await OpenAnotherWriterAsync();

        AssertSame(saved, await other.LoadAsync());
        await other.SaveAsync(Checkpoint(4_999, 0, [9]));
        AssertSame(saved, await Store.LoadAsync());
    }

    [Fact]
    public async Task A_save_while_the_server_is_frozen_fails_with_an_exception_and_never_leaves_a_torn_checkpoint()
    {
        var before = Checkpoint(1_000, 0, "before"u8.ToArray(), version: 1);
        var during = Checkpoint(2_000, 0, "during"u8.ToArray(), version: 2);
        var store = OpenStore(await ConnectAsync(timeoutMilliseconds: 1_000));
        await store.SaveAsync(before);

        await redis.PauseAsync();
        Exception? failure;
        try
        {
            failure = await Record.ExceptionAsync(() => store.SaveAsync(during));
        }
        finally
        {
            await redis.ResumeAsync();
        }

        AssertStoreFailure(failure);
        // A timed-out write may still be applied when the server resumes: the previous checkpoint or this one, whole.
        var loaded = await store.LoadAsync();
        AssertSame(loaded?.Position == during.Position ? during : before, loaded);
        var after = Checkpoint(3_000, 0, "after"u8.ToArray(), version: 3);
        await store.SaveAsync(after);
        AssertSame(after, await Store.LoadAsync());
    }

    [Fact]
    public async Task A_store_whose_Redis_is_unreachable_fails_to_save_and_to_load_rather_than_reporting_no_checkpoint()
    {
        var configuration = ConfigurationOptions.Parse($"127.0.0.1:{ClosedPort()}");
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = 500;
        configuration.AsyncTimeout = 1_000;
        configuration.SyncTimeout = 1_000;
        var unreachable = await ConnectionMultiplexer.ConnectAsync(configuration);
        multiplexers.Add(unreachable);
        var store = OpenStore(unreachable);

        AssertStoreFailure(await Record.ExceptionAsync(() => store.SaveAsync(Checkpoint(1_000, 0, [1]))));
        AssertStoreFailure(await Record.ExceptionAsync(() => store.LoadAsync()));
    }

    [Fact]
    public async Task A_damaged_checkpoint_loads_as_null_and_the_next_save_replaces_it()
    {
        var key = RedisCheckpointStore.KeyOf(options);
        await Database().HashSetAsync(key, [new("position", "not-a-position"), new("version", "1")]);

        Assert.Null(await Store.LoadAsync());

        var saved = Checkpoint(1, 0, [7]);
        await Store.SaveAsync(saved);
        AssertSame(saved, await Store.LoadAsync());
    }

    [Fact]
    public async Task With_a_Redis_connection_string_AddEventStore_registers_the_Redis_checkpoint_store_under_the_configured_prefix()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Storage:KeyPrefix"] = options.KeyPrefix,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddEventStore(configuration);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var saved = Checkpoint(8_000, 3, EveryByteValue());

        var checkpoints = provider.GetRequiredService<ICheckpointStore>();
        await checkpoints.SaveAsync(saved);

        Assert.IsType<RedisCheckpointStore>(checkpoints);
        Assert.Same(checkpoints, provider.GetRequiredService<ICheckpointStore>());
        Assert.IsType<RedisEventLog>(provider.GetRequiredService<IEventLog>());
        AssertSame(saved, await Store.LoadAsync());
    }

    /// <summary>A failure of the store: a timeout or a Redis error, not an argument or a silent success.</summary>
    private static void AssertStoreFailure(Exception? failure)
    {
        Assert.NotNull(failure);
        Assert.True(failure is TimeoutException or RedisException, $"expected a timeout or Redis error, got {failure}");
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(int? timeoutMilliseconds = null)
    {
        ConnectionMultiplexer multiplexer;
        if (timeoutMilliseconds is { } timeout)
        {
            var configuration = ConfigurationOptions.Parse(redis.ConnectionString);
            configuration.AbortOnConnectFail = false;
            configuration.AsyncTimeout = timeout;
            configuration.SyncTimeout = timeout;
            multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        }
        else
        {
            multiplexer = await redis.ConnectAsync();
        }
        multiplexers.Add(multiplexer);
        return multiplexer;
    }

    private RedisCheckpointStore OpenStore(IConnectionMultiplexer multiplexer) =>
        new(new RedisConnection(multiplexer, NullLogger<RedisConnection>.Instance), MsOptions.Create(options),
            NullLogger<RedisCheckpointStore>.Instance);

    private IDatabase Database() => multiplexers[0].GetDatabase();

    private async Task<List<string>> KeysUnderPrefixAsync()
    {
        var keys = new List<string>();
        await foreach (var key in multiplexers[0].GetServer(redis.ConnectionString).KeysAsync(pattern: options.KeyPrefix + "*"))
        {
            keys.Add(key.ToString());
        }
        return keys;
    }

    /// <summary>A loopback port nobody listens on.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

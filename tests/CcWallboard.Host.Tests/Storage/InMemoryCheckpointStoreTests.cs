using CcWallboard.Host.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CcWallboard.Host.Tests.Storage;

public sealed class InMemoryCheckpointStoreTests : CheckpointStoreContract
{
    private InMemoryCheckpointStore? store;

    protected override Task<ICheckpointStore> CreateStoreAsync()
    {
        store = new InMemoryCheckpointStore();
        return Task.FromResult<ICheckpointStore>(store);
    }

    protected override Task<ICheckpointStore> OpenAnotherWriterAsync() => Task.FromResult<ICheckpointStore>(store!);

    [Fact]
    public async Task Without_a_Redis_connection_string_AddEventStore_registers_one_in_memory_checkpoint_store()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddEventStore(configuration);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var checkpoints = provider.GetRequiredService<ICheckpointStore>();

        Assert.IsType<InMemoryCheckpointStore>(checkpoints);
        Assert.Same(checkpoints, provider.GetRequiredService<ICheckpointStore>());
        Assert.IsType<InMemoryEventLog>(provider.GetRequiredService<IEventLog>());
    }
}

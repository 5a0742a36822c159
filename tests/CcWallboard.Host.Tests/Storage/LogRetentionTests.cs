using CcWallboard.Host.Ingestion;
using CcWallboard.Host.Storage;
using CcWallboard.Host.Tests.Pipeline;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Host.Tests.Storage;

public sealed class LogRetentionTests
{
    [Fact]
    public async Task Entries_older_than_the_retention_are_trimmed_and_newer_ones_kept()
    {
        var time = new FakeTimeProvider(TestEvents.At(60));
        await using var host = new WallboardHostFactory(time).With("Storage:RetentionHours", "24");
        host.Start();
        var ingestion = host.Services.GetRequiredService<EventIngestion>();
        var log = host.Services.GetRequiredService<IEventLog>();
        await ingestion.SubmitAsync("test", TestEvents.SalesMorning("old"), CancellationToken.None);
        time.Advance(TimeSpan.FromHours(20));
        await ingestion.SubmitAsync("test", TestEvents.SalesMorning("new"), CancellationToken.None);
        time.Advance(TimeSpan.FromHours(5));

        // The service's own ten-minute trim may run first on the advanced clock; either way the old entries go.
        await host.Services.GetRequiredService<LogRetention>().TrimAsync(CancellationToken.None);

        Assert.Equal(8, await log.CountAsync());
        Assert.All(await log.ReadAfterAsync(LogPosition.Start, 100), entry => Assert.StartsWith("new-", entry.Event.Id, StringComparison.Ordinal));
        Assert.Equal(0, await host.Services.GetRequiredService<LogRetention>().TrimAsync(CancellationToken.None));
    }
}

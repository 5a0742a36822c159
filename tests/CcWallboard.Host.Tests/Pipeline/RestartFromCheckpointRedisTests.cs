using CcWallboard.Core.Metrics;
using CcWallboard.Host.Ingestion;
using CcWallboard.Host.Pipeline;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Host.Tests.Pipeline;

/// <summary>
/// A restarted host resumes today's figures from the checkpoint in Redis plus the stream after it, on a real
/// redis-server. Deleting the stream before the restart proves the figures came from the checkpoint.
/// </summary>
public sealed class RestartFromCheckpointRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private readonly string _prefix = $"restart:{Guid.NewGuid():N}:";

    private WallboardHostFactory NewHost(FakeTimeProvider time) =>
        new WallboardHostFactory(time, redis.ConnectionString).With("Storage:KeyPrefix", _prefix);

    [Fact]
    public async Task A_restarted_host_takes_todays_figures_from_the_checkpoint_without_the_stream()
    {
        var time = new FakeTimeProvider(TestEvents.At(60));
        await using (var first = NewHost(time))
        {
            first.Start();
            await first.Services.GetRequiredService<EventIngestion>().SubmitAsync("test", TestEvents.SalesMorning(), CancellationToken.None);
            await WaitForSalesAsync(first, time, s => s.Today.Offered == 3);
            await first.Services.GetRequiredService<CheckpointWriter>().SaveAsync(CancellationToken.None);
        }
        await DeleteStreamAsync();

        await using var second = NewHost(time);
        second.Start();
        var sales = await WaitForSalesAsync(second, time, _ => second.Services.GetRequiredService<LiveCentre>().CaughtUp);

        Assert.Equal(3, sales.Today.Offered);
        Assert.Equal(2, sales.Today.Answered);
        Assert.Equal(50.0, sales.Today.ServiceLevelPercent);
        Assert.Equal(1, sales.CallsWaiting);
    }

    [Fact]
    public async Task Events_appended_after_the_checkpoint_are_read_from_the_stream_on_restart()
    {
        var time = new FakeTimeProvider(TestEvents.At(60));
        var events = TestEvents.SalesMorning();
        await using (var first = NewHost(time))
        {
            first.Start();
            var ingestion = first.Services.GetRequiredService<EventIngestion>();
            await ingestion.SubmitAsync("test", events.Take(4).ToList(), CancellationToken.None);
            await WaitForSalesAsync(first, time, s => s.Today.Offered == 1);
            await first.Services.GetRequiredService<CheckpointWriter>().SaveAsync(CancellationToken.None);
            await ingestion.SubmitAsync("test", events.Skip(4).ToList(), CancellationToken.None);
        }

        await using var second = NewHost(time);
        second.Start();
        var sales = await WaitForSalesAsync(second, time, s => s.Today.Offered == 3);

        Assert.Equal(2, sales.Today.Answered);
        Assert.Equal(1, sales.Today.Abandoned);
        Assert.Equal(1, sales.CallsWaiting);
        Assert.Equal(8, second.Services.GetRequiredService<LiveCentre>().EventsApplied);
    }

    [Fact]
    public async Task A_checkpoint_taken_under_another_configuration_is_not_used_and_the_figures_come_from_the_stream()
    {
        var time = new FakeTimeProvider(TestEvents.At(60));
        await using (var first = NewHost(time))
        {
            first.Start();
            await first.Services.GetRequiredService<EventIngestion>().SubmitAsync("test", TestEvents.SalesMorning(), CancellationToken.None);
            await WaitForSalesAsync(first, time, s => s.Today.Offered == 3);
            await first.Services.GetRequiredService<CheckpointWriter>().SaveAsync(CancellationToken.None);
        }

        await using var second = NewHost(time).With("Centre:SlidingWindowsMinutes:0", "5");
        second.Start();
        var sales = await WaitForSalesAsync(second, time, s => s.Today.Offered == 3);

        Assert.Equal("5m", Assert.Single(sales.Sliding).Window);
        Assert.Equal(2, sales.Today.Answered);
    }

    private static async Task<QueueSnapshot> WaitForSalesAsync(WallboardHostFactory host, FakeTimeProvider time, Func<QueueSnapshot, bool> condition)
    {
        var centre = host.Services.GetRequiredService<LiveCentre>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        QueueSnapshot? sales = null;
        while (DateTime.UtcNow < deadline)
        {
            sales = centre.Read((engine, now) => engine.ViewOf("sales", now))!;
            if (condition(sales))
            {
                return sales;
            }
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(20);
        }
        throw new TimeoutException($"sales never matched; last offered {sales?.Today.Offered}");
    }

    private async Task DeleteStreamAsync()
    {
        await using var connection = await redis.ConnectAsync();
        Assert.True(await connection.GetDatabase().KeyDeleteAsync(_prefix + "events"));
    }
}

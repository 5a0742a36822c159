using CcWallboard.Host.Ingestion;
using CcWallboard.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Host.Tests.Pipeline;

/// <summary>Events in, through the log and the engine, out to a real SignalR client — on the embedded store.</summary>
public class BoardUpdatesTests
{
    [Fact]
    public async Task A_joined_board_receives_the_figures_of_ingested_events()
    {
        var time = new FakeTimeProvider(TestEvents.At(60));
        await using var host = new WallboardHostFactory(time);
        await using var board = await BoardUpdateRecorder.JoinAsync(host.CreateHubConnection(), "floor");

        var result = await host.Services.GetRequiredService<EventIngestion>().SubmitAsync("test", TestEvents.SalesMorning(), CancellationToken.None);
        var update = await board.WaitForAsync(s => s.Queues.Single(q => q.Id == "sales").Today.Offered == 3, time);

        Assert.Equal(8, result.Appended);
        var sales = update.Queues.Single(q => q.Id == "sales");
        Assert.Equal(2, sales.Today.Answered);
        Assert.Equal(1, sales.Today.Abandoned);
        Assert.Equal(1, sales.Today.AnsweredWithinThreshold);
        Assert.Equal(1, sales.Today.AbandonedWithinThreshold);
        // AbandonsWithinThresholdIgnored: 1 / (2 + 1 - 1)
        Assert.Equal(50.0, sales.Today.ServiceLevelPercent);
        Assert.Equal(25.0, sales.Today.AsaSeconds);
        Assert.Equal(1, sales.CallsWaiting);
        Assert.True(update.Sequence > board.Joined!.Sequence);
        Assert.True(update.AsOf >= TestEvents.At(60));
    }

    [Fact]
    public async Task Resubmitted_events_are_duplicates_and_change_no_figure()
    {
        var time = new FakeTimeProvider(TestEvents.At(60));
        await using var host = new WallboardHostFactory(time);
        var ingestion = host.Services.GetRequiredService<EventIngestion>();
        await using var board = await BoardUpdateRecorder.JoinAsync(host.CreateHubConnection(), "floor");

        await ingestion.SubmitAsync("test", TestEvents.SalesMorning(), CancellationToken.None);
        var again = await ingestion.SubmitAsync("test", TestEvents.SalesMorning(), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        var update = await board.WaitForAsync(s => s.AsOf >= TestEvents.At(62), time);

        Assert.Equal(0, again.Appended);
        Assert.Equal(8, again.Duplicates);
        Assert.Equal(3, update.Queues.Single(q => q.Id == "sales").Today.Offered);
    }

    [Fact]
    public async Task Updates_are_conflated_to_at_most_two_a_second_per_board()
    {
        var time = new FakeTimeProvider(TestEvents.At(60));
        await using var host = new WallboardHostFactory(time);
        var ingestion = host.Services.GetRequiredService<EventIngestion>();
        await using var board = await BoardUpdateRecorder.JoinAsync(host.CreateHubConnection(), "floor");

        var events = TestEvents.SalesMorning();
        foreach (var e in events)
        {
            await ingestion.SubmitAsync("test", [e], CancellationToken.None);
        }
        await board.WaitForAsync(s => s.Queues.Single(q => q.Id == "sales").Today.Offered == 3, time);

        var updates = board.Updates.ToList();
        Assert.All(updates.Zip(updates.Skip(1)), pair => Assert.True(pair.Second.AsOf - pair.First.AsOf >= TimeSpan.FromMilliseconds(500)));
        Assert.Equal(board.Updates.Select(u => u.Sequence).Order(), board.Updates.Select(u => u.Sequence));
    }

    [Fact]
    public async Task A_silent_board_still_gets_a_heartbeat_update_every_second_with_the_longest_wait_growing()
    {
        var time = new FakeTimeProvider(TestEvents.At(60));
        await using var host = new WallboardHostFactory(time);
        await using var board = await BoardUpdateRecorder.JoinAsync(host.CreateHubConnection(), "floor");
        await host.Services.GetRequiredService<EventIngestion>().SubmitAsync("test", TestEvents.SalesMorning(), CancellationToken.None);

        var first = await board.WaitForAsync(s => s.Totals.CallsWaiting == 1, time);
        var later = await board.WaitForAsync(s => s.AsOf >= first.AsOf.AddSeconds(5), time);

        Assert.Equal(first.Totals.LongestWaitSeconds!.Value + (later.AsOf - first.AsOf).TotalSeconds, later.Totals.LongestWaitSeconds!.Value, 3);
    }

    [Fact]
    public async Task Joining_an_unknown_board_fails_naming_the_board()
    {
        await using var host = new WallboardHostFactory();
        await using var connection = host.CreateHubConnection();
        await connection.StartAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => connection.InvokeAsync<object>("JoinBoard", "basement"));

        Assert.Contains("board: 'basement' is not configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_events_in_a_batch_are_reported_by_position_and_the_valid_ones_kept()
    {
        var time = new FakeTimeProvider(TestEvents.At(60));
        await using var host = new WallboardHostFactory(time);
        var events = TestEvents.SalesMorning().ToList();
        events.Insert(2, new Core.Events.ContactQueued("future", TestEvents.At(3600), "c-future", "sales"));
        events.Insert(4, new Core.Events.ContactQueued("", TestEvents.At(5), "c-noid", "sales"));

        var result = await host.Services.GetRequiredService<EventIngestion>().SubmitAsync("test", events, CancellationToken.None);

        Assert.Equal(8, result.Appended);
        Assert.Collection(result.Rejected,
            r => Assert.Equal((2, "at"), (r.Position, r.Errors.Single().Field)),
            r => Assert.Equal((4, "id"), (r.Position, r.Errors.Single().Field)));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Replay;
using CcWallboard.Core.Simulation;
using CcWallboard.Core.Time;
using CcWallboard.Testing;
using Microsoft.Extensions.Configuration;

namespace CcWallboard.Host.Tests.Ingestion;

/// <summary>
/// A real host process on a real redis-server, fed over HTTP, killed with SIGKILL in the middle of a batch and
/// started again: after catching up its figures equal those of an uninterrupted run of the same events.
/// </summary>
public sealed class HostKilledMidStreamRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const string Key = "kill-test-key-0123456789";
    private const int BatchSize = 250;

    [Fact]
    public async Task A_host_killed_mid_batch_and_restarted_gives_the_figures_of_an_uninterrupted_run()
    {
        var centre = LoadCentre();
        var calendar = CentreCalendar.For(centre.Centre);
        var now = DateTimeOffset.UtcNow;
        // Today's simulated floor up to a few seconds ago (past the allowed lateness), at least an hour of it.
        var from = calendar.DayOf(now).Start < now - TimeSpan.FromHours(1) ? calendar.DayOf(now).Start : now - TimeSpan.FromHours(1);
        var events = new FloorSimulator(centre, seed: 7).Run(from, now - TimeSpan.FromSeconds(15)).ToList();
        var batches = events.Chunk(BatchSize).ToList();
        Assert.True(batches.Count >= 4, $"{events.Count} events");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["Storage__KeyPrefix"] = $"kill:{Guid.NewGuid():N}:",
            ["Storage__CheckpointSeconds"] = "1",
            ["Ingestion__ApiKeys__simulator"] = Key,
        };

        var half = batches.Count / 2;
        await using (var first = await RunningHost.StartAsync(environment))
        {
            using var client = Client(first);
            for (var i = 0; i < half; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, batches[i])).StatusCode);
            }
            await Task.Delay(1500); // let a checkpoint be taken, so the restart resumes from one
            // Killed while a batch is on its way: it may be all, partly or not at all in the log, unacknowledged.
            var inFlight = PostAsync(client, batches[half]);
            await first.KillAsync();
            try
            {
                await inFlight;
            }
            catch (HttpRequestException)
            {
                // The producer never got an answer, so it sends the batch again below.
            }
        }

        await using var second = await RunningHost.StartAsync(environment);
        using (var client = Client(second))
        {
            // The producer re-sends the batch that was never acknowledged, then the rest.
            for (var i = half; i < batches.Count; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, batches[i])).StatusCode);
            }
            var expected = Uninterrupted(centre, events);
            var actual = await WaitForFiguresAsync(client, expected);
            foreach (var queue in centre.Queues)
            {
                Assert.Equal(expected[queue.Id], actual[queue.Id]);
            }
        }
    }

    private static CentreOptions LoadCentre()
    {
        var options = new CentreOptions();
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "centre.json")).Build().Bind(options);
        return options;
    }

    private static HttpClient Client(RunningHost host)
    {
        var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, IEnumerable<AcdEvent> batch) =>
        client.PostAsync(new Uri("/api/events", UriKind.Relative),
            new StringContent(string.Join("\n", batch.Select(AcdEventJson.ToJson)), Encoding.UTF8, "application/x-ndjson"));

    /// <summary>The day's figures of the same events through the engine in one uninterrupted pass.</summary>
    private static Dictionary<string, Figures> Uninterrupted(CentreOptions centre, List<AcdEvent> events)
    {
        var metrics = new CentreMetrics(centre, events[0].At);
        foreach (var e in events)
        {
            metrics.Offer(e);
        }
        metrics.Flush(events[^1].At);
        return centre.Queues.ToDictionary(q => q.Id, q => Figures.Of(metrics.Engine.ViewOf(q.Id, events[^1].At)!.Today));
    }

    private static async Task<Dictionary<string, Figures>> WaitForFiguresAsync(HttpClient client, Dictionary<string, Figures> expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        Dictionary<string, Figures> actual = [];
        while (DateTime.UtcNow < deadline)
        {
            var board = await client.GetFromJsonAsync<BoardSnapshot>(new Uri("/api/boards/floor", UriKind.Relative));
            actual = board!.Queues.ToDictionary(q => q.Id, q => Figures.Of(q.Today));
            if (expected.All(e => actual.TryGetValue(e.Key, out var a) && a == e.Value))
            {
                return actual;
            }
            await Task.Delay(250);
        }
        return actual;
    }

    /// <summary>The counts of a day, and its AHT and ASA rounded to the millisecond (sums may differ in the last bits).</summary>
    private sealed record Figures(int Offered, int Answered, int Abandoned, int ShortAbandoned, int AnsweredWithinThreshold,
        int AbandonedWithinThreshold, int TransferredOut, int Handled, double? Asa, double? Aht)
    {
        public static Figures Of(QueueFigures f) => new(f.Offered, f.Answered, f.Abandoned, f.ShortAbandoned, f.AnsweredWithinThreshold,
            f.AbandonedWithinThreshold, f.TransferredOut, f.Handled, Round(f.AsaSeconds), Round(f.AhtSeconds));

        private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;
    }
}

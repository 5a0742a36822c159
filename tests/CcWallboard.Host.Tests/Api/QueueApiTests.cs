using System.Net;
using System.Text.Json;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using CcWallboard.Host.Ingestion;
using CcWallboard.Host.Pipeline;
using CcWallboard.Host.Tests.Pipeline;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Host.Tests.Api;

/// <summary>
/// The integrations' API on the real host: <see cref="TestEvents.WorkedFloor"/> played through the ingestion path on a
/// fake clock, with a queue group "front" (sales + service) and the projected service level on for sales.
/// </summary>
public class QueueApiTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task The_queue_list_gives_every_queue_its_figures_after_a_few_worked_contacts()
    {
        var time = new FakeTimeProvider(TestEvents.Start);
        await using var host = FrontOfficeHost(time);
        await PlayAsync(host, time, TestEvents.WorkedFloor());
        // Held for the allowed lateness (5 s by default): the figures are final to 200 s once the clock is at 205 s.
        time.SetUtcNow(TestEvents.WorkedFloorFiguresAt.AddSeconds(5));

        using var listing = await GetJsonAsync(host, "/api/queues");
        var root = listing.RootElement;

        Assert.Equal(TestEvents.At(205), root.GetProperty("asOf").GetDateTimeOffset());
        Assert.Equal(TestEvents.At(200), root.GetProperty("figuresAsOf").GetDateTimeOffset());
        Assert.Equal("Europe/London", root.GetProperty("timeZone").GetString());
        Assert.Equal("2026-11-23", root.GetProperty("day").GetString());
        Assert.Equal(15, root.GetProperty("intervalMinutes").GetInt32());
        Assert.Equal(["sales", "service", "billing"], root.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("id").GetString()));
        Assert.Equal(["front"], root.GetProperty("groups").EnumerateArray().Select(q => q.GetProperty("id").GetString()));

        var sales = Aggregate(root, "queues", "sales");
        Assert.Equal("queue", sales.GetProperty("kind").GetString());
        Assert.Equal(1, sales.GetProperty("callsWaiting").GetInt32());
        Assert.Equal(45.0, Number(sales, "longestWaitSeconds")); // measured to the clock: 205 − 160
        Assert.Equal(1, sales.GetProperty("waitingPastThreshold").GetInt32());
        Assert.Equal(2, sales.GetProperty("agents").GetProperty("loggedIn").GetInt32()); // a01 and a04
        var today = sales.GetProperty("today");
        Assert.Equal("today", today.GetProperty("window").GetString());
        Assert.Equal((2, 1, 1, 1, 0, 1), Counts(today));
        Assert.Equal(50.0, Number(today, "serviceLevelPercent")); // 1 / (1 + 1 − 0)
        Assert.Equal(100.0 / 3, Number(today, "projectedServiceLevelPercent")!.Value, 9); // c3 waits past 20 s: 1 / (2 + 1)
        Assert.Equal(50.0, Number(today, "abandonmentRatePercent"));
        Assert.Equal(10.0, Number(today, "asaSeconds"));
        Assert.Equal(80.0, Number(today, "ahtSeconds")); // talk 60 + ACW 20
        // a01 busy 20→100 s, available 0→20 and 100→200 s; a04 available 0→200 s: 80 / 400.
        Assert.Equal(20.0, Number(today, "occupancyPercent")!.Value, 9);

        var sliding = sales.GetProperty("sliding").EnumerateArray().ToList();
        Assert.Equal(["15m", "30m", "60m"], sliding.Select(w => w.GetProperty("window").GetString()));
        Assert.Equal(TestEvents.At(200).AddMinutes(-15), sliding[0].GetProperty("windowStart").GetDateTimeOffset());
        Assert.Equal(TestEvents.At(200), sliding[0].GetProperty("windowEnd").GetDateTimeOffset());
        Assert.All(sliding, window => Assert.Equal((2, 1, 1, 1, 0, 1), Counts(window)));
        Assert.All(sliding, window => Assert.Equal(50.0, Number(window, "serviceLevelPercent")));
        Assert.Equal(TestEvents.Start, sales.GetProperty("interval").GetProperty("windowStart").GetDateTimeOffset());

        var service = Aggregate(root, "queues", "service").GetProperty("today");
        Assert.Equal((1, 1, 0, 0, 0, 1), Counts(service));
        Assert.Equal(0.0, Number(service, "serviceLevelPercent")); // answered after 35 s, over its 30 s threshold
        Assert.Null(Number(service, "projectedServiceLevelPercent")); // not asked for on service
        Assert.Equal(35.0, Number(service, "asaSeconds"));
        Assert.Equal(60.0, Number(service, "ahtSeconds"));
        Assert.Equal(15.0, Number(service, "occupancyPercent")!.Value, 9); // a02 busy 60 s of 200, a04 available 200 s
        Assert.Null(Number(Aggregate(root, "queues", "service"), "longestWaitSeconds"));
    }

    [Fact]
    public async Task A_group_and_the_centre_add_up_their_queues_and_count_each_agent_once()
    {
        var time = new FakeTimeProvider(TestEvents.Start);
        await using var host = FrontOfficeHost(time).With("Centre:AllowedLatenessSeconds", "0");
        await PlayAsync(host, time, TestEvents.WorkedFloor());
        time.SetUtcNow(TestEvents.WorkedFloorFiguresAt);

        using var listing = await GetJsonAsync(host, "/api/queues");
        using var front = await GetJsonAsync(host, "/api/queues/front/metrics");
        using var centre = await GetJsonAsync(host, "/api/centre/metrics");

        var group = Aggregate(listing.RootElement, "groups", "front");
        Assert.Equal("group", group.GetProperty("kind").GetString());
        Assert.Equal("Front office", group.GetProperty("name").GetString());
        Assert.Equal(["sales", "service"], group.GetProperty("queueIds").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal(40.0, Number(group, "longestWaitSeconds")); // no lateness: the clock is at 200 s
        // a04 serves both queues: once in the group, not once per queue.
        Assert.Equal(3, group.GetProperty("agents").GetProperty("loggedIn").GetInt32());
        AssertFrontOfficeToday(group.GetProperty("today"));

        foreach (var whole in new[] { listing.RootElement.GetProperty("centre"), centre.RootElement })
        {
            Assert.Equal("*", whole.GetProperty("id").GetString());
            Assert.Equal("centre", whole.GetProperty("kind").GetString());
            Assert.Equal(["sales", "service", "billing"], whole.GetProperty("queueIds").EnumerateArray().Select(q => q.GetString()));
            Assert.Equal(3, whole.GetProperty("agents").GetProperty("loggedIn").GetInt32());
            AssertFrontOfficeToday(whole.GetProperty("today")); // billing had nothing
        }

        var metrics = front.RootElement;
        Assert.Equal(TestEvents.At(200), metrics.GetProperty("asOf").GetDateTimeOffset());
        Assert.Equal(TestEvents.At(200), metrics.GetProperty("figuresAsOf").GetDateTimeOffset());
        Assert.Equal("front", metrics.GetProperty("id").GetString());
        Assert.Equal(group.GetProperty("today").GetRawText(), metrics.GetProperty("today").GetRawText());
        var intervals = metrics.GetProperty("intervals").EnumerateArray().ToList();
        Assert.Equal(9 * 4 + 1, intervals.Count); // 00:00 to 09:00, 15 minutes each
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), intervals[0].GetProperty("windowStart").GetDateTimeOffset());
        Assert.All(intervals.SkipLast(1), i => Assert.Equal((0, 0, 0, 0, 0, 0), Counts(i)));
        Assert.All(intervals.SkipLast(1), i => Assert.Null(Number(i, "serviceLevelPercent")));
        var current = intervals[^1];
        Assert.Equal(TestEvents.Start, current.GetProperty("windowStart").GetDateTimeOffset());
        Assert.Equal(TestEvents.Start.AddMinutes(15), current.GetProperty("windowEnd").GetDateTimeOffset());
        Assert.Equal((3, 2, 1, 1, 0, 2), Counts(current));
        Assert.Equal(100.0 / 3, Number(current, "serviceLevelPercent")!.Value, 9);
        Assert.Equal(140.0 / 6, Number(current, "occupancyPercent")!.Value, 9);
    }

    /// <summary>The worked floor's sales and service together, to 200 s.</summary>
    private static void AssertFrontOfficeToday(JsonElement today)
    {
        Assert.Equal((3, 2, 1, 1, 0, 2), Counts(today));
        Assert.Equal(100.0 / 3, Number(today, "serviceLevelPercent")!.Value, 9); // (1 + 0) / (2 + 1): each queue its own threshold
        Assert.Equal(25.0, Number(today, "projectedServiceLevelPercent")); // and c3 past sales' threshold: 1 / 4
        Assert.Equal(22.5, Number(today, "asaSeconds"));
        Assert.Equal(70.0, Number(today, "ahtSeconds"));
        // Busy: a01 80 s, a02 60 s; available: a01 120 s, a02 140 s, a04 200 s.
        Assert.Equal(140.0 / 6, Number(today, "occupancyPercent")!.Value, 9);
    }

    [Fact]
    public async Task A_sliding_window_keeps_only_its_last_minutes_while_today_keeps_the_day()
    {
        var time = new FakeTimeProvider(TestEvents.Start);
        await using var host = FrontOfficeHost(time).With("Centre:AllowedLatenessSeconds", "0");
        await PlayAsync(host, time, TestEvents.WorkedFloor());
        time.SetUtcNow(TestEvents.WorkedFloorFiguresAt.AddMinutes(16));

        using var metrics = await GetJsonAsync(host, "/api/queues/sales/metrics");
        var sales = metrics.RootElement;

        var sliding = sales.GetProperty("sliding").EnumerateArray().ToDictionary(w => w.GetProperty("window").GetString()!);
        // (09:04:20, 09:19:20]: the last outcome (09:02:30) has left the 15-minute window...
        Assert.Equal((0, 0, 0, 0, 0, 0), Counts(sliding["15m"]));
        Assert.Null(Number(sliding["15m"], "serviceLevelPercent"));
        Assert.Null(Number(sliding["15m"], "asaSeconds"));
        Assert.Equal(0.0, Number(sliding["15m"], "projectedServiceLevelPercent")); // c3 still waits, a certain miss
        Assert.Equal(0.0, Number(sliding["15m"], "occupancyPercent")); // a01 and a04 available throughout
        // ...but not the 30- and 60-minute windows, nor today.
        Assert.Equal((2, 1, 1, 1, 0, 1), Counts(sliding["30m"]));
        Assert.Equal(50.0, Number(sliding["30m"], "serviceLevelPercent"));
        Assert.Equal(50.0, Number(sliding["60m"], "serviceLevelPercent"));
        Assert.Equal(50.0, Number(sales.GetProperty("today"), "serviceLevelPercent"));
        // The interval moved on to 09:15.
        Assert.Equal(TestEvents.Start.AddMinutes(15), sales.GetProperty("interval").GetProperty("windowStart").GetDateTimeOffset());
        Assert.Null(Number(sales.GetProperty("interval"), "serviceLevelPercent"));
        Assert.Equal(1000.0, Number(sales, "longestWaitSeconds"));
        Assert.Equal(2, sales.GetProperty("intervals").GetArrayLength() - 9 * 4);
    }

    [Theory]
    [InlineData("nowhere")]
    [InlineData("board:floor")] // a board's totals are at /api/boards/{name}
    public async Task An_unknown_id_is_a_404_problem_naming_the_id(string id)
    {
        await using var host = FrontOfficeHost(new FakeTimeProvider(TestEvents.Start));
        using var http = host.CreateHttpClient();

        var response = await http.GetAsync(new Uri($"/api/queues/{Uri.EscapeDataString(id)}/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(id, problem.RootElement.GetProperty("id").GetString());
        Assert.Contains($"id: '{id}'", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Figures_with_nothing_to_divide_by_are_written_as_json_null_not_left_out()
    {
        await using var host = FrontOfficeHost(new FakeTimeProvider(TestEvents.Start));

        using var listing = await GetJsonAsync(host, "/api/queues");
        using var centre = await GetJsonAsync(host, "/api/centre/metrics");

        var root = listing.RootElement;
        var aggregates = root.GetProperty("queues").EnumerateArray()
            .Concat(root.GetProperty("groups").EnumerateArray())
            .Append(root.GetProperty("centre"))
            .Append(centre.RootElement)
            .ToList();
        Assert.Equal(6, aggregates.Count);
        foreach (var aggregate in aggregates)
        {
            Assert.Equal(JsonValueKind.Null, aggregate.GetProperty("longestWaitSeconds").ValueKind);
            var windows = aggregate.GetProperty("sliding").EnumerateArray()
                .Append(aggregate.GetProperty("today"))
                .Append(aggregate.GetProperty("interval"));
            foreach (var window in windows)
            {
                foreach (var figure in new[] { "serviceLevelPercent", "projectedServiceLevelPercent", "abandonmentRatePercent", "asaSeconds", "ahtSeconds", "occupancyPercent" })
                {
                    Assert.True(window.TryGetProperty(figure, out var value), $"{aggregate.GetProperty("id")} {window.GetProperty("window")}: {figure} is missing");
                    Assert.Equal(JsonValueKind.Null, value.ValueKind);
                }
                Assert.Equal(0, window.GetProperty("offered").GetInt32());
            }
        }
        Assert.All(centre.RootElement.GetProperty("intervals").EnumerateArray(),
            i => Assert.Equal(JsonValueKind.Null, i.GetProperty("serviceLevelPercent").ValueKind));
    }

    [Fact]
    public async Task The_api_and_the_boards_push_give_the_same_figures_at_the_same_instant()
    {
        var time = new FakeTimeProvider(TestEvents.Start);
        await using var host = FrontOfficeHost(time);
        await using var board = await BoardUpdateRecorder.JoinAsync(host.CreateHubConnection(), "floor");
        await PlayAsync(host, time, TestEvents.WorkedFloor());
        time.SetUtcNow(TestEvents.WorkedFloorFiguresAt.AddSeconds(5));

        var pushed = await PushAtTheClockAsync(board, time);
        using var listing = await GetJsonAsync(host, "/api/queues");

        var api = listing.RootElement.Deserialize<ApiListing>(Web)!;
        Assert.Equal(pushed.AsOf, api.AsOf);
        Assert.Equal(pushed.FiguresAsOf, api.FiguresAsOf);
        Assert.Equal(2, pushed.Queues.Single(q => q.Id == "sales").Today.Offered);
        Assert.Equal(pushed.Queues.Select(q => q.Id), api.Queues.Select(q => q.Id));
        foreach (var (fromPush, fromApi) in pushed.Queues.Zip(api.Queues))
        {
            Assert.Equal(Json(fromPush), Json(fromApi));
        }
        // The floor board shows every queue of the centre, so its totals are the centre's figures.
        Assert.Equal(Json(pushed.Totals with { Id = api.Centre.Id, Name = api.Centre.Name, Kind = api.Centre.Kind }), Json(api.Centre));
    }

    /// <summary>The example centre with a queue group "front" (sales and service) and sales' projected service level on.</summary>
    private static WallboardHostFactory FrontOfficeHost(FakeTimeProvider time) =>
        new WallboardHostFactory(time)
            .With("QueueGroups:0:Id", "front")
            .With("QueueGroups:0:Name", "Front office")
            .With("QueueGroups:0:Queues:0", "sales")
            .With("QueueGroups:0:Queues:1", "service")
            .With("Queues:0:CountWaitingPastThreshold", "true");

    /// <summary>
    /// Plays events as a live feed sends them: the clock moves to each event's time, the event goes through the ingestion
    /// path, and the next is sent once the log's reader has taken it in.
    /// </summary>
    private static async Task PlayAsync(WallboardHostFactory host, FakeTimeProvider time, IEnumerable<AcdEvent> events)
    {
        host.Start();
        var ingestion = host.Services.GetRequiredService<EventIngestion>();
        var centre = host.Services.GetRequiredService<LiveCentre>();
        var taken = 0L;
        foreach (var batch in events.GroupBy(e => e.At).OrderBy(g => g.Key))
        {
            if (batch.Key > time.GetUtcNow())
            {
                time.SetUtcNow(batch.Key);
            }
            var result = await ingestion.SubmitAsync("test", [.. batch], CancellationToken.None);
            Assert.Equal(batch.Count(), result.Appended);
            taken += result.Appended;
            await UntilAsync(() => centre.Counts is var counts && counts.Applied + counts.Pending >= taken);
        }
    }

    /// <summary>Moves the clock on in half seconds until a push is computed at the clock's time, and leaves the clock there.</summary>
    private static async Task<BoardSnapshot> PushAtTheClockAsync(BoardUpdateRecorder board, FakeTimeProvider time)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            var now = time.GetUtcNow();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(1);
            while (DateTime.UtcNow < deadline)
            {
                if (board.Updates.LastOrDefault(u => u.AsOf == now) is { } update)
                {
                    return update;
                }
                await Task.Delay(10);
            }
        }
        throw new TimeoutException("No board update was pushed at the clock's time.");
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The log's reader did not take the events in.");
            await Task.Delay(10);
        }
    }

    private static async Task<JsonDocument> GetJsonAsync(WallboardHostFactory host, string path)
    {
        using var http = host.CreateHttpClient();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body);
    }

    private static JsonElement Aggregate(JsonElement listing, string list, string id) =>
        listing.GetProperty(list).EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);

    /// <summary>A number, or null when the property is JSON null (it must be there either way).</summary>
    private static double? Number(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.Null } ? null : element.GetProperty(name).GetDouble();

    /// <summary>Offered, answered, abandoned, answered within T, abandoned within T, handled.</summary>
    private static (int, int, int, int, int, int) Counts(JsonElement figures) => (
        figures.GetProperty("offered").GetInt32(),
        figures.GetProperty("answered").GetInt32(),
        figures.GetProperty("abandoned").GetInt32(),
        figures.GetProperty("answeredWithinThreshold").GetInt32(),
        figures.GetProperty("abandonedWithinThreshold").GetInt32(),
        figures.GetProperty("handled").GetInt32());

    private static string Json(QueueSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Web);

    private sealed record ApiListing(DateTimeOffset AsOf, DateTimeOffset FiguresAsOf, List<QueueSnapshot> Queues, QueueSnapshot Centre);
}

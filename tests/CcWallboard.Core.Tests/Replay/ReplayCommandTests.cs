using System.Text.Json;
using CcWallboard.Core.Tests.Cli;

namespace CcWallboard.Core.Tests.Replay;

/// <summary>
/// <c>ccwallboard replay</c> on committed fixture days whose expected figures were worked out by a separate
/// Python script (Replay/Fixtures/compute_expected.py), never by running the engine.
/// </summary>
public sealed class ReplayCommandTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Replay", "Fixtures", name);

    [Theory]
    [InlineData("centre.json", "day.jsonl", "expected.json")]
    [InlineData("dst-centre.json", "dst-day.jsonl", "dst-expected.json")]
    public void Replay_gives_the_independently_computed_figures_of_the_fixture_day(string config, string events, string expected)
    {
        using var folder = new TemporaryFolder();
        var result = folder.File("result.json");

        var run = CliRun.Of("replay", "--events", Fixture(events), "--config", Fixture(config), "--out", result);

        Assert.True(run.ExitCode == 0, run.Error);
        using var actual = JsonDocument.Parse(File.ReadAllText(result));
        using var wanted = JsonDocument.Parse(File.ReadAllText(Fixture(expected)));
        AssertSameQueues(wanted.RootElement.GetProperty("queues"), actual.RootElement.GetProperty("queues"));
    }

    [Fact]
    public void Replay_counts_the_duplicate_lines_of_the_fixture_and_rejects_none()
    {
        using var folder = new TemporaryFolder();

        var run = CliRun.Of("replay", "--events", Fixture("day.jsonl"), "--config", Fixture("centre.json"), "--out", folder.File("r.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("541 events read, 534 applied, 7 duplicates", run.Error, StringComparison.Ordinal);
        Assert.Contains("0 rejected", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_result_has_the_shape_of_replay_md_with_nulls_written()
    {
        using var folder = new TemporaryFolder();
        var result = folder.File("result.json");
        CliRun.Of("replay", "--events", Fixture("day.jsonl"), "--config", Fixture("centre.json"), "--out", result);

        using var json = JsonDocument.Parse(File.ReadAllText(result));
        var sales = json.RootElement.GetProperty("queues").GetProperty("sales");
        string[] todayFields = ["offered", "answered", "abandoned", "shortAbandoned", "answeredWithinThreshold", "abandonedWithinThreshold",
            "serviceLevelPercent", "abandonmentRatePercent", "asaSeconds", "ahtSeconds"];
        Assert.Equal(todayFields, sales.GetProperty("today").EnumerateObject().Select(p => p.Name));
        var interval = sales.GetProperty("intervals").EnumerateObject().First();
        Assert.Matches(@"^2026-11-17T\d\d:\d\d:00\+00:00$", interval.Name);
        Assert.Equal(todayFields[..^1], interval.Value.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("agents").ValueKind);
    }

    [Fact]
    public void A_rejected_line_is_reported_with_its_number_and_field_and_the_rest_of_the_day_is_computed()
    {
        using var folder = new TemporaryFolder();
        var lines = File.ReadAllLines(Fixture("day.jsonl")).ToList();
        lines.Insert(2, """{"type":"contact.queued","id":"bad-1","at":"yesterday","contactId":"x","queueId":"sales"}""");
        lines.Insert(5, """{"type":"contact.queued","id":"bad-2","at":"2026-11-17T09:00:00Z","contactId":"x","queueId":"nowhere"}""");
        lines.Insert(7, "{not json");
        var events = folder.File("day.jsonl");
        File.WriteAllLines(events, lines);
        var result = folder.File("result.json");

        var run = CliRun.Of("replay", "--events", events, "--config", Fixture("centre.json"), "--out", result);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("line 3: at: 'yesterday' is not an ISO 8601 time", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 6: queueId: queue 'nowhere' is not configured", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 8: $: not valid JSON", run.Error, StringComparison.Ordinal);
        Assert.Contains("3 rejected", run.Error, StringComparison.Ordinal);
        using var actual = JsonDocument.Parse(File.ReadAllText(result));
        using var wanted = JsonDocument.Parse(File.ReadAllText(Fixture("expected.json")));
        AssertSameQueues(wanted.RootElement.GetProperty("queues"), actual.RootElement.GetProperty("queues"));
    }

    [Fact]
    public void Strict_makes_the_first_rejected_line_fatal_and_writes_no_result()
    {
        using var folder = new TemporaryFolder();
        var lines = File.ReadAllLines(Fixture("day.jsonl")).ToList();
        lines.Insert(10, """{"type":"agent.state","id":"bad","at":"2026-11-17T09:00:00Z","agentId":"a1","state":"dancing"}""");
        var events = folder.File("day.jsonl");
        File.WriteAllLines(events, lines);
        var result = folder.File("result.json");

        var run = CliRun.Of("replay", "--events", events, "--config", Fixture("centre.json"), "--out", result, "--strict");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("line 11: state:", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(result));
    }

    [Fact]
    public void A_file_without_a_valid_event_is_a_bad_file()
    {
        using var folder = new TemporaryFolder();
        var events = folder.File("empty.jsonl");
        File.WriteAllText(events, "\n   \nnot an event\n");

        var run = CliRun.Of("replay", "--events", events, "--config", Fixture("centre.json"), "--out", folder.File("r.json"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("line 3: $: not valid JSON", run.Error, StringComparison.Ordinal);
        Assert.Contains("no valid event", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--events")]
    [InlineData("--config")]
    [InlineData("--out")]
    public void Each_required_option_is_named_when_missing(string missing)
    {
        using var folder = new TemporaryFolder();
        var args = new List<string> { "replay", "--events", Fixture("day.jsonl"), "--config", Fixture("centre.json"), "--out", folder.File("r.json") };
        var at = args.IndexOf(missing);
        args.RemoveRange(at, 2);

        var run = CliRun.Of([.. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{missing}: required", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_configuration_names_its_key_and_exits_2()
    {
        using var folder = new TemporaryFolder();
        var config = folder.File("centre.json");
        File.WriteAllText(config, """{ "Centre": { "TimeZone": "Mars/Olympus" }, "Queues": [ { "Id": "sales" } ] }""");

        var run = CliRun.Of("replay", "--events", Fixture("day.jsonl"), "--config", config, "--out", folder.File("r.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Centre:TimeZone", run.Error, StringComparison.Ordinal);
    }

    private static void AssertSameQueues(JsonElement expected, JsonElement actual)
    {
        Assert.Equal(expected.EnumerateObject().Select(p => p.Name).Order(), actual.EnumerateObject().Select(p => p.Name).Order());
        foreach (var queue in expected.EnumerateObject())
        {
            var got = actual.GetProperty(queue.Name);
            AssertSameFigures($"{queue.Name} today", queue.Value.GetProperty("today"), got.GetProperty("today"));
            var wantedIntervals = queue.Value.GetProperty("intervals").EnumerateObject().ToList();
            Assert.Equal(wantedIntervals.Select(i => i.Name), got.GetProperty("intervals").EnumerateObject().Select(i => i.Name));
            foreach (var interval in wantedIntervals)
            {
                AssertSameFigures($"{queue.Name} {interval.Name}", interval.Value, got.GetProperty("intervals").GetProperty(interval.Name));
            }
        }
    }

    private static void AssertSameFigures(string where, JsonElement expected, JsonElement actual)
    {
        Assert.Equal(expected.EnumerateObject().Select(p => p.Name), actual.EnumerateObject().Select(p => p.Name));
        foreach (var figure in expected.EnumerateObject())
        {
            var got = actual.GetProperty(figure.Name);
            if (figure.Value.ValueKind == JsonValueKind.Null)
            {
                Assert.True(got.ValueKind == JsonValueKind.Null, $"{where} {figure.Name}: expected null, got {got}");
                continue;
            }
            Assert.True(got.ValueKind == JsonValueKind.Number, $"{where} {figure.Name}: expected {figure.Value}, got {got}");
            Assert.True(Math.Abs(figure.Value.GetDouble() - got.GetDouble()) < 1e-9, $"{where} {figure.Name}: expected {figure.Value}, got {got}");
        }
    }

    [Fact]
    public void With_a_schedule_replay_fills_each_agents_adherence_as_the_worked_example_of_metrics_md()
    {
        using var folder = new TemporaryFolder();
        // Scheduled open 09:00–10:00; logs in 10 minutes late and works 10 minutes past the end.
        var events = folder.File("day.jsonl");
        File.WriteAllLines(events,
        [
            """{"type":"agent.state","id":"s1","at":"2026-11-17T09:10:00Z","agentId":"x1","state":"available"}""",
            """{"type":"agent.state","id":"s2","at":"2026-11-17T10:10:00Z","agentId":"x1","state":"logged_out"}""",
        ]);
        var schedule = folder.File("schedule.csv");
        File.WriteAllLines(schedule, ["agentId,activity,start,end", "x1,open,2026-11-17T09:00:00Z,2026-11-17T10:00:00Z"]);
        var result = folder.File("result.json");

        var run = CliRun.Of("replay", "--events", events, "--config", Fixture("centre.json"), "--schedule", schedule, "--out", result);

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(result));
        var x1 = json.RootElement.GetProperty("agents").GetProperty("x1");
        Assert.Equal(3600, x1.GetProperty("scheduledSeconds").GetDouble(), 6);
        Assert.Equal(3000, x1.GetProperty("inAdherenceSeconds").GetDouble(), 6);
        Assert.Equal(83.33, Math.Round(x1.GetProperty("adherencePercent").GetDouble(), 2));
        Assert.Equal(3600, x1.GetProperty("workedSeconds").GetDouble(), 6);
        Assert.Equal(100.0, x1.GetProperty("conformancePercent").GetDouble(), 6);
    }

    [Fact]
    public void A_schedule_with_a_bad_row_is_rejected_naming_the_row_and_no_result_is_written()
    {
        using var folder = new TemporaryFolder();
        var schedule = folder.File("schedule.csv");
        File.WriteAllLines(schedule, ["agentId,activity,start,end", "x1,open,2026-11-17T09:00:00,2026-11-17T10:00:00Z"]);
        var result = folder.File("result.json");

        var run = CliRun.Of("replay", "--events", Fixture("day.jsonl"), "--config", Fixture("centre.json"), "--schedule", schedule, "--out", result);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("row 2, start:", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(result));
    }
}

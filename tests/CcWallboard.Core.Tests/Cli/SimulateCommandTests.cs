using System.Text;
using CcWallboard.Core.Events;
using CcWallboard.Core.Tests.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Core.Tests.Cli;

public sealed class SimulateCommandTests
{
    private static readonly DateTimeOffset FarFuture = DateTimeOffset.MaxValue.AddYears(-1);

    private static List<AcdEvent> ParseJsonLines(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        return text.TrimEnd('\n').Split('\n').Select(line =>
        {
            var parsed = AcdEventJson.ParseLine(line, FarFuture, TimeSpan.Zero);
            Assert.True(parsed.IsValid, $"{line}: {string.Join("; ", parsed.Errors)}");
            return parsed.Event!;
        }).ToList();
    }

    [Fact]
    public void Simulate_writes_one_centre_day_of_valid_json_lines_to_the_out_file()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("day.jsonl");

        var run = CliRun.Of("simulate", "--config", ExampleCentre.ConfigPath, "--date", "2026-11-23", "--out", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        var bytes = File.ReadAllBytes(file);
        Assert.NotEqual(0xEF, bytes[0]); // no byte-order mark
        var events = ParseJsonLines(Encoding.UTF8.GetString(bytes));
        Assert.True(events.Count > 20_000);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), events[0].At);
        Assert.All(events, e => Assert.InRange(e.At, events[0].At, new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero).AddTicks(-1)));
        Assert.Contains($"wrote {events.Count} events", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_writes_to_standard_output_without_out()
    {
        var run = CliRun.Of("simulate", "--config", ExampleCentre.ConfigPath, "--date=2026-10-25");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var events = ParseJsonLines(run.Out);
        // 25 October 2026 starts at 00:00 BST and has 25 hours.
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.Zero), events[0].At);
        Assert.True(events[^1].At > new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Simulate_defaults_to_today_in_the_centre_time_zone()
    {
        // 23:30 UTC on 30 June is already 1 July in London (BST).
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero));

        var run = CliRun.Of(clock, AppContext.BaseDirectory, "simulate");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero), ParseJsonLines(run.Out)[0].At);
    }

    [Fact]
    public void Simulate_reads_config_centre_json_next_to_the_executable_by_default()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.File("config"));
        var centre = ExampleCentre.Load();
        File.Copy(ExampleCentre.ConfigPath, folder.File(Path.Combine("config", "centre.json")));

        var run = CliRun.Of(new FakeTimeProvider(), folder.Path, "simulate", "--date", "2026-11-23");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(centre.Agents.Count, ParseJsonLines(run.Out).TakeWhile(e => e.At == new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero)).OfType<AgentStateChanged>().Count());
    }

    [Fact]
    public void Seed_defaults_to_the_configured_seed_and_another_seed_changes_the_day()
    {
        var configured = ExampleCentre.Load().Simulator.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var byDefault = CliRun.Of("simulate", "--config", ExampleCentre.ConfigPath, "--date", "2026-11-23");
        var explicitSeed = CliRun.Of("simulate", "--config", ExampleCentre.ConfigPath, "--date", "2026-11-23", "--seed", configured);
        var otherSeed = CliRun.Of("simulate", "--config", ExampleCentre.ConfigPath, "--date", "2026-11-23", "--seed", "7");

        Assert.Equal(byDefault.Out, explicitSeed.Out);
        Assert.NotEqual(byDefault.Out, otherSeed.Out);
    }

    [Fact]
    public void Bad_configuration_exits_2_listing_every_key_at_fault()
    {
        using var folder = new TemporaryFolder();
        var config = folder.File("centre.json");
        File.WriteAllText(config, File.ReadAllText(ExampleCentre.ConfigPath)
            .Replace("\"Europe/London\"", "\"Mars/Olympus_Mons\"", StringComparison.Ordinal)
            .Replace("\"IntervalMinutes\": 15", "\"IntervalMinutes\": 7", StringComparison.Ordinal));

        var run = CliRun.Of("simulate", "--config", config, "--date", "2026-11-23");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        var lines = run.Error.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("Centre:TimeZone: ", StringComparison.Ordinal) && l.Contains("Mars/Olympus_Mons", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Centre:IntervalMinutes: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Configuration_keys_are_case_insensitive()
    {
        using var folder = new TemporaryFolder();
        var config = folder.File("centre.json");
        File.WriteAllText(config, """
            {
              "centre": { "timeZone": "America/New_York" },
              "queues": [ { "id": "support" } ],
              "agents": [ { "id": "x1", "queues": [ "support" ], "shiftId": "day" } ],
              "shifts": [ { "id": "day", "start": "09:00", "end": "17:00" } ],
              "simulator": { "seed": 3, "queues": [ { "queueId": "support", "contactsPerDay": 200,
                "hourlyProfile": [0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,0,0,0,0,0,0,0] } ] }
            }
            """);

        var run = CliRun.Of("simulate", "--config", config, "--date", "2026-11-23");

        Assert.Equal(0, run.ExitCode);
        var events = ParseJsonLines(run.Out);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 5, 0, 0, TimeSpan.Zero), events[0].At); // midnight in New York
        Assert.Contains(events, e => e is ContactQueued { QueueId: "support" });
        Assert.Contains(events, e => e is AgentStateChanged { AgentId: "x1", State: AgentState.Available } a && a.At == new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_value_of_the_wrong_type_exits_2_naming_its_key()
    {
        using var folder = new TemporaryFolder();
        var config = folder.File("centre.json");
        File.WriteAllText(config, File.ReadAllText(ExampleCentre.ConfigPath)
            .Replace("\"IntervalMinutes\": 15", "\"IntervalMinutes\": \"often\"", StringComparison.Ordinal));

        var run = CliRun.Of("simulate", "--config", config, "--date", "2026-11-23");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Centre:IntervalMinutes", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_that_is_not_json_exits_2_naming_the_file()
    {
        using var folder = new TemporaryFolder();
        var config = folder.File("broken.json");
        File.WriteAllText(config, "{ \"Centre\": ");

        var run = CliRun.Of("simulate", "--config", config);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{config}: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_config_file_exits_2_naming_config()
    {
        using var folder = new TemporaryFolder();

        var run = CliRun.Of("simulate", "--config", folder.File("nowhere.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--config", run.Error, StringComparison.Ordinal);
        Assert.Contains("nowhere.json", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--colour", "blue")]
    [InlineData("--date", "23/11/2026")]
    [InlineData("--seed", "many")]
    public void A_bad_argument_exits_2_naming_it(string option, string value)
    {
        var run = CliRun.Of("simulate", "--config", ExampleCentre.ConfigPath, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_without_its_value_exits_2_naming_it()
    {
        var run = CliRun.Of("simulate", "--date");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--date: a value is required", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_file_in_a_missing_folder_exits_2_naming_out()
    {
        using var folder = new TemporaryFolder();

        var run = CliRun.Of("simulate", "--config", ExampleCentre.ConfigPath, "--out", folder.File(Path.Combine("missing", "day.jsonl")));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_help_prints_its_usage()
    {
        var run = CliRun.Of("simulate", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Usage: ccwallboard simulate [--config PATH] [--date YYYY-MM-DD] [--seed N] [--out FILE]", run.Out, StringComparison.Ordinal);
        Assert.Equal(run.Out, CliRun.Of("help", "simulate").Out);
    }
}

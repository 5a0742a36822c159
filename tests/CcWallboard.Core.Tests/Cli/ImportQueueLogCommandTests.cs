using System.Text.Json;
using CcWallboard.Core.Events;

namespace CcWallboard.Core.Tests.Cli;

/// <summary><c>ccwallboard import queue-log</c> on the real Asterisk session (tests/data/asterisk) and on broken copies of it.</summary>
public sealed class ImportQueueLogCommandTests
{
    private static readonly DateTimeOffset NoFutureLimit = DateTimeOffset.MaxValue.AddYears(-1);

    private static string SessionPath
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "tests", "data", "asterisk", "session-a.queue_log");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
            throw new FileNotFoundException($"tests/data/asterisk/session-a.queue_log not found above {AppContext.BaseDirectory}");
        }
    }

    [Fact]
    public void Import_of_the_session_writes_one_valid_event_a_line_and_reports_the_counts()
    {
        using var folder = new TemporaryFolder();
        var output = folder.File("events.jsonl");

        var run = CliRun.Of("import", "queue-log", SessionPath, "--time-zone", "Europe/London", "--out", output);

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = File.ReadAllLines(output);
        var events = lines.Select(line => AcdEventJson.ParseLine(line, NoFutureLimit, TimeSpan.Zero)).ToList();
        Assert.All(events, parsed => Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors)));
        Assert.Equal(295, events.Count(p => p.Event is ContactQueued));
        Assert.Equal(290, events.Count(p => p.Event is ContactAnswered));
        Assert.Equal(5, events.Count(p => p.Event is ContactAbandoned));
        Assert.Equal(290, events.Count(p => p.Event is ContactEnded));
        Assert.Equal(lines.Length, events.Select(p => p.Event!.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Contains($"881 lines, {lines.Length} events written, 1 lines without events, 0 malformed lines skipped", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(": line ", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Import_writes_times_with_the_offset_of_the_time_zone()
    {
        using var folder = new TemporaryFolder();
        var output = folder.File("events.jsonl");

        CliRun.Of("import", "queue-log", SessionPath, "--time-zone", "Asia/Jerusalem", "--out", output);

        using var first = JsonDocument.Parse(File.ReadLines(output).First());
        Assert.Equal("ast-c00001b-ENTERQUEUE-1795421245-sales-NONE/queued", first.RootElement.GetProperty("id").GetString());
        Assert.Equal("2026-11-23T10:07:25.000+02:00", first.RootElement.GetProperty("at").GetString());
    }

    [Fact]
    public void Importing_the_same_file_twice_gives_the_same_output_so_repeated_ids_are_dropped_as_duplicates()
    {
        using var folder = new TemporaryFolder();

        CliRun.Of("import", "queue-log", SessionPath, "--time-zone", "UTC", "--out", folder.File("a.jsonl"));
        CliRun.Of("import", "queue-log", SessionPath, "--time-zone", "UTC", "--out", folder.File("b.jsonl"));

        Assert.Equal(File.ReadAllText(folder.File("a.jsonl")), File.ReadAllText(folder.File("b.jsonl")));
    }

    [Fact]
    public void Malformed_lines_are_reported_on_stderr_with_their_numbers_and_the_rest_is_converted()
    {
        using var folder = new TemporaryFolder();
        var lines = File.ReadAllLines(SessionPath).ToList();
        lines.Insert(2, "1795421245|c00001b|sales");
        lines.Insert(5, "soon|c00002b|sales|NONE|ENTERQUEUE|||1");
        lines.Insert(7, "1795421246|c00002b|sales|NONE|SOMETHINGNEW|x");
        var input = folder.File("queue_log");
        File.WriteAllLines(input, lines);
        var output = folder.File("events.jsonl");

        var run = CliRun.Of("import", "queue-log", input, "--time-zone", "UTC", "--out", output);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"import queue-log: {input}: line 3: expected at least 5 '|'-separated fields", run.Error, StringComparison.Ordinal);
        Assert.Contains($"import queue-log: {input}: line 6: epoch 'soon' is not a number of seconds since 1970", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 8:", run.Error, StringComparison.Ordinal);
        Assert.Contains("884 lines, ", run.Error, StringComparison.Ordinal);
        Assert.Contains("2 lines without events, 2 malformed lines skipped", run.Error, StringComparison.Ordinal);
        Assert.Equal(295, File.ReadLines(output).Count(line => line.Contains("\"contact.queued\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_file_with_no_line_that_gives_an_event_exits_3_and_writes_nothing()
    {
        using var folder = new TemporaryFolder();
        var input = folder.File("queue_log");
        File.WriteAllLines(input, ["1795421237|NONE|NONE|NONE|QUEUESTART|", "not a queue_log line"]);
        var output = folder.File("events.jsonl");

        var run = CliRun.Of("import", "queue-log", input, "--time-zone", "UTC", "--out", output);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("line 2: expected at least 5", run.Error, StringComparison.Ordinal);
        Assert.Contains("no line could be converted; nothing written", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));
    }

    [Theory]
    [InlineData("--time-zone", "Mars/Olympus_Mons", "--time-zone: 'Mars/Olympus_Mons' is not a known IANA time zone")]
    [InlineData("--out", "events.jsonl", "--time-zone: required")]
    public void A_bad_or_missing_time_zone_exits_2_before_anything_is_written(string option, string value, string message)
    {
        using var folder = new TemporaryFolder();
        var args = new List<string> { "import", "queue-log", SessionPath, option, option == "--out" ? folder.File(value) : value };
        if (option != "--out")
        {
            args.AddRange(["--out", folder.File("events.jsonl")]);
        }

        var run = CliRun.Of([.. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Import_help_lists_the_queue_log_format()
    {
        var run = CliRun.Of("import", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  queue-log   Asterisk app_queue queue_log", run.Out, StringComparison.Ordinal);
    }
}

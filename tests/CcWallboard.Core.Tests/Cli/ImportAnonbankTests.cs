using System.Text.Json;
using CcWallboard.Core.Events;

namespace CcWallboard.Core.Tests.Cli;

/// <summary><c>ccwallboard import anonbank</c> end to end: the format is registered, bad lines are reported, the output replays.</summary>
public sealed class ImportAnonbankTests
{
    // Header and lines 2–5 of tests/data/anonbank/january_1999.tsv, then a row with a space where a TAB belongs.
    private static readonly string Records = string.Join("\r\n",
        "vru+line call_id customer_id priority type date vru_entry vru_exit vru_time q_start q_exit q_time outcome ser_start ser_exit ser_time server",
        "AA0101 33116 9664491 2 PS 990101 0:00:31 0:00:36 5 0:00:36 0:03:09 153 HANG 0:00:00 0:00:00 0 NO_SERVER",
        "AA0101 33117 0 0 PS 990101 0:34:12 0:34:23 11 0:00:00 0:00:00 0 HANG 0:00:00 0:00:00 0 NO_SERVER",
        "AA0101 33118 27997683 2 PS 990101 6:55:20 6:55:26 6 6:55:26 6:55:43 17 AGENT 6:55:43 6:56:37 54 MICHAL",
        "AA0101 33119 0 0 PS 990101 7:41:16 7:41:26 10 0:00:00 0:00:00 0 AGENT 7:41:25 7:44:53 208 BASCH",
        "AA0101 33120 0 0 PS 990101 7:50:00 7:50:10 10 0:00:00 0:00:00 0 AGENT 7:50:10 7:52:00 110 BASCH")
        .Replace(' ', '\t').Replace("\t7:50:00\t", "\t7:50:00 ", StringComparison.Ordinal) + "\r\n";

    private const string Centre = """
        {
          "Centre": { "TimeZone": "Asia/Jerusalem", "IntervalMinutes": 30 },
          "Queues": [ { "Id": "PS", "ServiceLevelSeconds": 20, "ShortAbandonSeconds": 5 } ]
        }
        """;

    [Fact]
    public void Import_anonbank_writes_the_events_in_time_order_and_reports_the_malformed_line_by_number()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("january.tsv"), Records);

        var run = CliRun.Of("import", "anonbank", folder.File("january.tsv"), "--time-zone", "Asia/Jerusalem", "--out", folder.File("events.jsonl"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(": line 6: fields: expected 17 TAB-separated fields, found 16\n", run.Error, StringComparison.Ordinal);
        Assert.Contains("6 lines, 8 events written, 1 lines without events, 1 malformed lines skipped", run.Error, StringComparison.Ordinal);
        var events = File.ReadAllLines(folder.File("events.jsonl"))
            .Select(line => AcdEventJson.ParseLine(line, DateTimeOffset.MaxValue.AddYears(-1), TimeSpan.Zero).Event!)
            .ToList();
        Assert.Equal(
        [
            "anonbank-990101-AA0101-33116-queued", "anonbank-990101-AA0101-33116-abandoned",
            "anonbank-990101-AA0101-33118-queued", "anonbank-990101-AA0101-33118-answered", "anonbank-990101-AA0101-33118-ended",
            "anonbank-990101-AA0101-33119-queued", "anonbank-990101-AA0101-33119-answered", "anonbank-990101-AA0101-33119-ended",
        ], events.Select(e => e.Id));
        Assert.Equal(new DateTimeOffset(1999, 1, 1, 0, 0, 36, TimeSpan.FromHours(2)), events[0].At);
    }

    [Fact]
    public void The_imported_records_replay_into_the_days_figures()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("january.tsv"), Records);
        File.WriteAllText(folder.File("centre.json"), Centre);
        CliRun.Of("import", "anonbank", folder.File("january.tsv"), "--time-zone", "Asia/Jerusalem", "--out", folder.File("events.jsonl"));

        var run = CliRun.Of("replay", "--events", folder.File("events.jsonl"), "--config", folder.File("centre.json"), "--out", folder.File("result.json"));

        Assert.True(run.ExitCode == 0, run.Error);
        using var result = JsonDocument.Parse(File.ReadAllText(folder.File("result.json")));
        var today = result.RootElement.GetProperty("queues").GetProperty("PS").GetProperty("today");
        // 33116 abandoned after 153 s; 33118 answered after 17 s; 33119 answered at once.
        Assert.Equal(3, today.GetProperty("offered").GetInt32());
        Assert.Equal(2, today.GetProperty("answeredWithinThreshold").GetInt32());
        Assert.Equal(1, today.GetProperty("abandoned").GetInt32());
        Assert.Equal(8.5, today.GetProperty("asaSeconds").GetDouble());
    }

    [Fact]
    public void The_import_help_lists_the_anonbank_format()
    {
        var run = CliRun.Of("import", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  anonbank    ", run.Out, StringComparison.Ordinal);
    }
}

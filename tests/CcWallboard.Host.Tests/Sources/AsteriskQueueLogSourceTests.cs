using CcWallboard.Adapters.Asterisk;
using CcWallboard.Host.Sources;
using CcWallboard.Host.Storage;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CcWallboard.Host.Tests.Sources;

/// <summary>The host following a real Asterisk queue_log file (the recorded session under tests/data).</summary>
public sealed class AsteriskQueueLogSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ccwallboard-queuelog-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string SessionPath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "data", "asterisk", "session-a.queue_log");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("tests/data/asterisk/session-a.queue_log");
    }

    private string WriteCentre()
    {
        var path = Path.Combine(_folder, "centre.json");
        File.WriteAllText(path, """
            {
              "Centre": { "TimeZone": "UTC", "IntervalMinutes": 15 },
              "Queues": [ { "Id": "sales", "ServiceLevelSeconds": 10, "ServiceLevelFormula": "AbandonsIgnored", "ShortAbandonSeconds": 0 } ],
              "Boards": [ { "Name": "floor", "Queues": [ "sales" ] } ]
            }
            """);
        return path;
    }

    [Fact]
    public async Task Every_event_of_the_followed_file_reaches_the_log_and_a_malformed_line_appended_later_is_counted_and_skipped()
    {
        var queueLog = Path.Combine(_folder, "queue_log");
        var lines = File.ReadAllLines(SessionPath());
        var half = lines.Length / 2;
        File.WriteAllLines(queueLog, lines[..half]);
        var mapper = new QueueLogMapper(TimeZoneInfo.Utc);
        var expected = lines.Sum(line => mapper.Map(line).Events.Count);
        await using var host = new WallboardHostFactory()
            .With("CentreConfigFile", WriteCentre())
            .With("Sources:AsteriskQueueLog:Path", queueLog)
            .With("Sources:AsteriskQueueLog:PollMilliseconds", "20");
        host.Start();
        var log = host.Services.GetRequiredService<IEventLog>();
        var source = host.Services.GetRequiredService<AsteriskQueueLogSource>();

        await Eventually.WaitUntilAsync(async () => await log.CountAsync() > 0, () => "the first half in the log");
        await File.AppendAllLinesAsync(queueLog, ["not|a|queue_log|line"]);
        await File.AppendAllLinesAsync(queueLog, lines[half..]);

        await Eventually.WaitUntilAsync(async () => await log.CountAsync() == expected, () => $"{expected} events in the log (read {source.LinesRead} lines)");
        Assert.Equal(1, source.MalformedLines);
        Assert.Equal(lines.Length + 1, source.LinesRead);
    }
}

using CcWallboard.Adapters.Asterisk;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Replay;

namespace CcWallboard.Adapters.Tests.Asterisk;

/// <summary>Maps queue_log text as the import does, and replays events through the engine to read figures.</summary>
internal static class QueueLog
{
    public static string SessionPath => SharedData.PathOf("asterisk", "session-a.queue_log");

    /// <summary>Each line of <paramref name="text"/> with what one mapper made of it, in order.</summary>
    public static IReadOnlyList<(string Line, QueueLogMapping Mapping)> MapLines(string text, TimeZoneInfo? zone = null)
    {
        var mapper = new QueueLogMapper(zone ?? TimeZoneInfo.Utc);
        return Lines(text).Select(line => (line, mapper.Map(line))).ToList();
    }

    public static IReadOnlyList<AcdEvent> Events(string text, TimeZoneInfo? zone = null) =>
        MapLines(text, zone).SelectMany(m => m.Mapping.Events).ToList();

    public static IReadOnlyList<AcdEvent> SessionEvents(TimeZoneInfo? zone = null) => Events(File.ReadAllText(SessionPath), zone);

    /// <summary>The agent states <paramref name="events"/> give <paramref name="agentId"/>, as <c>state</c> or <c>state:reason</c>.</summary>
    public static IReadOnlyList<string> StatesOf(IEnumerable<AcdEvent> events, string agentId) =>
        events.OfType<AgentStateChanged>()
            .Where(s => s.AgentId == agentId)
            .Select(s => s.Reason is null ? WireNames.Of(s.State) : $"{WireNames.Of(s.State)}:{s.Reason}")
            .ToList();

    /// <summary>Replays the events, as JSON Lines, through <see cref="DayReplay"/> for the given queues.</summary>
    public static (ReplayResult Result, DayReplay Replay) Replay(IEnumerable<AcdEvent> events, params QueueSettings[] queues)
    {
        var options = new CentreOptions { Centre = new CentreSettings { TimeZone = "UTC" }, Queues = [.. queues] };
        var replay = new DayReplay(options);
        var number = 0L;
        foreach (var e in events)
        {
            var rejected = replay.ReadLine(AcdEventJson.ToJson(e), ++number);
            Assert.Null(rejected);
        }
        return (replay.Finish()!, replay);
    }

    /// <summary>
    /// The session's queue as Asterisk measured it: servicelevel=10, and the figure that matches its ServicelevelPerf
    /// (answered within T over answered); no short abandons, since Asterisk counts every abandon.
    /// </summary>
    public static QueueSettings AsteriskSales() => new()
    {
        Id = "sales",
        ServiceLevelSeconds = 10,
        ServiceLevelFormula = ServiceLevelFormula.AbandonsIgnored,
        ShortAbandonSeconds = 0,
    };

    public static QueueSettings Queue(string id) => new() { Id = id, ServiceLevelSeconds = 20, ShortAbandonSeconds = 0 };

    private static IEnumerable<string> Lines(string text)
    {
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}

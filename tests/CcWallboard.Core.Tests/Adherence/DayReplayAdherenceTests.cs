using System.Text.Json;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Replay;
using CcWallboard.Core.Simulation;

namespace CcWallboard.Core.Tests.Adherence;

/// <summary>
/// <c>ccwallboard replay --schedule</c>: the agent states go through the same reorder buffer as the queue figures and on
/// to the adherence engine, and RESULT.json's <c>agents</c> part is filled as REPLAY.md gives it. Europe/London on
/// 2026-11-17 (GMT). The day's figures count to the later of the last event (10:00) and the schedule's end (12:00).
/// <list type="bullet">
/// <item>a01: open 08:00–09:00; in 08:10–09:10. Scheduled 3600, in 3000: 83.33 %; worked 3600: 100 %.</item>
/// <item>a02: open 08:00–09:00, break 09:00–09:15, open 09:15–10:00 (7200 s); break 09:00–09:20. In 6900: 95.83 %; worked 7200: 100 %.</item>
/// <item>a03: open 10:00–12:00, after the last event, never logs in: scheduled 7200, in 0: 0 %; worked 0: 0 %.</item>
/// </list>
/// </summary>
public sealed class DayReplayAdherenceTests
{
    private static DateTimeOffset At(int hour, int minute, int second = 0) => new(2026, 11, 17, hour, minute, second, TimeSpan.Zero);

    private static CentreOptions Centre() => new()
    {
        Centre = new CentreSettings { TimeZone = "Europe/London", IntervalMinutes = 30 },
        Queues = [new QueueSettings { Id = "sales" }],
        Agents = [new AgentSettings { Id = "a01", Queues = ["sales"] }, new AgentSettings { Id = "a02", Queues = ["sales"] }],
    };

    private static Dictionary<string, IReadOnlyList<ScheduledActivity>> Schedule() => new(StringComparer.Ordinal)
    {
        ["a01"] = [new("a01", "open", At(8, 0), At(9, 0))],
        ["a02"] = [new("a02", "open", At(8, 0), At(9, 0)), new("a02", "break", At(9, 0), At(9, 15)), new("a02", "open", At(9, 15), At(10, 0))],
        ["a03"] = [new("a03", "open", At(10, 0), At(12, 0))],
    };

    /// <summary>The day's lines in file order: a queued contact 2 s after a state it precedes in the file (within the lateness), and one line twice.</summary>
    private static List<string> Lines()
    {
        AcdEvent[] events =
        [
            new AgentStateChanged("s1", At(8, 0), "a02", AgentState.Available),
            new ContactQueued("c1", At(8, 10, 2), "k1", "sales"),
            new AgentStateChanged("s2", At(8, 10), "a01", AgentState.Available),
            new ContactAnswered("c2", At(8, 10, 5), "k1", "sales", "a01"),
            new ContactEnded("c3", At(8, 14), "k1", "sales", "a01"),
            new AgentStateChanged("s3", At(9, 0), "a02", AgentState.NotReady, "break"),
            new AgentStateChanged("s4", At(9, 10), "a01", AgentState.LoggedOut),
            new AgentStateChanged("s5", At(9, 20), "a02", AgentState.Available),
            new AgentStateChanged("s6", At(10, 0), "a02", AgentState.LoggedOut),
        ];
        var lines = events.Select(AcdEventJson.ToJson).ToList();
        lines.Insert(6, lines[5]);
        return lines;
    }

    private static ReplayResult Replay(IReadOnlyDictionary<string, IReadOnlyList<ScheduledActivity>>? schedule)
    {
        var replay = new DayReplay(Centre(), schedule);
        var lines = Lines();
        for (var i = 0; i < lines.Count; i++)
        {
            Assert.Null(replay.ReadLine(lines[i], i + 1));
        }
        return replay.Finish()!;
    }

    [Fact]
    public void Replay_with_a_schedule_fills_each_agents_adherence_and_conformance()
    {
        var agents = Replay(Schedule()).Agents;

        Assert.Equal(["a01", "a02", "a03"], agents.Keys);
        Assert.Equal(new AgentReplay(3600, 3000, 3000 * 100.0 / 3600, 3600, 100), agents["a01"]);
        Assert.Equal(new AgentReplay(7200, 6900, 6900 * 100.0 / 7200, 7200, 100), agents["a02"]);
        Assert.Equal(new AgentReplay(7200, 0, 0, 0, 0), agents["a03"]);
        Assert.Equal(83.33, agents["a01"].AdherencePercent!.Value, 2);
        Assert.Equal(95.83, agents["a02"].AdherencePercent!.Value, 2);
    }

    [Fact]
    public void Replay_result_writes_the_agents_figures_under_the_names_of_replay_md()
    {
        using var json = JsonDocument.Parse(Replay(Schedule()).ToJson());

        var a01 = json.RootElement.GetProperty("agents").GetProperty("a01");

        Assert.Equal(["scheduledSeconds", "inAdherenceSeconds", "adherencePercent", "workedSeconds", "conformancePercent"],
            a01.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3000, a01.GetProperty("inAdherenceSeconds").GetDouble());
        Assert.Equal(1, json.RootElement.GetProperty("queues").GetProperty("sales").GetProperty("today").GetProperty("answered").GetInt32());
    }

    [Fact]
    public void Replay_without_a_schedule_leaves_the_agents_empty()
    {
        Assert.Empty(Replay(null).Agents);
    }
}

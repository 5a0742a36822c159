using CcWallboard.Core.Adherence;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Tests.Adherence;

/// <summary>
/// The hot path — clock advances and state changes that raise no alert — allocates nothing once the working set has
/// grown, like the metric engine's: 20 agents, each scheduled open and break by turns every 10 minutes.
/// </summary>
public sealed class AdherenceHotPathTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Clock_advances_and_state_changes_allocate_nothing_once_warmed_up()
    {
        const int agents = 20;
        var options = new CentreOptions { Centre = new CentreSettings { TimeZone = "Europe/London" } };
        options.Adherence.AlertAfterSeconds["*"] = 1e9; // alerts allocate their news: none here
        var schedule = new Dictionary<string, IReadOnlyList<ScheduledActivity>>(StringComparer.Ordinal);
        var events = new AgentStateChanged[agents * 4];
        for (var a = 0; a < agents; a++)
        {
            var id = $"a{a}";
            schedule[id] = [.. Enumerable.Range(0, 48).Select(i => new ScheduledActivity(id, i % 2 == 0 ? "open" : "break", Nine.AddMinutes(10 * i), Nine.AddMinutes(10 * (i + 1))))];
            events[(a * 4) + 0] = new($"{id}-1", Nine, id, AgentState.Available);
            events[(a * 4) + 1] = new($"{id}-2", Nine, id, AgentState.OnContact);
            events[(a * 4) + 2] = new($"{id}-3", Nine, id, AgentState.Acw);
            events[(a * 4) + 3] = new($"{id}-4", Nine, id, AgentState.Available);
        }
        var engine = new AdherenceEngine(options, CentreCalendar.For(options.Centre), schedule, Nine);
        Assert.Equal(Nine.AddMinutes(10), engine.AgentOf("a0")!.ActivityUntil);
        // A state change every second, and the clock; every 10 minutes the schedule turns, changing statuses without events.
        var feed = Enumerable.Range(1, 1900).Select(s => events[(s * 7) % events.Length] with { At = Nine.AddSeconds(s) }).ToArray();
        void Run(int from, int to)
        {
            for (var s = from; s < to; s++)
            {
                engine.Apply(feed[s]);
                engine.AdvanceTo(feed[s].At);
            }
        }
        // 70 changes an agent: the recorded states' list has room for the next 25 (growing it is the working set).
        Run(0, 1400);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(1400, 1900); // across the turn from open to break at 09:30
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Empty(engine.Alerts);
        Assert.Equal(AdherenceStatus.Out, engine.AgentOf("a0")!.Status);
        // Logged out until its first change at 09:00:23, working through the 09:10–09:20 break, and 09:30–09:31:40: 23 + 600 + 100 s.
        Assert.Equal(723, engine.AgentOf("a0")!.OutOfAdherenceSeconds);
    }
}

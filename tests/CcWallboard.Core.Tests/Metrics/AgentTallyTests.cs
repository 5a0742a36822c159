using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Tests.Metrics;

/// <summary>The occupancy breakpoints of a tally live in pooled blocks: bounded by the longest window, and checkpointed exactly.</summary>
public class AgentTallyTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private static readonly CentreDay Day = new(new DateOnly(2026, 3, 2), Start, Start.AddDays(1));
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan[] Windows = [TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60)];

    [Fact]
    public void A_tally_takes_no_new_block_once_the_longest_window_has_passed()
    {
        var tally = new AgentTally(96, Windows, Start.UtcTicks, AgentTally.NewBlocks());
        tally.Enter(AgentState.Available, null, Start.UtcTicks, Day, Interval);
        var at = Start.UtcTicks;
        var busy = false;
        void Step()
        {
            at += TimeSpan.FromSeconds(3).Ticks;
            var (from, to) = busy ? (AgentState.OnContact, AgentState.Available) : (AgentState.Available, AgentState.OnContact);
            tally.Move(from, null, to, null, at, Day, Interval);
            busy = !busy;
        }
        while (at < Start.AddMinutes(75).UtcTicks)
        {
            Step();
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        while (at < Start.AddHours(5).UtcTicks)
        {
            Step();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(50.0, tally.WindowOccupancy(1, at)!.Value, 6);
    }

    [Fact]
    public void A_checkpoint_of_a_tally_spanning_many_blocks_reads_back_the_same_window_figures()
    {
        var random = new Random(5);
        var blocks = AgentTally.NewBlocks();
        var tally = new AgentTally(96, Windows, Start.UtcTicks, blocks);
        var states = new[] { AgentState.Available, AgentState.OnContact, AgentState.Acw, AgentState.NotReady };
        var current = new List<AgentState>();
        var at = Start.UtcTicks;
        for (var i = 0; i < 20; i++)
        {
            current.Add(AgentState.Available);
            tally.Enter(AgentState.Available, null, at, Day, Interval);
        }
        for (var step = 0; step < 5_000; step++)
        {
            at += TimeSpan.FromSeconds(random.Next(1, 4)).Ticks;
            var agent = random.Next(current.Count);
            var to = states[random.Next(states.Length)];
            tally.Move(current[agent], null, to, null, at, Day, Interval);
            current[agent] = to;
            if (step % 500 == 0)
            {
                tally.AdvanceWindows(at);
            }
        }
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            tally.Write(writer);
        }
        var copy = new AgentTally(96, Windows, Start.UtcTicks, blocks);
        stream.Position = 0;
        using (var reader = new BinaryReader(stream))
        {
            copy.Read(reader);
        }
        for (var later = 0; later < 4; later++)
        {
            var now = at + TimeSpan.FromMinutes(later * 7).Ticks;
            for (var w = 0; w < Windows.Length; w++)
            {
                Assert.Equal(tally.WindowOccupancy(w, now), copy.WindowOccupancy(w, now));
            }
        }
    }
}

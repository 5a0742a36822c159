using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;

namespace CcWallboard.Core.Tests.Metrics;

/// <summary>An agent's recent states in shared blocks read like a list, and reuse the blocks they trim.</summary>
public class StateHistoryTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Adds_trims_and_inserts_read_like_a_list(int seed)
    {
        var random = new Random(seed);
        var blocks = new StretchBlocks();
        var histories = new[] { new StateHistory(blocks), new StateHistory(blocks) };
        var lists = new[] { new List<StateStretch>(), new List<StateStretch>() };
        long at = 0;
        for (var step = 0; step < 20_000; step++)
        {
            var k = random.Next(2);
            var (history, list) = (histories[k], lists[k]);
            var action = random.Next(10);
            if (action < 5 || list.Count == 0)
            {
                var stretch = new StateStretch(at += random.Next(1, 5), (AgentState)random.Next(5));
                history.Add(stretch);
                list.Add(stretch);
            }
            else if (action < 9)
            {
                history.RemoveFirst();
                list.RemoveAt(0);
            }
            else
            {
                var index = random.Next(list.Count + 1);
                var stretch = new StateStretch(random.Next(), (AgentState)random.Next(5));
                history.Insert(index, stretch);
                list.Insert(index, stretch);
            }
            Assert.Equal(list.Count, history.Count);
            if (step % 97 == 0)
            {
                Assert.Equal(list, [.. history]);
                for (var i = 0; i < list.Count; i++)
                {
                    Assert.Equal(list[i], history[i]);
                }
                var probe = list.Count == 0 ? 0 : list[random.Next(list.Count)].Start;
                Assert.Equal(list.FindLastIndex(s => s.Start <= probe), history.LastStartingBy(probe));
            }
        }
    }

    [Fact]
    public void A_history_that_trims_as_it_adds_takes_no_new_block_once_it_holds_its_span()
    {
        var blocks = new StretchBlocks();
        var history = new StateHistory(blocks);
        for (var i = 0; i < 1_000; i++)
        {
            history.Add(new StateStretch(i, AgentState.Available));
            if (history.Count > 100)
            {
                history.RemoveFirst();
            }
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1_000; i < 10_000; i++)
        {
            history.Add(new StateStretch(i, AgentState.Available));
            history.RemoveFirst();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(100, history.Count);
        Assert.Equal(9_900, history[0].Start);
    }
}

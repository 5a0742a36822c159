using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CcWallboard.Core.Tests.Simulation;

/// <summary>What holds for any seed and any start in 2026 (daylight-saving days included).</summary>
public sealed class FloorSimulatorProperties
{
    private static readonly DateTimeOffset YearStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Property(MaxTest = 25)]
    public Property Any_seed_and_start_give_an_ordered_consistent_floor() =>
        Prop.ForAll(
            Gen.Choose(0, (365 * 24 * 60) - 1).ToArbitrary(),
            ArbMap.Default.ArbFor<int>(),
            (minuteOfYear, seed) => CheckFloor(YearStart.AddMinutes(minuteOfYear).AddMilliseconds(seed & 0x3FF), seed));

    private static void CheckFloor(DateTimeOffset from, int seed)
    {
        var options = ExampleCentre.Load();
        var events = new FloorSimulator(options, seed).Run(from, from.AddHours(3)).ToList();

        Assert.Equal(options.Agents.Select(a => a.Id), events.Take(options.Agents.Count).Cast<AgentStateChanged>().Select(e => e.AgentId));
        Assert.All(events.Take(options.Agents.Count), e => Assert.Equal(from, e.At));
        Assert.All(events.Zip(events.Skip(1)), pair => Assert.True(pair.First.At <= pair.Second.At));

        var queued = new HashSet<string>();
        var outcome = new HashSet<string>();
        var inHand = new Dictionary<string, string>();
        foreach (var e in events)
        {
            switch (e)
            {
                case ContactQueued q:
                    Assert.True(queued.Add(q.ContactId));
                    break;
                case ContactAnswered a:
                    Assert.Contains(a.ContactId, queued);
                    Assert.True(outcome.Add(a.ContactId));
                    Assert.True(inHand.TryAdd(a.AgentId, a.ContactId));
                    break;
                case ContactAbandoned b:
                    Assert.Contains(b.ContactId, queued);
                    Assert.True(outcome.Add(b.ContactId));
                    break;
                case ContactEnded end:
                    Assert.True(inHand.Remove(end.AgentId, out var contactId) && contactId == end.ContactId);
                    break;
            }
        }
    }
}

using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;
using static CcWallboard.Core.Tests.Simulation.ExampleCentre;

namespace CcWallboard.Core.Tests.Simulation;

/// <summary>What a simulated day of the example centre looks like to a supervisor: plausible, and never impossible.</summary>
public sealed class SimulatedDayTests(ExampleDayFixture fixture) : IClassFixture<ExampleDayFixture>
{
    private readonly SimulatedDay _day = fixture.Day;

    [Fact]
    public void Every_queue_gets_about_its_daily_volume()
    {
        var arrivals = _day.Events.OfType<ContactQueued>().CountBy(e => e.QueueId).ToDictionary();

        Assert.Equal(3, arrivals.Count);
        foreach (var queue in _day.Options.Simulator.Queues)
        {
            Assert.InRange(arrivals[queue.QueueId], queue.ContactsPerDay * 0.85, queue.ContactsPerDay * 1.15);
        }
    }

    [Fact]
    public void Some_contacts_abandon_but_at_a_plausible_rate()
    {
        var abandoned = _day.Events.OfType<ContactAbandoned>().ToList();
        var answered = _day.Events.OfType<ContactAnswered>().Count();

        Assert.InRange(abandoned.Count / (double)(abandoned.Count + answered), 0.005, 0.25);
        Assert.Equal(["billing", "sales", "service"], abandoned.Select(e => e.QueueId).Distinct().Order());
    }

    [Fact]
    public void Each_contact_queues_first_then_is_answered_or_abandoned_once()
    {
        foreach (var (contactId, events) in _day.Contacts)
        {
            var queued = Assert.IsType<ContactQueued>(events[0]);
            var outcomes = events.Where(e => e is ContactAnswered or ContactAbandoned).ToList();
            if (outcomes.Count == 0)
            {
                // Only a contact that arrived just before the day's end may still wait.
                Assert.True(queued.At > _day.End.AddHours(-1), $"{contactId} never left the queue");
                continue;
            }
            var outcome = Assert.Single(outcomes);
            Assert.True(outcome.At >= queued.At);
            Assert.All(events, e => Assert.Equal(queued.QueueId, e.QueueId));
            Assert.Single(events, e => e is ContactQueued);
        }
    }

    [Fact]
    public void Answered_contacts_end_after_the_answer_with_the_agent_who_answered_and_has_the_skill()
    {
        var skills = _day.Options.Agents.ToDictionary(a => a.Id, a => a.Queues);
        var answeredCount = 0;
        foreach (var events in _day.Contacts.Values)
        {
            if (events.OfType<ContactAnswered>().SingleOrDefault() is not { } answered)
            {
                continue;
            }
            answeredCount++;
            Assert.Contains(answered.QueueId, skills[answered.AgentId]);
            Assert.DoesNotContain(events, e => e is ContactAbandoned);
            if (events.OfType<ContactEnded>().SingleOrDefault() is { } ended)
            {
                Assert.True(ended.At > answered.At);
                Assert.Equal(answered.AgentId, ended.AgentId);
            }
            else
            {
                Assert.True(answered.At > _day.End.AddHours(-2), $"{answered.ContactId} never ended");
            }
        }
        Assert.True(answeredCount > 3000);
    }

    [Fact]
    public void No_agent_is_ever_on_two_contacts_at_once()
    {
        var inHand = new Dictionary<string, string>();
        foreach (var e in _day.Events)
        {
            switch (e)
            {
                case ContactAnswered answered:
                    Assert.False(inHand.ContainsKey(answered.AgentId), $"{answered.AgentId} answered {answered.ContactId} while on another contact");
                    inHand[answered.AgentId] = answered.ContactId;
                    break;
                case ContactEnded ended:
                    Assert.Equal(ended.ContactId, inHand[ended.AgentId]);
                    inHand.Remove(ended.AgentId);
                    break;
            }
        }
    }

    [Fact]
    public void Agents_go_through_the_ACD_cycle_ring_talk_wrap_up()
    {
        var allowedNext = new Dictionary<AgentState, AgentState[]>
        {
            [AgentState.Ringing] = [AgentState.OnContact, AgentState.Available, AgentState.NotReady, AgentState.LoggedOut],
            [AgentState.OnContact] = [AgentState.Acw],
            [AgentState.Acw] = [AgentState.Available, AgentState.NotReady, AgentState.LoggedOut],
            [AgentState.Available] = [AgentState.Ringing, AgentState.NotReady, AgentState.LoggedOut],
            [AgentState.NotReady] = [AgentState.Available, AgentState.NotReady, AgentState.LoggedOut],
            [AgentState.LoggedOut] = [AgentState.Available, AgentState.NotReady],
        };
        foreach (var states in _day.AgentStates)
        {
            foreach (var (before, after) in states.Zip(states.Skip(1)))
            {
                Assert.Contains(after.State, allowedNext[before.State]);
                Assert.False(before.State == after.State && before.Reason == after.Reason, $"{after.AgentId} repeated {after.State} at {after.At}");
            }
        }
        var onContactAt = _day.Events.OfType<AgentStateChanged>().Where(e => e.State == AgentState.OnContact).Select(e => (e.AgentId, e.At)).ToHashSet();
        Assert.All(_day.Events.OfType<ContactAnswered>(), a => Assert.Contains((a.AgentId, a.At), onContactAt));
    }

    [Fact]
    public void Talk_times_vary_around_the_queue_mean_and_some_contacts_are_held()
    {
        foreach (var queue in _day.Options.Simulator.Queues)
        {
            var talks = _day.Contacts.Values
                .Where(c => c[0].QueueId == queue.QueueId && c.OfType<ContactEnded>().Any())
                .Select(c => (Talk: (c.OfType<ContactEnded>().Single().At - c.OfType<ContactAnswered>().Single().At).TotalSeconds,
                              Hold: c.OfType<ContactEnded>().Single().HoldSeconds))
                .ToList();
            var mean = talks.Average(t => t.Talk);
            var deviation = Math.Sqrt(talks.Average(t => Math.Pow(t.Talk - mean, 2)));

            Assert.InRange(mean, queue.MeanTalkSeconds * 0.85, queue.MeanTalkSeconds * 1.15);
            Assert.True(deviation > mean * 0.4, $"{queue.QueueId}: talk times hardly vary ({deviation:0} s)");
            var held = talks.Where(t => t.Hold is not null).ToList();
            Assert.InRange(held.Count / (double)talks.Count, 0.05, 0.5);
            Assert.All(held, t => Assert.InRange(t.Hold!.Value, 0, t.Talk));
        }
    }

    [Fact]
    public void Hourly_arrivals_follow_the_profile()
    {
        var perLocalHour = _day.Events.OfType<ContactQueued>()
            .CountBy(e => TimeZoneInfo.ConvertTime(e.At, London).Hour)
            .ToDictionary();

        Assert.True(perLocalHour[9] > 5 * perLocalHour[3], $"09-10 {perLocalHour[9]}, 03-04 {perLocalHour[3]}");
        Assert.InRange(perLocalHour.MaxBy(p => p.Value).Key, 8, 11);
        Assert.InRange(perLocalHour.MinBy(p => p.Value).Key, 1, 5);
    }

    [Fact]
    public void Agents_log_in_at_their_shift_start_and_only_a_few_minutes_late_when_they_deviate()
    {
        var loginDelays = ShiftStarts().Select(s =>
            (_day.AgentStates[s.AgentId].First(e => e.At >= s.Start && e.State != AgentState.LoggedOut).At - s.Start).TotalMinutes).ToList();

        Assert.Equal(_day.Options.Agents.Count, loginDelays.Count);
        Assert.All(loginDelays, d => Assert.InRange(d, 0, 12));
        Assert.True(loginDelays.Count(d => d == 0) >= loginDelays.Count * 0.8);
    }

    [Fact]
    public void Agents_take_their_scheduled_breaks_and_lunches_near_the_scheduled_time()
    {
        var scheduled = _day.Shifts.Where(a => !a.IsOpen && a.End <= _day.End).ToList();

        var taken = scheduled.Count(a => _day.AgentStates[a.AgentId].Any(e =>
            e.State == AgentState.NotReady && e.Reason == a.Activity && e.At >= a.Start && e.At < a.Start.AddMinutes(30)));

        Assert.True(scheduled.Count > 150);
        Assert.True(taken >= scheduled.Count * 0.9, $"{taken} of {scheduled.Count} taken");
    }

    [Fact]
    public void Agents_log_out_at_shift_end_after_finishing_the_contact_in_hand()
    {
        var shiftEnds = _day.Shifts.GroupBy(a => a.AgentId).Select(s => (AgentId: s.Key, End: s.Last().End)).Where(s => s.End < _day.End).ToList();

        Assert.Equal(54, shiftEnds.Count); // all but the night shift end on the day
        foreach (var (agentId, end) in shiftEnds)
        {
            var states = _day.AgentStates[agentId].ToList();
            var logout = states.FindIndex(e => e.State == AgentState.LoggedOut && e.At >= end.AddMinutes(-30));
            Assert.True(logout > 0, $"{agentId} never logged out");
            if (states[logout].At > end)
            {
                Assert.Contains(states[logout - 1].State, new[] { AgentState.Acw, AgentState.Ringing });
                Assert.True(states[logout].At < end.AddHours(1));
            }
        }
    }

    private IEnumerable<ScheduledActivity> ShiftStarts() => _day.Shifts.GroupBy(a => a.AgentId).Select(s => s.First());
}

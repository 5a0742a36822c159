using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;
using static CcWallboard.Core.Tests.Simulation.ExampleCentre;

namespace CcWallboard.Core.Tests.Simulation;

public sealed class FloorSimulatorTests
{
    private static readonly DateTimeOffset Morning = Local(2026, 11, 23, 7);

    [Fact]
    public void Same_options_seed_and_start_give_exactly_the_same_events()
    {
        var first = new FloorSimulator(Load(), seed: 42).Run(Morning, Morning.AddHours(4)).ToList();
        var second = new FloorSimulator(Load(), seed: 42).Run(Morning, Morning.AddHours(4)).ToList();

        Assert.True(first.Count > 1000);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Enumerating_one_run_twice_starts_the_floor_afresh()
    {
        var events = new FloorSimulator(Load()).Run(Morning, Morning.AddHours(2));

        Assert.Equal(events.ToList(), events.ToList());
    }

    [Fact]
    public void Seed_defaults_to_the_configured_seed_and_another_seed_gives_other_arrivals()
    {
        var options = Load();
        var byDefault = new FloorSimulator(options);
        var configured = new FloorSimulator(options, options.Simulator.Seed);
        var other = new FloorSimulator(options, options.Simulator.Seed + 1);

        Assert.Equal(options.Simulator.Seed, byDefault.Seed);
        Assert.Equal(Arrivals(configured), Arrivals(byDefault));
        Assert.NotEqual(Arrivals(configured), Arrivals(other));

        List<DateTimeOffset> Arrivals(FloorSimulator simulator) =>
            simulator.Run(Morning, Morning.AddHours(1)).OfType<ContactQueued>().Select(e => e.At).ToList();
    }

    [Fact]
    public void Runs_from_different_starts_share_no_event_or_contact_id()
    {
        var simulator = new FloorSimulator(Load());
        var first = simulator.Run(Morning, Morning.AddHours(3)).ToList();
        var restarted = simulator.Run(Morning.AddHours(1), Morning.AddHours(3)).ToList();

        Assert.Empty(first.Select(e => e.Id).Intersect(restarted.Select(e => e.Id)));
        Assert.Empty(ContactIds(first).Intersect(ContactIds(restarted)));
        var fromMs = Morning.ToUnixTimeMilliseconds();
        Assert.All(first, e => Assert.StartsWith($"sim-{fromMs}-", e.Id, StringComparison.Ordinal));
        Assert.All(first.OfType<ContactEvent>(), e => Assert.StartsWith($"c-{fromMs}-", e.ContactId, StringComparison.Ordinal));

        static IEnumerable<string> ContactIds(IEnumerable<AcdEvent> events) => events.OfType<ContactEvent>().Select(e => e.ContactId).Distinct();
    }

    [Fact]
    public void Event_ids_are_unique_within_a_run()
    {
        var events = new FloorSimulator(Load()).Run(Morning, Morning.AddHours(6)).ToList();

        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(
            events.OfType<ContactQueued>().Count(),
            events.OfType<ContactQueued>().Select(e => e.ContactId).Distinct().Count());
    }

    [Fact]
    public void Events_are_in_time_order_from_the_start_to_before_the_end()
    {
        var until = Morning.AddHours(6);
        var events = new FloorSimulator(Load()).Run(Morning, until).ToList();

        Assert.Equal(Morning, events[0].At);
        Assert.All(events.Zip(events.Skip(1)), pair => Assert.True(pair.First.At <= pair.Second.At, $"{pair.First} then {pair.Second}"));
        Assert.True(events[^1].At < until);
        Assert.All(events, e => Assert.Equal(TimeSpan.Zero, e.At.Offset));
    }

    [Fact]
    public void Every_event_round_trips_through_AcdEventJson()
    {
        var events = new FloorSimulator(Load()).Run(Morning, Morning.AddHours(3)).ToList();

        Assert.All(events, e =>
        {
            var json = AcdEventJson.ToJson(e);
            var parsed = AcdEventJson.ParseLine(json, now: e.At, maxFutureSkew: TimeSpan.Zero);
            Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
            Assert.Equal(e, parsed.Event);
            Assert.Equal(json, AcdEventJson.ToJson(parsed.Event!));
        });
        Assert.Equal(
            [EventTypes.AgentState, EventTypes.ContactAbandoned, EventTypes.ContactAnswered, EventTypes.ContactEnded, EventTypes.ContactQueued],
            events.Select(e => e.Type).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void At_the_start_every_agent_gets_the_state_its_schedule_implies()
    {
        var options = Load(deviationProbability: 0);
        var from = Local(2026, 11, 23, 10, 5);

        var opening = new FloorSimulator(options).Run(from).Take(options.Agents.Count).Cast<AgentStateChanged>().ToList();

        Assert.All(opening, e => Assert.Equal(from, e.At));
        Assert.Equal(options.Agents.Select(a => a.Id), opening.Select(e => e.AgentId));
        var byShift = opening.ToLookup(e => options.Agents.Single(a => a.Id == e.AgentId).ShiftId);
        Assert.All(byShift["early"], e => Assert.Equal(AgentState.Available, e.State));
        Assert.All(byShift["day"], e => Assert.Equal((AgentState.NotReady, "break"), (e.State, e.Reason)));
        Assert.All(byShift["mid"], e => Assert.Equal(AgentState.Available, e.State));
        Assert.All(byShift["late"], e => Assert.Equal(AgentState.LoggedOut, e.State));
        Assert.All(byShift["night"], e => Assert.Equal(AgentState.LoggedOut, e.State));
    }

    [Fact]
    public void A_start_during_the_night_shift_finds_the_night_agents_at_lunch()
    {
        var options = Load(deviationProbability: 0);
        var from = Local(2026, 11, 24, 2, 45);

        var opening = new FloorSimulator(options).Run(from).Take(options.Agents.Count).Cast<AgentStateChanged>().ToList();

        var night = opening.Where(e => options.Agents.Single(a => a.Id == e.AgentId).ShiftId == "night").ToList();
        Assert.Equal(6, night.Count);
        Assert.All(night, e => Assert.Equal((AgentState.NotReady, "lunch"), (e.State, e.Reason)));
        Assert.Equal(54, opening.Count(e => e.State == AgentState.LoggedOut));
    }

    [Fact]
    public void The_stream_is_endless_and_computed_lazily()
    {
        var simulator = new FloorSimulator(Load());

        var fourDaysLater = simulator.Run(Morning).First(e => e.At >= Morning.AddDays(4));
        var firstTen = simulator.Run(Morning).Take(10).ToList();

        Assert.True(fourDaysLater.At < Morning.AddDays(4).AddHours(1));
        Assert.Equal(10, firstTen.Count);
    }

    [Fact]
    public void Start_with_a_fraction_of_a_millisecond_rounds_up_to_whole_milliseconds()
    {
        var from = Morning.AddTicks(1234);

        var events = new FloorSimulator(Load()).Run(from, from.AddMinutes(30)).ToList();

        Assert.Equal(Morning.AddMilliseconds(1), events[0].At);
        Assert.All(events, e => Assert.Equal(0, e.At.UtcTicks % TimeSpan.TicksPerMillisecond));
    }

    [Fact]
    public void Queue_without_simulator_settings_gets_no_arrivals_and_others_still_do()
    {
        var options = Load();
        options.Queues.Add(new QueueSettings { Id = "callbacks", Name = "Callbacks" });
        options.Agents[0].Queues.Add("callbacks");

        var events = new FloorSimulator(options).Run(Morning, Morning.AddHours(3)).OfType<ContactQueued>().ToList();

        Assert.DoesNotContain(events, e => e.QueueId == "callbacks");
        Assert.Equal(["billing", "sales", "service"], events.Select(e => e.QueueId).Distinct().Order());
    }

    [Fact]
    public void Every_contact_of_a_queue_nobody_serves_abandons_after_waiting()
    {
        var options = Load();
        options.Queues.Add(new QueueSettings { Id = "callbacks" });
        options.Simulator.Queues.Add(new SimulatedQueueSettings
        {
            QueueId = "callbacks",
            ContactsPerDay = 2400,
            HourlyProfile = [.. Enumerable.Repeat(1.0, 24)],
            MeanPatienceSeconds = 60,
        });

        var callbacks = new FloorSimulator(options).Run(Morning, Morning.AddHours(2))
            .OfType<ContactEvent>().Where(e => e.QueueId == "callbacks").GroupBy(e => e.ContactId).ToList();

        Assert.InRange(callbacks.Count, 140, 260);
        var settled = callbacks.Where(c => c.First().At < Morning.AddHours(1)).ToList();
        Assert.All(settled, c => Assert.Equal([EventTypes.ContactQueued, EventTypes.ContactAbandoned], c.Select(e => e.Type)));
        var meanWait = settled.Average(c => (c.Last().At - c.First().At).TotalSeconds);
        Assert.InRange(meanWait, 40, 80);
    }

    [Fact]
    public void Centre_with_nothing_to_simulate_ends_after_the_opening_states()
    {
        var options = Load();
        options.Simulator.Queues.Clear();
        options.Agents.ForEach(a => a.ShiftId = null);

        var events = new FloorSimulator(options).Run(Morning).ToList();

        Assert.Equal(60, events.Count);
        Assert.All(events, e => Assert.Equal(AgentState.LoggedOut, Assert.IsType<AgentStateChanged>(e).State));
    }

    [Fact]
    public void Invalid_configuration_is_rejected_naming_the_key()
    {
        var options = Load();
        options.Centre.TimeZone = "Mars/Olympus_Mons";

        var error = Assert.Throws<ArgumentException>(() => new FloorSimulator(options));

        Assert.Contains("Centre:TimeZone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_the_options_after_construction_does_not_change_the_simulation()
    {
        var options = Load();
        var simulator = new FloorSimulator(options);
        var before = simulator.Run(Morning, Morning.AddHours(1)).ToList();

        options.Simulator.Queues[0].ContactsPerDay *= 10;
        options.Agents.Clear();

        Assert.Equal(before, simulator.Run(Morning, Morning.AddHours(1)).ToList());
    }
}

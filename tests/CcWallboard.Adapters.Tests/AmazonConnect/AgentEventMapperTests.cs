using System.Text.Json.Nodes;
using CcWallboard.Adapters.AmazonConnect;
using CcWallboard.Core.Events;
using static CcWallboard.Adapters.Tests.AmazonConnect.ConnectRecords;

namespace CcWallboard.Adapters.Tests.AmazonConnect;

/// <summary>
/// Records written in the shape of the Amazon Connect Administrator Guide's agent event stream examples: an agent
/// logs in, takes an inbound call (CONNECTING → CONNECTED → ENDED while in ACW → cleared), goes to a custom
/// status, logs out; heartbeats; the quirks (key casing, duplicates, records without a status type).
/// </summary>
public sealed class AgentEventMapperTests
{
    private readonly AgentEventMapper _mapper = new();
    private readonly AgentStream _agent = new("jdoe");

    [Fact]
    public void Login_with_a_routable_status_makes_the_agent_available()
    {
        var events = _mapper.Map(_agent.Login(0, Available()));

        var state = Assert.IsType<AgentStateChanged>(Assert.Single(events));
        Assert.Equal(("jdoe", AgentState.Available, At(0)), (state.AgentId, state.State, state.At));
    }

    [Fact]
    public void An_inbound_call_rings_is_queued_and_answered_when_connected_ends_into_acw_and_frees_the_agent_when_cleared()
    {
        _mapper.Map(_agent.Login(0, Available()));

        var ringing = _mapper.Map(_agent.Change(10, Available(), Contact("c-1", "CONNECTING", 10, queuedAt: 2)));
        var connected = _mapper.Map(_agent.Change(14, Available(), Contact("c-1", "CONNECTED", 14, queuedAt: 2, connectedAt: 14)));
        var ended = _mapper.Map(_agent.Change(44, Available(), Contact("c-1", "ENDED", 44, queuedAt: 2, connectedAt: 14)));
        var cleared = _mapper.Map(_agent.Change(50, Available()));

        Assert.Equal(["ringing"], States(ringing));
        Assert.Empty(ringing.OfType<ContactEvent>());

        var queued = Assert.IsType<ContactQueued>(connected[0]);
        Assert.Equal(("c-1", "BasicQueue", ContactChannel.Voice, At(2)), (queued.ContactId, queued.QueueId, queued.Channel, queued.At));
        var answered = Assert.IsType<ContactAnswered>(connected[1]);
        Assert.Equal(("c-1", "BasicQueue", "jdoe", At(14)), (answered.ContactId, answered.QueueId, answered.AgentId, answered.At));
        Assert.Equal(["on_contact"], States(connected));
        Assert.Equal(3, connected.Count);

        var end = Assert.IsType<ContactEnded>(ended[0]);
        Assert.Equal(("c-1", "BasicQueue", "jdoe", At(44), (double?)null), (end.ContactId, end.QueueId, end.AgentId, end.At, end.HoldSeconds));
        Assert.Equal(["acw"], States(ended));
        Assert.Equal(At(44), ended[1].At);

        var free = Assert.IsType<AgentStateChanged>(Assert.Single(cleared));
        Assert.Equal((AgentState.Available, At(50)), (free.State, free.At));
    }

    [Fact]
    public void A_custom_status_is_not_ready_with_its_name_lower_cased_as_the_reason()
    {
        _mapper.Map(_agent.Login(0, Available()));

        var lunch = _mapper.Map(_agent.Change(30, Status("Lunch", "CUSTOM", 30)));

        Assert.Equal(["not_ready:lunch"], States(lunch));
        Assert.Equal(At(30), lunch[0].At);
    }

    [Fact]
    public void A_configured_status_name_takes_its_configured_state_and_reason_in_any_case()
    {
        var options = new AgentEventMapperOptions();
        options.StatusStates["Coffee Break"] = "not_ready:break";
        options.StatusStates["Back Office"] = "not_ready";
        options.StatusStates["Wrap"] = "acw";
        var mapper = new AgentEventMapper(options);

        Assert.Equal(["not_ready:break"], States(mapper.Map(_agent.Login(0, Status("coffee break", "CUSTOM")))));
        Assert.Equal(["not_ready:back office"], States(mapper.Map(_agent.Change(10, Status("Back Office", "CUSTOM")))));
        Assert.Equal(["acw"], States(mapper.Map(_agent.Change(20, Status("Wrap", "CUSTOM")))));
        Assert.Equal(["acw"], States(new AgentEventMapper().Map(new AgentStream("x").Login(0, Status("AfterContactWork", "CUSTOM")))));
    }

    [Fact]
    public void Logout_logs_the_agent_out()
    {
        _mapper.Map(_agent.Login(0, Available()));

        Assert.Equal(["logged_out"], States(_mapper.Map(_agent.Logout(600))));
    }

    [Fact]
    public void An_offline_status_is_logged_out_and_records_without_a_status_type_read_available_and_offline_by_name()
    {
        Assert.Equal(["logged_out"], States(_mapper.Map(_agent.Login(0, Offline()))));
        Assert.Equal(["available"], States(_mapper.Map(_agent.Change(5, Status("Available", type: null)))));
        Assert.Equal(["not_ready:training"], States(_mapper.Map(_agent.Change(9, Status("Training", type: null)))));
        Assert.Equal(["logged_out"], States(_mapper.Map(_agent.Change(12, Status("Offline", type: null)))));
    }

    [Fact]
    public void A_heartbeat_with_nothing_new_emits_nothing()
    {
        _mapper.Map(_agent.Login(0, Available()));
        _mapper.Map(_agent.Change(14, Available(), Contact("c-1", "CONNECTED", 14, queuedAt: 2, connectedAt: 14)));

        Assert.Empty(_mapper.Map(_agent.HeartBeat(134, Available(), Contact("c-1", "CONNECTED", 14, queuedAt: 2, connectedAt: 14))));
        Assert.Empty(_mapper.Map(_agent.HeartBeat(254, Available(), Contact("c-1", "CONNECTED", 14, queuedAt: 2, connectedAt: 14))));
    }

    [Fact]
    public void A_mapper_started_mid_day_learns_the_agent_and_its_call_from_a_heartbeat()
    {
        _agent.Change(14, Available(), Contact("c-1", "CONNECTED", 14, queuedAt: 2, connectedAt: 14)); // before the mapper ran

        var learned = _mapper.Map(_agent.HeartBeat(134, Available(), Contact("c-1", "CONNECTED", 14, queuedAt: 2, connectedAt: 14)));

        Assert.Equal([typeof(ContactQueued), typeof(ContactAnswered), typeof(AgentStateChanged)], learned.Select(e => e.GetType()));
        Assert.Equal([At(2), At(14), At(134)], learned.Select(e => e.At));
        Assert.Equal(["on_contact"], States(learned));
    }

    [Fact]
    public void A_mapper_that_meets_the_agent_in_acw_learns_the_finished_call_from_the_previous_snapshot()
    {
        var fresh = new AgentStream("asmith");
        fresh.Change(14, Available(), Contact("c-9", "CONNECTED", 14, queuedAt: 5, connectedAt: 14));

        var events = _mapper.Map(fresh.Change(70, Available(), Contact("c-9", "ENDED", 70, queuedAt: 5, connectedAt: 14)));

        Assert.Equal([typeof(ContactQueued), typeof(ContactAnswered), typeof(ContactEnded), typeof(AgentStateChanged)], events.Select(e => e.GetType()));
        Assert.Equal([At(5), At(14), At(70), At(70)], events.Select(e => e.At));
        Assert.Equal(["acw"], States(events));
    }

    [Fact]
    public void Keys_in_lower_case_give_the_same_events_as_the_documented_casing()
    {
        var records = new[]
        {
            _agent.Login(0, Available()),
            _agent.Change(14, Available(), Contact("c-1", "CONNECTED", 14, queuedAt: 2, connectedAt: 14)),
            _agent.Change(44, Status("Lunch", "CUSTOM", 40), Contact("c-1", "ENDED", 44, queuedAt: 2, connectedAt: 14)),
            _agent.Change(50, Status("Lunch", "CUSTOM", 40)),
        };

        var documentedMapper = new AgentEventMapper();
        var documented = records.SelectMany(r => documentedMapper.Map(r)).ToList();
        var lowerMapper = new AgentEventMapper();
        var lower = records.SelectMany(r => lowerMapper.Map(LowerCaseKeys(r)!)).ToList();

        Assert.Equal(7, documented.Count);
        Assert.Equal(documented, lower);
    }

    [Fact]
    public void A_record_delivered_again_gives_the_same_events_with_the_same_ids()
    {
        _mapper.Map(_agent.Login(0, Available()));
        var connected = _agent.Change(14, Available(), Contact("c-1", "CONNECTED", 14, queuedAt: 2, connectedAt: 14));
        var first = _mapper.Map(connected);
        var ended = _mapper.Map(_agent.Change(44, Available(), Contact("c-1", "ENDED", 44, queuedAt: 2, connectedAt: 14)));

        var again = _mapper.Map(connected);
        var fromAnotherMapper = new AgentEventMapper().Map(connected);

        Assert.Equal(first, again);
        Assert.Equal(["connect-c-1-queued", "connect-c-1-answered", "connect-jdoe-event-002-state"], first.Select(e => e.Id));
        Assert.Equal(first.Select(e => e.Id), fromAnotherMapper.Select(e => e.Id));
        Assert.Equal(["connect-c-1-ended", "connect-jdoe-event-003-state"], ended.Select(e => e.Id));
    }

    [Fact]
    public void A_record_older_than_the_agents_latest_gives_nothing()
    {
        var login = _agent.Login(0, Available());
        var lunch = _agent.Change(30, Status("Lunch", "CUSTOM", 30));
        _mapper.Map(lunch);

        Assert.Empty(_mapper.Map(login));
    }

    [Theory]
    [InlineData("MISSED")]
    [InlineData("REJECTED")]
    public void A_missed_or_rejected_contact_has_no_outcome_and_the_agent_returns_to_its_status(string state)
    {
        _mapper.Map(_agent.Login(0, Available()));
        var ringing = _mapper.Map(_agent.Change(10, Available(), Contact("c-2", "CONNECTING", 10, queuedAt: 3)));

        var missed = _mapper.Map(_agent.Change(30, Available(), Contact("c-2", state, 30, queuedAt: 3)));
        var cleared = _mapper.Map(_agent.Change(31, Available()));

        Assert.Equal(["ringing"], States(ringing));
        Assert.Equal(["available"], States(missed));
        Assert.Empty(missed.OfType<ContactEvent>());
        Assert.Empty(cleared);
    }

    [Fact]
    public void Unknown_fields_and_unknown_contact_states_are_ignored()
    {
        var record = _agent.Change(14, Available(), Contact("c-1", "CONNECTED", 14, queuedAt: 2, connectedAt: 14));
        record["CurrentAgentSnapshot"]!["NextAgentStatus"] = new JsonObject { ["Name"] = "Lunch", ["ARN"] = "x", ["EnqueuedTimestamp"] = Time(13) };
        record["CurrentAgentSnapshot"]!["Configuration"]!["RoutingProfile"]!["Concurrency"] = new JsonArray(
            new JsonObject { ["AvailableSlots"] = 0, ["Channel"] = "VOICE", ["MaximumSlots"] = 1 });
        record["SomethingNew"] = new JsonObject { ["Nested"] = new JsonArray(1, 2, 3) };
        ((JsonArray)record["CurrentAgentSnapshot"]!["Contacts"]!).Add(Contact("c-7", "TRANSFERRING_SOMEHOW", 14));

        var events = _mapper.Map(record);

        Assert.Equal([typeof(ContactQueued), typeof(ContactAnswered), typeof(AgentStateChanged)], events.Select(e => e.GetType()));
        Assert.All(events.OfType<ContactEvent>(), e => Assert.Equal("c-1", e.ContactId));
    }

    [Fact]
    public void An_outbound_call_keeps_the_agent_on_contact_but_no_queue_counts_it()
    {
        _mapper.Map(_agent.Login(0, Status("Outbound calls", "CUSTOM")));

        var talking = _mapper.Map(_agent.Change(20, Status("Outbound calls", "CUSTOM"),
            Contact("c-out", "CONNECTED", 20, connectedAt: 20, initiation: "OUTBOUND")));
        var wrapping = _mapper.Map(_agent.Change(80, Status("Outbound calls", "CUSTOM"),
            Contact("c-out", "ENDED", 80, connectedAt: 20, initiation: "OUTBOUND")));
        var done = _mapper.Map(_agent.Change(90, Status("Outbound calls", "CUSTOM")));

        Assert.Equal(["on_contact"], States(talking));
        Assert.Equal(["acw"], States(wrapping));
        Assert.Equal(["not_ready:outbound calls"], States(done));
        Assert.Empty(talking.Concat(wrapping).Concat(done).OfType<ContactEvent>());
    }

    [Fact]
    public void Connect_queues_listed_by_arn_or_name_count_in_the_centres_queue()
    {
        var options = new AgentEventMapperOptions();
        options.Queues["sales"] = [QueueArn("SalesInbound")];
        options.Queues["service"] = ["Service Queue"];
        var mapper = new AgentEventMapper(options);

        var events = mapper.Map(_agent.Change(30, Available(),
            Contact("c-1", "CONNECTED", 20, queuedAt: 10, connectedAt: 20, queue: "SalesInbound"),
            Contact("c-2", "CONNECTED", 25, queuedAt: 12, connectedAt: 25, queue: "Service Queue", channel: "CHAT"),
            Contact("c-3", "CONNECTED", 28, queuedAt: 15, connectedAt: 28, queue: "billing", channel: "CHAT")));

        var queued = events.OfType<ContactQueued>().ToList();
        Assert.Equal([("c-1", "sales", ContactChannel.Voice), ("c-2", "service", ContactChannel.Chat), ("c-3", "billing", ContactChannel.Chat)],
            queued.Select(q => (q.ContactId, q.QueueId, q.Channel)));
    }

    [Fact]
    public void A_contact_in_an_agents_own_queue_counts_in_no_queue_unless_listed()
    {
        var record = _agent.Change(30, Available(), Contact("c-1", "CONNECTED", 20, queuedAt: 10, connectedAt: 20, initiation: "TRANSFER"));
        record["CurrentAgentSnapshot"]!["Contacts"]![0]!["Queue"] = new JsonObject { ["ARN"] = $"{Instance}/queue/agent/jdoe-0000-1111", ["Name"] = null };

        var events = _mapper.Map(record);

        Assert.Equal(["on_contact"], States(events));
        Assert.Empty(events.OfType<ContactEvent>());
    }

    [Fact]
    public void A_contact_gone_from_the_snapshot_while_connected_ended_at_that_record()
    {
        _mapper.Map(_agent.Login(0, Available()));
        _mapper.Map(_agent.Change(20, Available(), Contact("chat-1", "CONNECTED", 20, queuedAt: 8, connectedAt: 20, channel: "CHAT")));

        var events = _mapper.Map(_agent.Change(95, Available()));

        var ended = Assert.IsType<ContactEnded>(events[0]);
        Assert.Equal(("chat-1", At(95)), (ended.ContactId, ended.At));
        Assert.Equal(["available"], States(events));
    }

    [Fact]
    public void A_call_put_on_hold_ends_with_the_seconds_it_spent_on_hold()
    {
        _mapper.Map(_agent.Login(0, Available()));
        _mapper.Map(_agent.Change(14, Available(), Contact("c-1", "CONNECTED", 14, queuedAt: 2, connectedAt: 14)));
        var hold = _mapper.Map(_agent.Change(30, Available(), Contact("c-1", "CONNECTED_ONHOLD", 14, queuedAt: 2, connectedAt: 14)));
        _mapper.Map(_agent.Change(42, Available(), Contact("c-1", "CONNECTED", 14, queuedAt: 2, connectedAt: 14)));
        _mapper.Map(_agent.Change(60, Available(), Contact("c-1", "CONNECTED_ONHOLD", 14, queuedAt: 2, connectedAt: 14)));

        var ended = _mapper.Map(_agent.Change(65, Available(), Contact("c-1", "ENDED", 65, queuedAt: 2, connectedAt: 14)));

        Assert.Empty(hold); // still on contact
        Assert.Equal(17, Assert.IsType<ContactEnded>(ended[0]).HoldSeconds);
    }

    [Fact]
    public void A_contact_logged_out_of_ends_with_the_logout()
    {
        _mapper.Map(_agent.Login(0, Available()));
        _mapper.Map(_agent.Change(14, Available(), Contact("c-1", "CONNECTED", 14, queuedAt: 2, connectedAt: 14)));

        var events = _mapper.Map(_agent.Logout(40));

        Assert.Equal([typeof(ContactEnded), typeof(AgentStateChanged)], events.Select(e => e.GetType()));
        Assert.Equal(["logged_out"], States(events));
    }

    [Fact]
    public void A_queued_callback_answered_is_a_callback_contact()
    {
        var events = _mapper.Map(_agent.Change(40, Available(),
            Contact("cb-1", "CONNECTED", 40, queuedAt: 1, connectedAt: 40, initiation: "CALLBACK")));

        Assert.Equal(ContactChannel.Callback, events.OfType<ContactQueued>().Single().Channel);
    }

    [Fact]
    public void Invalid_options_are_refused_naming_each_key()
    {
        var options = new AgentEventMapperOptions();
        options.StatusStates["Lunch"] = "eating";
        options.Queues["sales"] = ["Sales"];
        options.Queues["service"] = ["sales", ""];

        var errors = options.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("AmazonConnect:StatusStates:Lunch", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AmazonConnect:Queues:service:0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AmazonConnect:Queues:service:1", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new AgentEventMapper(options));
    }
}

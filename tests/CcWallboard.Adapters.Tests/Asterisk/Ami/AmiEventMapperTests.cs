using CcWallboard.Adapters.Asterisk.Ami;
using CcWallboard.Core.Events;

namespace CcWallboard.Adapters.Tests.Asterisk.Ami;

public sealed class AmiEventMapperTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private readonly AmiEventMapper _mapper = new(TimeZoneInfo.Utc);

    [Fact]
    public void Caller_join_is_queued_at_its_timestamp()
    {
        var e = Assert.IsType<ContactQueued>(Assert.Single(Map(Join("c1", 0)).Events));

        Assert.Equal(("c1", "sales", T0, ContactChannel.Voice), (e.ContactId, e.QueueId, e.At, e.Channel));
        Assert.Equal("ami-c1-QueueCallerJoin-1700000000.000000-sales-NONE/queued", e.Id);
    }

    [Fact]
    public void An_event_without_timestamp_takes_the_time_it_was_received()
    {
        var received = T0.AddSeconds(5.25);

        var e = Assert.Single(_mapper.Map(AmiMessage.Of(("Event", "QueueCallerJoin"), ("Uniqueid", "c1"), ("Queue", "sales")), received).Events);

        Assert.Equal(received, e.At);
        Assert.Equal("ami-c1-QueueCallerJoin-1700000005.250000-sales-NONE/queued", e.Id);
    }

    [Fact]
    public void Timestamp_keeps_its_microseconds_and_the_configured_zone_gives_the_offset()
    {
        var mapper = new AmiEventMapper(TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem"));

        var e = Assert.Single(mapper.Map(Join("c1", 0, "1700000000.123456"), T0).Events);

        Assert.Equal(T0.AddTicks(1_234_560), e.At);
        Assert.Equal(TimeSpan.FromHours(2), e.At.Offset);
    }

    [Fact]
    public void Leave_then_agent_connect_is_an_answer_not_an_abandon()
    {
        Map(Join("c1", 0));
        var leave = Map(Leave("c1", 4));
        var connect = Map(Connect("c1", "Agent01", 4));

        Assert.Empty(leave.Events);
        Assert.False(leave.Malformed);
        Assert.Collection(connect.Events,
            e => Assert.Equal(("c1", "Agent01", T0.AddSeconds(4)), (((ContactAnswered)e).ContactId, ((ContactAnswered)e).AgentId, e.At)),
            e => Assert.Equal(AgentState.OnContact, ((AgentStateChanged)e).State));
        Assert.Empty(Map(Join("c2", 30)).Events.OfType<ContactAbandoned>());
    }

    [Fact]
    public void Leave_with_no_reason_within_the_grace_counts_as_abandoned_when_the_caller_left()
    {
        Map(Join("c1", 0));
        Map(Leave("c1", 10));

        Assert.Empty(Map(Join("c2", 11)).Events.OfType<ContactAbandoned>());
        var later = Map(Join("c3", 12));

        var abandoned = Assert.IsType<ContactAbandoned>(later.Events[0]);
        Assert.Equal(("c1", T0.AddSeconds(10)), (abandoned.ContactId, abandoned.At));
        Assert.Equal("ami-c1-QueueCallerLeave-1700000010.000000-sales-NONE/abandoned", abandoned.Id);
        Assert.IsType<ContactQueued>(later.Events[1]);
        Assert.Equal(2, _mapper.WaitingCallers);
    }

    [Fact]
    public void Leave_with_no_reason_on_a_quiet_connection_is_settled_by_the_receipt_clock()
    {
        _mapper.Map(Join("c1", 0), T0);
        _mapper.Map(Leave("c1", 10), T0.AddSeconds(10));

        Assert.Equal(T0.AddSeconds(12), _mapper.NextLeaveDeadline);
        Assert.Empty(_mapper.ExpireLeaves(T0.AddSeconds(11.9)));
        var abandoned = Assert.IsType<ContactAbandoned>(Assert.Single(_mapper.ExpireLeaves(T0.AddSeconds(12))));
        Assert.Equal(T0.AddSeconds(10), abandoned.At);
        Assert.Null(_mapper.NextLeaveDeadline);
    }

    [Fact]
    public void A_caller_who_left_without_a_reason_and_joins_again_at_once_is_abandoned_then_queued_again()
    {
        Map(Join("c1", 0));
        Map(Leave("c1", 30));

        var again = Map(Join("c1", 30));

        Assert.Equal([EventTypes.ContactAbandoned, EventTypes.ContactQueued], again.Events.Select(e => e.Type));
        Assert.Equal(T0.AddSeconds(30), again.Events[0].At);
        Assert.Equal(1, _mapper.WaitingCallers);
        Assert.Null(_mapper.NextLeaveDeadline);
    }

    [Fact]
    public void Caller_abandon_is_abandoned_and_its_leave_changes_nothing()
    {
        Map(Join("c1", 0));

        var e = Assert.IsType<ContactAbandoned>(Assert.Single(Map(Event("QueueCallerAbandon", 8, ("Uniqueid", "c1"), ("Queue", "sales"), ("HoldTime", "8"))).Events));
        Assert.Equal(T0.AddSeconds(8), e.At);
        Assert.Empty(Map(Leave("c1", 8)).Events);
        Assert.Empty(Map(Join("c2", 60)).Events.OfType<ContactAbandoned>());
    }

    [Fact]
    public void Agent_complete_ends_the_call_and_frees_the_agent()
    {
        Map(Join("c1", 0));
        Map(Connect("c1", "Agent01", 3));

        var complete = Map(Complete("c1", "Agent01", 60));

        Assert.Collection(complete.Events,
            e => Assert.Equal(("c1", "Agent01", T0.AddSeconds(60)), (((ContactEnded)e).ContactId, ((ContactEnded)e).AgentId, e.At)),
            e => Assert.Equal(AgentState.Available, ((AgentStateChanged)e).State));
        Assert.Null(((ContactEnded)complete.Events[0]).HoldSeconds);
    }

    [Fact]
    public void Agent_complete_without_uniqueid_ends_the_call_the_agent_is_on()
    {
        Map(Join("c1", 0));
        Map(Connect("c1", "Agent01", 3));

        var complete = Map(Event("AgentComplete", 60, ("Queue", "sales"), ("MemberName", "Agent01"), ("TalkTime", "57")));

        var ended = Assert.IsType<ContactEnded>(complete.Events[0]);
        Assert.Equal("c1", ended.ContactId);
        Assert.Equal("ami-c1-AgentComplete-1700000060.000000-sales-Agent01/ended", ended.Id);
    }

    [Fact]
    public void Agent_complete_without_uniqueid_for_an_agent_on_no_known_call_frees_the_agent_without_an_end()
    {
        var complete = Map(Event("AgentComplete", 60, ("Queue", "sales"), ("MemberName", "Agent01")));

        var state = Assert.IsType<AgentStateChanged>(Assert.Single(complete.Events));
        Assert.Equal(AgentState.Available, state.State);
        Assert.False(complete.Malformed);
    }

    [Fact]
    public void Pause_with_a_reason_is_not_ready_with_that_reason_and_unpause_is_available()
    {
        var paused = Assert.IsType<AgentStateChanged>(Assert.Single(Map(Pause("Agent01", true, "lunch", 0)).Events));
        var unpaused = Assert.IsType<AgentStateChanged>(Assert.Single(Map(Pause("Agent01", false, "", 60)).Events));

        Assert.Equal((AgentState.NotReady, "lunch"), (paused.State, paused.Reason));
        Assert.Equal((AgentState.Available, (string?)null), (unpaused.State, unpaused.Reason));
    }

    [Fact]
    public void Pause_without_a_reason_keeps_the_reason_known_and_a_repeat_gives_nothing()
    {
        Map(Pause("Agent01", true, "break", 0));

        var again = Map(Pause("Agent01", true, "", 1));

        Assert.Empty(again.Events);
        Assert.Equal("QueueMemberPause: Agent01 stays not_ready", again.Reason);
        Assert.Equal((AgentState.NotReady, "break"), _mapper.StateOf("Agent01"));
    }

    [Fact]
    public void Older_asterisk_pause_reason_in_the_reason_field_is_read_too()
    {
        var paused = Map(Event("QueueMemberPause", 0, ("Queue", "sales"), ("MemberName", "Agent01"), ("Paused", "1"), ("Reason", "training")));

        Assert.Equal("training", ((AgentStateChanged)Assert.Single(paused.Events)).Reason);
    }

    [Fact]
    public void Pause_during_a_call_shows_when_the_call_ends()
    {
        Map(Join("c1", 0));
        Map(Connect("c1", "Agent01", 1));

        Assert.Empty(Map(Pause("Agent01", true, "meeting", 5)).Events);
        var end = Map(Complete("c1", "Agent01", 30));

        var state = Assert.IsType<AgentStateChanged>(end.Events[1]);
        Assert.Equal((AgentState.NotReady, "meeting"), (state.State, state.Reason));
    }

    [Fact]
    public void Member_status_with_an_unavailable_device_logs_the_agent_out_until_it_is_reachable_again()
    {
        Map(Status("Agent01", device: 1, 0));

        var unavailable = Assert.IsType<AgentStateChanged>(Assert.Single(Map(Status("Agent01", device: 5, 10)).Events));
        Assert.Empty(Map(Status("Agent01", device: 4, 11)).Events);
        var back = Assert.IsType<AgentStateChanged>(Assert.Single(Map(Status("Agent01", device: 1, 20)).Events));

        Assert.Equal(AgentState.LoggedOut, unavailable.State);
        Assert.Equal(AgentState.Available, back.State);
    }

    [Fact]
    public void Member_status_of_a_busy_or_ringing_device_changes_no_state()
    {
        Map(Status("Agent01", device: 1, 0));

        Assert.Empty(Map(Status("Agent01", device: 2, 1)).Events);
        Assert.Empty(Map(Status("Agent01", device: 6, 2)).Events);
        Assert.Equal((AgentState.Available, (string?)null), _mapper.StateOf("Agent01"));
    }

    [Fact]
    public void Member_status_carries_the_pause_as_asterisk_22_reports_it()
    {
        var state = Assert.IsType<AgentStateChanged>(Assert.Single(Map(Status("Agent01", device: 1, 0, paused: true, reason: "personal")).Events));

        Assert.Equal((AgentState.NotReady, "personal"), (state.State, state.Reason));
    }

    [Fact]
    public void Member_added_logs_in_and_removed_from_its_last_queue_logs_out()
    {
        var added = Map(Event("QueueMemberAdded", 0, ("Queue", "sales"), ("MemberName", "Agent01"), ("Status", "1"), ("Paused", "0")));
        Map(Event("QueueMemberAdded", 1, ("Queue", "support"), ("MemberName", "Agent01"), ("Status", "1"), ("Paused", "0")));
        var removedOnce = Map(Event("QueueMemberRemoved", 2, ("Queue", "sales"), ("MemberName", "Agent01")));
        var removedTwice = Map(Event("QueueMemberRemoved", 3, ("Queue", "support"), ("MemberName", "Agent01")));

        Assert.Equal(AgentState.Available, ((AgentStateChanged)Assert.Single(added.Events)).State);
        Assert.Empty(removedOnce.Events);
        Assert.Equal(AgentState.LoggedOut, ((AgentStateChanged)Assert.Single(removedTwice.Events)).State);
    }

    [Fact]
    public void A_member_removed_during_a_call_stays_on_it_until_it_ends()
    {
        Map(Join("c1", 0));
        Map(Connect("c1", "Agent01", 1));

        Assert.Empty(Map(Event("QueueMemberRemoved", 5, ("Queue", "sales"), ("MemberName", "Agent01"))).Events);
        var end = Map(Complete("c1", "Agent01", 30));

        Assert.Equal(AgentState.LoggedOut, ((AgentStateChanged)end.Events[1]).State);
    }

    [Fact]
    public void A_missed_ring_only_states_an_agent_never_heard_of()
    {
        var first = Map(Event("AgentRingNoAnswer", 0, ("Queue", "sales"), ("MemberName", "Agent01"), ("RingTime", "15")));
        var second = Map(Event("AgentRingNoAnswer", 30, ("Queue", "sales"), ("MemberName", "Agent01"), ("RingTime", "15")));

        Assert.Equal(AgentState.Available, ((AgentStateChanged)Assert.Single(first.Events)).State);
        Assert.Empty(second.Events);
    }

    [Theory]
    [InlineData("QueueCallerJoin", "Queue", "needs a Uniqueid and a queue")]
    [InlineData("QueueCallerJoin", "Uniqueid", "needs a Uniqueid and a queue")]
    [InlineData("QueueCallerAbandon", "Uniqueid", "needs a Uniqueid and a queue")]
    [InlineData("AgentConnect", "MemberName", "needs a Uniqueid, a queue and a member")]
    [InlineData("AgentComplete", "Queue", "needs a queue and a member")]
    [InlineData("QueueMemberPause", "MemberName", "needs a member")]
    [InlineData("QueueMemberPause", "Paused", "needs Paused 1 or 0")]
    public void Event_without_what_it_needs_is_rejected(string eventName, string missing, string reason)
    {
        var fields = new List<(string, string)> { ("Uniqueid", "c1"), ("Queue", "sales"), ("MemberName", "Agent01"), ("Paused", "1") };
        fields.RemoveAll(f => f.Item1 == missing);

        var mapping = Map(Event(eventName, 0, [.. fields]));

        Assert.True(mapping.Malformed);
        Assert.Empty(mapping.Events);
        Assert.Contains(reason, mapping.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-1700000000")]
    [InlineData("1.7e9")]
    [InlineData("99999999999999")]
    public void Event_with_an_unreadable_timestamp_is_rejected(string timestamp)
    {
        var mapping = _mapper.Map(Join("c1", 0, timestamp), T0);

        Assert.True(mapping.Malformed);
        Assert.StartsWith("Timestamp", mapping.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Event: AgentCalled")]
    [InlineData("Event: FullyBooted")]
    [InlineData("Event: Newchannel")]
    [InlineData("Response: Success")]
    public void Other_events_and_responses_are_skipped_not_malformed(string first)
    {
        Assert.True(AmiMessage.TryParse([first, "Queue: sales", "MemberName: Agent01"], out var message, out _));

        var mapping = _mapper.Map(message, T0);

        Assert.Empty(mapping.Events);
        Assert.False(mapping.Malformed);
        Assert.NotNull(mapping.Reason);
    }

    [Fact]
    public void Identical_events_at_the_same_time_get_numbered_ids()
    {
        var first = Assert.Single(Map(Join("c1", 0)).Events);
        var second = Assert.Single(Map(Join("c1", 0)).Events);

        Assert.Equal("ami-c1-QueueCallerJoin-1700000000.000000-sales-NONE/queued", first.Id);
        Assert.Equal("ami-c1-QueueCallerJoin-1700000000.000000-sales-NONE~2/queued", second.Id);
    }

    [Fact]
    public void Resync_emits_nothing_when_the_answer_matches_what_the_mapper_believes()
    {
        Map(Status("Agent01", device: 1, 0));
        Map(Join("c1", 1));
        var mark = _mapper.BeginResynchronisation();

        var resync = _mapper.Resynchronise(Answer(Member("Agent01"), Entry("c1", wait: 9)), T0.AddSeconds(10), mark);

        Assert.Empty(resync.Events);
        Assert.Equal("QueueStatus: in step with the queues", resync.Reason);
    }

    [Fact]
    public void Resync_gives_each_member_whose_state_differs_its_state_at_now()
    {
        Map(Status("Agent01", device: 1, 0));
        Map(Status("Agent02", device: 1, 0));
        Map(Status("Agent03", device: 1, 0));
        Map(Status("Agent04", device: 1, 0));
        var now = T0.AddMinutes(5);

        var resync = _mapper.Resynchronise(Answer(
            Member("Agent01", paused: true, reason: "lunch"),
            Member("Agent02", inCall: true, device: 2),
            Member("Agent03", device: 5),
            Member("Agent04")), now, _mapper.BeginResynchronisation());

        Assert.Equal(["Agent01 not_ready:lunch", "Agent02 on_contact", "Agent03 logged_out"],
            resync.Events.Cast<AgentStateChanged>().Select(s => $"{s.AgentId} {WireNames.Of(s.State)}{(s.Reason is null ? "" : ":" + s.Reason)}"));
        Assert.All(resync.Events, e => Assert.Equal(now, e.At));
        Assert.Equal("ami-NONE-QueueStatus-1700000300.000000-NONE-Agent01/state", resync.Events[0].Id);
    }

    [Fact]
    public void Resync_treats_a_caller_believed_waiting_but_not_in_the_queue_as_abandoned_now()
    {
        Map(Join("c1", 0));
        Map(Join("c2", 1));
        var now = T0.AddSeconds(40);

        var resync = _mapper.Resynchronise(Answer(Entry("c2", wait: 39)), now, _mapper.BeginResynchronisation());

        var gone = Assert.IsType<ContactAbandoned>(Assert.Single(resync.Events));
        Assert.Equal(("c1", now), (gone.ContactId, gone.At));
        Assert.Equal(1, _mapper.WaitingCallers);
    }

    [Fact]
    public void Resync_queues_a_waiting_caller_it_did_not_know_at_now_minus_its_wait()
    {
        var now = T0.AddSeconds(40);

        var resync = _mapper.Resynchronise(Answer(Entry("c9", wait: 25)), now, _mapper.BeginResynchronisation());

        var found = Assert.IsType<ContactQueued>(Assert.Single(resync.Events));
        Assert.Equal(("c9", "sales", T0.AddSeconds(15)), (found.ContactId, found.QueueId, found.At));
        var answered = Map(Connect("c9", "Agent01", 41)).Events.OfType<ContactAnswered>().Single();
        Assert.Equal(TimeSpan.FromSeconds(26), answered.At - found.At);
    }

    [Fact]
    public void Resync_logs_out_a_known_agent_no_longer_a_member_of_any_queue()
    {
        Map(Status("Agent01", device: 1, 0));

        var resync = _mapper.Resynchronise(Answer(Member("Agent02")), T0.AddSeconds(10), _mapper.BeginResynchronisation());

        Assert.Contains(resync.Events.Cast<AgentStateChanged>(), s => s.AgentId == "Agent01" && s.State == AgentState.LoggedOut);
    }

    [Fact]
    public void Resync_frees_an_agent_whose_call_ended_while_disconnected_without_inventing_its_end()
    {
        Map(Join("c1", 0));
        Map(Connect("c1", "Agent01", 1));

        var resync = _mapper.Resynchronise(Answer(Member("Agent01")), T0.AddSeconds(300), _mapper.BeginResynchronisation());

        var state = Assert.IsType<AgentStateChanged>(Assert.Single(resync.Events));
        Assert.Equal(AgentState.Available, state.State);
    }

    [Fact]
    public void After_resync_an_agent_on_an_unknown_call_is_freed_by_its_next_agent_complete_whatever_the_call()
    {
        Map(Join("c1", 0));
        Map(Connect("c1", "Agent01", 1));
        _mapper.Resynchronise(Answer(Member("Agent01", inCall: true, device: 2)), T0.AddSeconds(300), _mapper.BeginResynchronisation());

        var complete = Map(Complete("c7", "Agent01", 320));

        Assert.Equal("c7", ((ContactEnded)complete.Events[0]).ContactId);
        Assert.Equal(AgentState.Available, ((AgentStateChanged)complete.Events[1]).State);
    }

    [Fact]
    public void Resync_leaves_callers_and_agents_that_events_received_since_the_action_speak_of()
    {
        Map(Status("Agent01", device: 1, 0));
        var mark = _mapper.BeginResynchronisation();
        Map(Join("c5", 2)); // raised after the answer was written: not in it
        Map(Pause("Agent01", true, "break", 2));

        var resync = _mapper.Resynchronise(Answer(Member("Agent01")), T0.AddSeconds(3), mark);

        Assert.Empty(resync.Events);
        Assert.Equal(1, _mapper.WaitingCallers);
        Assert.Equal((AgentState.NotReady, "break"), _mapper.StateOf("Agent01"));
    }

    [Fact]
    public void Resync_takes_a_member_paused_in_only_one_of_its_queues_as_available()
    {
        var status = new AmiQueueStatus();
        status.Add(Member("Agent01", paused: true, reason: "break"));
        status.Add(Member("Agent01", queue: "support"));

        var resync = _mapper.Resynchronise(status, T0, _mapper.BeginResynchronisation());

        Assert.Equal(AgentState.Available, ((AgentStateChanged)Assert.Single(resync.Events)).State);
    }

    [Fact]
    public void Queue_status_answer_skips_members_and_entries_that_lack_a_name_or_uniqueid()
    {
        var status = new AmiQueueStatus();

        Assert.True(status.Add(AmiMessage.Of(("Event", "QueueMember"), ("Queue", "sales"))));
        Assert.True(status.Add(AmiMessage.Of(("Event", "QueueEntry"), ("Queue", "sales"), ("Wait", "3"))));
        Assert.False(status.Add(AmiMessage.Of(("Event", "QueueCallerJoin"), ("Queue", "sales"))));

        Assert.Equal(2, status.Unusable);
        Assert.Empty(status.Members);
        Assert.Empty(status.Entries);
    }

    private AmiMapping Map(AmiMessage message) => _mapper.Map(message, T0);

    private static AmiMessage Event(string name, double seconds, params (string Key, string Value)[] fields) =>
        AmiMessage.Of([("Event", name), ("Privilege", "agent,all"), ("Timestamp", Epoch(seconds)), .. fields]);

    private static string Epoch(double seconds) => FormattableString.Invariant($"{1_700_000_000 + seconds:0.000000}");

    private static AmiMessage Join(string callId, double seconds, string? timestamp = null) =>
        AmiMessage.Of(("Event", "QueueCallerJoin"), ("Privilege", "agent,all"), ("Timestamp", timestamp ?? Epoch(seconds)),
            ("Uniqueid", callId), ("Queue", "sales"), ("Position", "1"), ("Count", "1"));

    private static AmiMessage Leave(string callId, double seconds) =>
        Event("QueueCallerLeave", seconds, ("Uniqueid", callId), ("Queue", "sales"), ("Position", "1"), ("Count", "0"));

    private static AmiMessage Connect(string callId, string member, double seconds) =>
        Event("AgentConnect", seconds, ("Uniqueid", callId), ("Queue", "sales"), ("MemberName", member), ("Interface", $"PJSIP/{member}"), ("HoldTime", "0"), ("RingTime", "1"));

    private static AmiMessage Complete(string callId, string member, double seconds) =>
        Event("AgentComplete", seconds, ("Uniqueid", callId), ("Queue", "sales"), ("MemberName", member), ("HoldTime", "0"), ("TalkTime", "10"), ("Reason", "agent"));

    private static AmiMessage Pause(string member, bool paused, string reason, double seconds) =>
        Event("QueueMemberPause", seconds, ("Queue", "sales"), ("MemberName", member), ("Interface", $"PJSIP/{member}"), ("Status", "1"),
            ("Paused", paused ? "1" : "0"), ("PausedReason", reason), ("InCall", "0"));

    private static AmiMessage Status(string member, int device, double seconds, bool paused = false, string reason = "") =>
        Event("QueueMemberStatus", seconds, ("Queue", "sales"), ("MemberName", member), ("Interface", $"PJSIP/{member}"),
            ("Status", device.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Paused", paused ? "1" : "0"), ("PausedReason", reason), ("InCall", "0"));

    private static AmiMessage Member(string name, bool paused = false, string reason = "", bool inCall = false, int device = 1, string queue = "sales") =>
        AmiMessage.Of(("Event", "QueueMember"), ("Queue", queue), ("Name", name), ("Location", $"PJSIP/{name}"), ("Status", device.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Paused", paused ? "1" : "0"), ("PausedReason", reason), ("InCall", inCall ? "1" : "0"), ("ActionID", "a"));

    private static AmiMessage Entry(string callId, int wait) =>
        AmiMessage.Of(("Event", "QueueEntry"), ("Queue", "sales"), ("Position", "1"), ("Uniqueid", callId), ("Wait", wait.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("ActionID", "a"));

    private static AmiQueueStatus Answer(params AmiMessage[] messages)
    {
        var status = new AmiQueueStatus();
        status.Add(AmiMessage.Of(("Event", "QueueParams"), ("Queue", "sales"), ("ActionID", "a")));
        foreach (var message in messages)
        {
            status.Add(message);
        }
        return status;
    }
}

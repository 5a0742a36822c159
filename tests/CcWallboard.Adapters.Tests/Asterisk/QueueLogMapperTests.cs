using CcWallboard.Adapters.Asterisk;
using CcWallboard.Core.Events;

namespace CcWallboard.Adapters.Tests.Asterisk;

/// <summary>
/// Lines written from Asterisk's documented queue_log formats (docs.asterisk.org, "Queue Logs"): CONNECT(holdtime|
/// bridgedchanneluniqueid|ringtime), COMPLETE*(holdtime|calltime|origposition), TRANSFER(extension|context|holdtime|
/// calltime|origposition), BLINDTRANSFER likewise, ATTENDEDTRANSFER(method|method-data|holdtime|calltime|origposition),
/// EXITWITHTIMEOUT/EXITEMPTY(position|origposition|waittime), EXITWITHKEY(key|position|origposition|waittime),
/// RINGNOANSWER(ringtime ms), PAUSE/UNPAUSE(reason), PAUSEALL/UNPAUSEALL.
/// </summary>
public sealed class QueueLogMapperTests
{
    private const string Entered = "1700000000|1700000000.1|support|NONE|ENTERQUEUE||5551234|1\n";
    private const string Connected = "1700000004|1700000000.1|support|PJSIP/201|CONNECT|4|1700000004.2|3\n";

    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void Enterqueue_is_a_voice_contact_queued_in_its_queue_at_the_line_time()
    {
        var queued = Assert.IsType<ContactQueued>(Assert.Single(QueueLog.Events(Entered)));

        Assert.Equal("1700000000.1", queued.ContactId);
        Assert.Equal("support", queued.QueueId);
        Assert.Equal(ContactChannel.Voice, queued.Channel);
        Assert.Equal(Start, queued.At);
    }

    [Fact]
    public void Connect_is_answered_by_the_agent_of_the_line_who_goes_on_contact()
    {
        var events = QueueLog.Events(Entered + Connected);

        var answered = Assert.IsType<ContactAnswered>(events[1]);
        Assert.Equal("PJSIP/201", answered.AgentId);
        Assert.Equal(TimeSpan.FromSeconds(4), answered.At - events[0].At);
        var state = Assert.IsType<AgentStateChanged>(events[2]);
        Assert.Equal(("PJSIP/201", AgentState.OnContact, answered.At), (state.AgentId, state.State, state.At));
    }

    [Theory]
    [InlineData("COMPLETEAGENT|4|60|1")]
    [InlineData("COMPLETECALLER|4|60|1")]
    [InlineData("TRANSFER|300|from-internal|4|60|1")]
    [InlineData("BLINDTRANSFER|300|from-internal|4|60|1")]
    [InlineData("ATTENDEDTRANSFER|BRIDGE|1700000030.5|4|60|1")]
    public void A_completed_or_transferred_call_ends_by_its_agent_after_its_talk_and_frees_the_agent(string eventAndData)
    {
        var events = QueueLog.Events(Entered + Connected + $"1700000064|1700000000.1|support|PJSIP/201|{eventAndData}\n");

        var answered = events.OfType<ContactAnswered>().Single();
        var ended = events.OfType<ContactEnded>().Single();
        Assert.Equal(("1700000000.1", "support", "PJSIP/201"), (ended.ContactId, ended.QueueId, ended.AgentId));
        Assert.Equal(TimeSpan.FromSeconds(60), ended.At - answered.At);
        Assert.Null(ended.HoldSeconds);
        Assert.Equal(["on_contact", "available"], QueueLog.StatesOf(events, "PJSIP/201"));
        Assert.Empty(events.OfType<ContactTransferred>());
    }

    [Theory]
    [InlineData("ABANDON|2|3|40")]
    [InlineData("EXITWITHTIMEOUT|1|3|40")]
    [InlineData("EXITWITHKEY|5|1|3|40")]
    [InlineData("EXITEMPTY|1|3|40")]
    public void A_call_that_leaves_the_queue_unanswered_is_abandoned_there(string eventAndData)
    {
        var events = QueueLog.Events(Entered + $"1700000040|1700000000.1|support|NONE|{eventAndData}\n");

        var abandoned = Assert.IsType<ContactAbandoned>(events[1]);
        Assert.Equal(("1700000000.1", "support"), (abandoned.ContactId, abandoned.QueueId));
        Assert.Equal(TimeSpan.FromSeconds(40), abandoned.At - events[0].At);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public void A_timeout_that_the_dialplan_sends_to_another_queue_is_an_abandon_in_the_first_and_an_arrival_in_the_second()
    {
        var events = QueueLog.Events(
            Entered +
            "1700000300|1700000000.1|support|NONE|EXITWITHTIMEOUT|1|1|300\n" +
            "1700000300|1700000000.1|overflow|NONE|ENTERQUEUE||5551234|1\n" +
            "1700000305|1700000000.1|overflow|PJSIP/301|CONNECT|5|1700000300.9|2\n");

        var (result, _) = QueueLog.Replay(events, QueueLog.Queue("support"), QueueLog.Queue("overflow"));

        var support = result.Queues["support"].Today;
        var overflow = result.Queues["overflow"].Today;
        Assert.Equal((1, 0, 1), (support.Offered, support.Answered, support.Abandoned));
        Assert.Equal((1, 1, 0), (overflow.Offered, overflow.Answered, overflow.Abandoned));
        Assert.Equal(5.0, overflow.AsaSeconds);
    }

    [Fact]
    public void Pauses_carry_their_reason_and_unpause_makes_the_agent_available()
    {
        var events = QueueLog.Events(
            "1700000000|NONE|support|PJSIP/201|ADDMEMBER|\n" +
            "1700000100|NONE|support|PJSIP/201|PAUSE|Lunch\n" +
            "1700003700|NONE|support|PJSIP/201|UNPAUSE|\n" +
            "1700003800|NONE|support|PJSIP/201|PAUSE|\n");

        Assert.Equal(["available", "not_ready:Lunch", "available", "not_ready"], QueueLog.StatesOf(events, "PJSIP/201"));
        Assert.Equal(Start.AddSeconds(100), events[1].At);
    }

    [Fact]
    public void Pauseall_with_its_per_queue_pause_lines_gives_one_state_with_the_reason_whatever_their_order()
    {
        var allFirst = QueueLog.Events(
            "1700000000|NONE|NONE|PJSIP/201|PAUSEALL|\n" +
            "1700000000|NONE|support|PJSIP/201|PAUSE|break\n" +
            "1700000000|NONE|sales|PJSIP/201|PAUSE|break\n" +
            "1700000900|NONE|NONE|PJSIP/201|UNPAUSEALL|\n" +
            "1700000900|NONE|support|PJSIP/201|UNPAUSE|\n" +
            "1700000900|NONE|sales|PJSIP/201|UNPAUSE|\n");
        var allLast = QueueLog.Events(
            "1700000000|NONE|support|PJSIP/201|PAUSE|break\n" +
            "1700000000|NONE|sales|PJSIP/201|PAUSE|break\n" +
            "1700000000|NONE|NONE|PJSIP/201|PAUSEALL|\n");

        Assert.Equal(["not_ready", "not_ready:break", "available"], QueueLog.StatesOf(allFirst, "PJSIP/201"));
        Assert.Equal(["not_ready:break"], QueueLog.StatesOf(allLast, "PJSIP/201"));
    }

    [Fact]
    public void A_pause_taken_during_a_call_shows_when_the_call_ends()
    {
        var mapped = QueueLog.MapLines(
            Entered + Connected +
            "1700000030|NONE|support|PJSIP/201|PAUSE|meeting\n" +
            "1700000064|1700000000.1|support|PJSIP/201|COMPLETECALLER|4|60|1\n");

        var pause = mapped[2].Mapping;
        Assert.Empty(pause.Events);
        Assert.False(pause.Malformed);
        Assert.Equal("PAUSE: PJSIP/201 stays on_contact", pause.Reason);
        var states = mapped[3].Mapping.Events.OfType<AgentStateChanged>().Single();
        Assert.Equal((AgentState.NotReady, "meeting"), (states.State, states.Reason));
    }

    [Fact]
    public void Ringnoanswer_gives_no_contact_outcome_and_leaves_a_free_agent_available()
    {
        var mapped = QueueLog.MapLines(
            Entered +
            "1700000015|1700000000.1|support|PJSIP/202|RINGNOANSWER|15000\n" +
            "1700000030|1700000000.1|support|PJSIP/202|RINGNOANSWER|15000\n");

        var first = Assert.IsType<AgentStateChanged>(Assert.Single(mapped[1].Mapping.Events));
        Assert.Equal(("PJSIP/202", AgentState.Available), (first.AgentId, first.State));
        Assert.Empty(mapped[2].Mapping.Events);
        Assert.Equal("RINGNOANSWER: PJSIP/202 stays available", mapped[2].Mapping.Reason);
        Assert.DoesNotContain(mapped.SelectMany(m => m.Mapping.Events), e => e is ContactAnswered or ContactAbandoned or ContactEnded);
    }

    [Fact]
    public void Ringnoanswer_for_an_agent_on_another_call_leaves_it_on_contact()
    {
        var mapped = QueueLog.MapLines(
            Entered + Connected +
            "1700000020|1700000019.7|support|PJSIP/201|RINGNOANSWER|15000\n");

        Assert.Empty(mapped[2].Mapping.Events);
        Assert.Equal("RINGNOANSWER: PJSIP/201 stays on_contact", mapped[2].Mapping.Reason);
    }

    [Fact]
    public void Members_added_to_two_queues_stay_logged_in_until_removed_from_both()
    {
        var events = QueueLog.Events(
            "1700000000|NONE|support|PJSIP/201|ADDMEMBER|\n" +
            "1700000000|NONE|sales|PJSIP/201|ADDMEMBER|\n" +
            "1700000600|NONE|support|PJSIP/201|REMOVEMEMBER|\n" +
            "1700000900|NONE|sales|PJSIP/201|REMOVEMEMBER|\n");

        Assert.Equal(["available", "logged_out"], QueueLog.StatesOf(events, "PJSIP/201"));
        Assert.Equal(Start.AddSeconds(900), events[^1].At);
    }

    [Fact]
    public void Agentlogin_and_agentlogoff_log_the_agent_in_and_out_and_a_logoff_ends_a_pause()
    {
        var events = QueueLog.Events(
            "1700000000|NONE|NONE|Agent/1001|AGENTLOGIN|PJSIP/201\n" +
            "1700000100|NONE|NONE|Agent/1001|PAUSEALL|break\n" +
            "1700000200|NONE|NONE|Agent/1001|AGENTLOGOFF|PJSIP/201|200\n" +
            "1700000300|NONE|NONE|Agent/1001|AGENTLOGIN|PJSIP/201\n");

        Assert.Equal(["available", "not_ready:break", "logged_out", "available"], QueueLog.StatesOf(events, "Agent/1001"));
    }

    [Fact]
    public void A_member_removed_during_a_call_is_logged_out_when_the_call_ends()
    {
        var events = QueueLog.Events(
            Entered + Connected +
            "1700000030|NONE|support|PJSIP/201|REMOVEMEMBER|\n" +
            "1700000064|1700000000.1|support|PJSIP/201|COMPLETEAGENT|4|60|1\n");

        Assert.Equal(["on_contact", "logged_out"], QueueLog.StatesOf(events, "PJSIP/201"));
    }

    [Fact]
    public void Queuestart_forgets_calls_in_progress_so_an_agent_is_not_left_on_contact_after_a_restart()
    {
        var events = QueueLog.Events(
            Entered + Connected +
            "1700000100|NONE|NONE|NONE|QUEUESTART|\n" +
            "1700000200|NONE|support|PJSIP/201|PAUSE|break\n");

        Assert.Equal(["on_contact", "not_ready:break"], QueueLog.StatesOf(events, "PJSIP/201"));
    }

    [Fact]
    public void An_agent_who_completes_a_call_and_connects_the_next_in_the_same_second_is_freed_then_on_contact_again()
    {
        var events = QueueLog.Events(
            Entered + Connected +
            "1700000010|1700000010.3|support|NONE|ENTERQUEUE||5559876|1\n" +
            "1700000064|1700000000.1|support|PJSIP/201|COMPLETEAGENT|4|60|1\n" +
            "1700000064|1700000010.3|support|PJSIP/201|CONNECT|54|1700000064.8|1\n");

        Assert.Equal(["contact.queued", "contact.answered", "agent.state", "contact.queued", "contact.ended", "agent.state", "contact.answered", "agent.state"],
            events.Select(e => e.Type));
        Assert.Equal(["on_contact", "available", "on_contact"], QueueLog.StatesOf(events, "PJSIP/201"));
    }

    [Fact]
    public void A_connect_for_a_call_never_seen_entering_the_queue_is_still_answered_and_the_engine_reports_it_as_an_orphan()
    {
        var events = QueueLog.Events(Connected);

        Assert.IsType<ContactAnswered>(events[0]);
        Assert.Equal(["on_contact"], QueueLog.StatesOf(events, "PJSIP/201"));
        var (result, replay) = QueueLog.Replay(events, QueueLog.Queue("support"));
        Assert.Equal(1, replay.Metrics!.Engine.Orphans);
        Assert.Equal(0, result.Queues["support"].Today.Answered);
    }

    [Fact]
    public void A_complete_for_a_call_never_seen_connected_still_ends_it_and_frees_the_agent()
    {
        var events = QueueLog.Events("1700000064|1700000000.1|support|PJSIP/201|COMPLETEAGENT|4|60|1\n");

        Assert.IsType<ContactEnded>(events[0]);
        Assert.Equal(["available"], QueueLog.StatesOf(events, "PJSIP/201"));
    }

    [Theory]
    [InlineData("1700000000|NONE|support|NONE|SOMETHINGNEW|x|y", "unknown event 'SOMETHINGNEW'; not in the event contract")]
    [InlineData("1700000000|NONE|NONE|NONE|CONFIGRELOAD|", "CONFIGRELOAD changes no contact or agent state")]
    [InlineData("1700000000|NONE|NONE|NONE|QUEUESTART|", "QUEUESTART: the queues (re)started; calls in progress are forgotten")]
    [InlineData("1700000000|1700000000.1|support|NONE|DID|5550000", "DID changes no contact or agent state")]
    [InlineData("1700000000|1700000000.1|support|NONE|JOINEMPTY|1|1|0", "JOINEMPTY changes no contact or agent state")]
    [InlineData("", "blank line")]
    public void Lines_without_a_contract_event_are_skipped_with_a_reason_and_are_not_malformed(string line, string reason)
    {
        var mapping = new QueueLogMapper(TimeZoneInfo.Utc).Map(line);

        Assert.Empty(mapping.Events);
        Assert.False(mapping.Malformed);
        Assert.Equal(reason, mapping.Reason);
    }

    [Theory]
    [InlineData("1700000000|1700000000.1|support", "expected at least 5 '|'-separated fields (epoch|callid|queue|agent|event), found 3")]
    [InlineData("yesterday|1700000000.1|support|NONE|ENTERQUEUE||5551234|1", "epoch 'yesterday' is not a number of seconds since 1970")]
    [InlineData("-1700000000|1700000000.1|support|NONE|ENTERQUEUE||5551234|1", "epoch '-1700000000' is not a number of seconds since 1970")]
    [InlineData("1700000000|1700000000.1|support|NONE||x", "the event field is empty")]
    [InlineData("1700000000|NONE|support|NONE|ENTERQUEUE||5551234|1", "ENTERQUEUE needs a call id and a queue")]
    [InlineData("1700000000|1700000000.1|NONE|NONE|ABANDON|1|1|3", "ABANDON needs a call id and a queue")]
    [InlineData("1700000004|1700000000.1|support|NONE|CONNECT|4|1700000004.2|3", "CONNECT needs a call id, a queue and an agent")]
    [InlineData("1700000004|NONE|support|NONE|PAUSE|lunch", "PAUSE needs an agent")]
    public void Malformed_lines_give_no_event_and_say_what_is_wrong(string line, string reason)
    {
        var mapping = new QueueLogMapper(TimeZoneInfo.Utc).Map(line);

        Assert.Empty(mapping.Events);
        Assert.True(mapping.Malformed);
        Assert.Equal(reason, mapping.Reason);
    }

    [Fact]
    public void A_malformed_line_does_not_disturb_the_lines_after_it()
    {
        var events = QueueLog.Events("1700000000|garbage\n" + Entered + Connected);

        Assert.Equal(["contact.queued", "contact.answered", "agent.state"], events.Select(e => e.Type));
    }

    [Fact]
    public void Event_times_carry_the_offset_of_the_given_time_zone_for_the_same_instant()
    {
        var jerusalem = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");
        var winter = QueueLog.Events(Entered, jerusalem).Single();
        var summer = QueueLog.Events("1720000000|1720000000.1|support|NONE|ENTERQUEUE||5551234|1", jerusalem).Single();

        Assert.Equal(Start, winter.At);
        Assert.Equal(TimeSpan.FromHours(2), winter.At.Offset);
        Assert.Equal("2023-11-15T00:13:20.000+02:00", AcdEventJson.FormatTime(winter.At));
        Assert.Equal(TimeSpan.FromHours(3), summer.At.Offset);
    }

    [Fact]
    public void A_fractional_epoch_keeps_its_fraction_of_a_second()
    {
        var queued = QueueLog.Events("1700000000.250|1700000000.1|support|NONE|ENTERQUEUE||5551234|1").Single();

        Assert.Equal(Start.AddMilliseconds(250), queued.At);
        Assert.Equal("ast-1700000000.1-ENTERQUEUE-1700000000.250-support-NONE/queued", queued.Id);
    }

    [Fact]
    public void Ids_name_the_line_and_the_kind_of_event_so_a_line_giving_two_events_gives_two_ids()
    {
        var events = QueueLog.Events(Connected);

        Assert.Equal(
            ["ast-1700000000.1-CONNECT-1700000004-support-PJSIP/201/answered", "ast-1700000000.1-CONNECT-1700000004-support-PJSIP/201/state"],
            events.Select(e => e.Id));
    }

    [Fact]
    public void Lines_that_differ_only_in_agent_or_queue_get_different_ids_and_identical_lines_are_numbered()
    {
        var events = QueueLog.Events(
            "1700000015|1700000000.1|support|PJSIP/201|RINGNOANSWER|15000\n" +
            "1700000015|1700000000.1|support|PJSIP/202|RINGNOANSWER|15000\n" +
            "1700000015|NONE|support|PJSIP/203|PAUSE|break\n" +
            "1700000015|NONE|support|PJSIP/203|UNPAUSE|\n" +
            "1700000015|NONE|support|PJSIP/203|PAUSE|break\n");

        Assert.Equal(
            [
                "ast-1700000000.1-RINGNOANSWER-1700000015-support-PJSIP/201/state",
                "ast-1700000000.1-RINGNOANSWER-1700000015-support-PJSIP/202/state",
                "ast-NONE-PAUSE-1700000015-support-PJSIP/203/state",
                "ast-NONE-UNPAUSE-1700000015-support-PJSIP/203/state",
                "ast-NONE-PAUSE-1700000015-support-PJSIP/203~2/state",
            ],
            events.Select(e => e.Id));
    }
}

using CcWallboard.Adapters.Cdr;
using CcWallboard.Core.Events;
using static CcWallboard.Adapters.Tests.Cdr.AnonbankRows;

namespace CcWallboard.Adapters.Tests.Cdr;

/// <summary>The mapping of docs/adapters.md ("Call-detail records: anonbank") on rows taken from january_1999.tsv (line numbers in comments).</summary>
public sealed class AnonbankFormatTests
{
    // Line 4: queued 6:55:26 → 6:55:43, served by MICHAL until 6:56:37.
    private const string QueuedAgent = "AA0101 33118 27997683 2 PS 990101 6:55:20 6:55:26 6 6:55:26 6:55:43 17 AGENT 6:55:43 6:56:37 54 MICHAL";
    // Line 5: straight to BASCH, 7:41:25 → 7:44:53.
    private const string UnqueuedAgent = "AA0101 33119 0 0 PS 990101 7:41:16 7:41:26 10 0:00:00 0:00:00 0 AGENT 7:41:25 7:44:53 208 BASCH";
    // Line 2: queued 0:00:36, hung up 0:03:09.
    private const string QueuedHang = "AA0101 33116 9664491 2 PS 990101 0:00:31 0:00:36 5 0:00:36 0:03:09 153 HANG 0:00:00 0:00:00 0 NO_SERVER";
    // Line 3: hung up in the VRU.
    private const string UnqueuedHang = "AA0101 33117 0 0 PS 990101 0:34:12 0:34:23 11 0:00:00 0:00:00 0 HANG 0:00:00 0:00:00 0 NO_SERVER";
    // Line 65.
    private const string Phantom = "AA0101 33180 69100527 2 PS 990103 10:19:09 10:19:15 6 10:19:15 10:19:31 16 PHANTOM 10:19:30 10:20:13 43 NO_SERVER";

    [Fact]
    public void An_agent_row_that_queued_is_queued_at_q_start_answered_at_q_exit_by_its_server_and_ended_at_ser_exit()
    {
        var converted = Convert(Header, QueuedAgent);

        Assert.Equal<AcdEvent>(
        [
            new ContactQueued("anonbank-990101-AA0101-33118-queued", Local(1, 6, 55, 26), "990101-AA0101-33118", "PS", ContactChannel.Voice, 2),
            new ContactAnswered("anonbank-990101-AA0101-33118-answered", Local(1, 6, 55, 43), "990101-AA0101-33118", "PS", "MICHAL"),
            new ContactEnded("anonbank-990101-AA0101-33118-ended", Local(1, 6, 56, 37), "990101-AA0101-33118", "PS", "MICHAL"),
        ], converted.Events);
        Assert.Equal(new ImportSummary(Lines: 2, Events: 3, Skipped: 0, Malformed: 0), converted.Summary);
    }

    [Fact]
    public void An_agent_row_that_did_not_queue_is_queued_and_answered_at_ser_start_with_no_wait()
    {
        var events = Convert(UnqueuedAgent).Events;

        Assert.Equal([EventTypes.ContactQueued, EventTypes.ContactAnswered, EventTypes.ContactEnded], events.Select(e => e.Type));
        Assert.Equal([Local(1, 7, 41, 25), Local(1, 7, 41, 25), Local(1, 7, 44, 53)], events.Select(e => e.At));
        Assert.Equal("BASCH", Assert.IsType<ContactAnswered>(events[1]).AgentId);
        Assert.Equal(0, Assert.IsType<ContactQueued>(events[0]).Priority);
    }

    [Fact]
    public void A_hang_row_that_queued_is_abandoned_at_q_exit()
    {
        var events = Convert(QueuedHang).Events;

        Assert.Equal<AcdEvent>(
        [
            new ContactQueued("anonbank-990101-AA0101-33116-queued", Local(1, 0, 0, 36), "990101-AA0101-33116", "PS", ContactChannel.Voice, 2),
            new ContactAbandoned("anonbank-990101-AA0101-33116-abandoned", Local(1, 0, 3, 9), "990101-AA0101-33116", "PS"),
        ], events);
    }

    [Fact]
    public void A_hang_that_never_queued_and_a_phantom_call_give_no_events_and_are_counted_as_skipped_not_malformed()
    {
        var converted = Convert(Header, UnqueuedHang, Phantom);

        Assert.Empty(converted.Events);
        Assert.Equal(
        [
            new SkippedLine(2, "HANG that never queued (hung up in the voice-response unit): no events", Malformed: false),
            new SkippedLine(3, "PHANTOM call (no real customer): no events", Malformed: false),
        ], converted.Skipped);
        Assert.Equal(new ImportSummary(Lines: 3, Events: 0, Skipped: 2, Malformed: 0), converted.Summary);
    }

    [Fact]
    public void An_agent_row_that_did_not_queue_and_has_no_service_time_is_skipped_for_want_of_an_answer_time()
    {
        // Line 1593.
        var converted = Convert("AA0102 28609 0 0 PS 990104 13:39:21 13:39:30 9 0:00:00 0:00:00 0 AGENT 0:00:00 0:00:00 0 GILI");

        Assert.Empty(converted.Events);
        var skipped = Assert.Single(converted.Skipped);
        Assert.False(skipped.Malformed);
        Assert.StartsWith("AGENT that did not queue and has no service time", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_that_ends_before_the_answer_ends_at_the_answer()
    {
        // Line 9021: answered at q_exit 12:09:47, the service clock says 12:09:45 → 12:09:46.
        var events = Convert("AA0106 35183 59756973 1 PS 990121 12:08:46 12:08:52 6 12:08:52 12:09:47 55 AGENT 12:09:45 12:09:46 1 YIFAT").Events;

        Assert.Equal(Local(21, 12, 9, 47), Assert.IsType<ContactAnswered>(events[1]).At);
        Assert.Equal(Local(21, 12, 9, 47), Assert.IsType<ContactEnded>(events[2]).At);
    }

    [Fact]
    public void A_queued_agent_row_without_service_times_ends_at_the_answer_not_at_midnight()
    {
        // Line 1591: ser_start and ser_exit 0:00:00.
        var events = Convert("AA0102 28607 11766342 1 PS 990104 13:01:45 13:01:51 6 13:01:51 13:04:08 137 AGENT 0:00:00 0:00:00 0 IDIT").Events;

        Assert.Equal([Local(4, 13, 1, 51), Local(4, 13, 4, 8), Local(4, 13, 4, 8)], events.Select(e => e.At));
    }

    [Fact]
    public void An_agent_row_with_no_server_named_is_answered_by_the_NO_SERVER_placeholder()
    {
        // Line 20.
        var events = Convert("AA0101 33134 0 0 PS 990101 11:07:30 11:07:38 8 0:00:00 0:00:00 0 AGENT 11:07:43 11:07:46 3 NO_SERVER").Events;

        Assert.Equal(AnonbankCallRecord.NoServer, Assert.IsType<ContactAnswered>(events[1]).AgentId);
        Assert.Equal(AnonbankCallRecord.NoServer, Assert.IsType<ContactEnded>(events[2]).AgentId);
    }

    [Fact]
    public void A_call_that_runs_past_midnight_ends_on_the_next_day_and_keeps_its_true_wait()
    {
        // Line 1730 (served 23:59:33 → 0:03:40, ser_time 247) and line 28023 (queued 23:59:28, answered 0:00:03, q_time 35).
        var converted = Convert(
            "AA0102 28748 0 0 PS 990105 23:59:15 23:59:34 19 0:00:00 0:00:00 0 AGENT 23:59:33 0:03:40 247 BENSION",
            "AA0213 12511 35796002 1 PS 990109 23:59:23 23:59:23 0 23:59:28 0:00:03 35 AGENT 0:00:03 0:00:55 52 ANAT");

        Assert.Equal([Local(5, 23, 59, 33), Local(5, 23, 59, 33), Local(6, 0, 3, 40)], converted.Of("990105-AA0102-28748").Select(e => e.At));
        Assert.Equal([Local(9, 23, 59, 28), Local(10, 0, 0, 3), Local(10, 0, 0, 55)], converted.Of("990109-AA0213-12511").Select(e => e.At));
    }

    [Fact]
    public void Times_are_local_to_the_time_zone_given()
    {
        using var reader = new StringReader(Tsv(QueuedAgent));
        var events = new List<AcdEvent>();

        new AnonbankFormat().Convert(reader, TimeZoneInfo.Utc, events.Add, _ => { });

        Assert.Equal(new DateTimeOffset(1999, 1, 1, 6, 55, 26, TimeSpan.Zero), events[0].At);
        Assert.Equal(TimeSpan.Zero, events[0].At.Offset);
        Assert.Equal(JanuaryOffset, Convert(QueuedAgent).Events[0].At.Offset);
    }

    [Fact]
    public void Malformed_rows_are_reported_with_their_line_number_and_every_field_at_fault_and_the_rest_is_converted()
    {
        var converted = ConvertText(string.Join("\r\n",
            Tsv(Header),
            Tsv(QueuedHang),
            Tsv(QueuedAgent).Replace("\t6:55:20\t", "\t6:55:20 ", StringComparison.Ordinal),
            Tsv(UnqueuedAgent.Replace("990101", "990230", StringComparison.Ordinal).Replace("7:41:25", "7:41", StringComparison.Ordinal)),
            Tsv(QueuedAgent.Replace("AGENT", "BUSY", StringComparison.Ordinal)),
            Tsv(QueuedAgent.Replace("MICHAL", "", StringComparison.Ordinal)),
            Tsv(QueuedAgent)) + "\r\n");

        Assert.Equal(
        [
            new SkippedLine(3, "fields: expected 17 TAB-separated fields, found 16", Malformed: true),
            new SkippedLine(4, "date: '990230' is not a date yymmdd; ser_start: '7:41' is not a time h:mm:ss", Malformed: true),
            new SkippedLine(5, "outcome: unknown outcome 'BUSY'; expected AGENT, HANG or PHANTOM", Malformed: true),
            new SkippedLine(6, "server: an AGENT row must name its server (NO_SERVER when none is known)", Malformed: true),
        ], converted.Skipped);
        Assert.Equal(new ImportSummary(Lines: 7, Events: 5, Skipped: 0, Malformed: 4), converted.Summary);
    }

    [Fact]
    public void Events_come_out_in_time_order_over_the_whole_file_whatever_the_order_of_the_rows()
    {
        var converted = Convert(Phantom, UnqueuedAgent, QueuedHang, QueuedAgent,
            "AA0203 33141 0 0 PS 990101 7:27:36 7:27:50 14 0:00:00 0:00:00 0 AGENT 7:27:49 7:28:49 60 YITZ");

        var times = converted.Events.Select(e => e.At).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(["990101-AA0101-33116", "990101-AA0101-33118", "990101-AA0203-33141", "990101-AA0101-33119"],
            converted.Events.OfType<ContactQueued>().Select(e => e.ContactId));
    }

    [Fact]
    public void At_the_same_instant_queued_comes_before_answered_and_abandoned_and_they_before_ended_then_file_order()
    {
        // A served call of zero length (answered and ended at 10:00:00, like line 9535) and a call queued and another
        // abandoned at that instant, written in the reverse of the wanted order.
        var converted = Convert(
            "AA0101 3 0 0 PS 990101 9:59:00 10:00:00 60 0:00:00 0:00:00 0 AGENT 10:00:00 10:00:00 0 TALI",
            "AA0101 2 0 0 PS 990101 9:59:00 9:59:50 50 9:59:50 10:00:00 10 HANG 0:00:00 0:00:00 0 NO_SERVER",
            "AA0101 1 0 0 PS 990101 9:59:55 10:00:00 5 10:00:00 10:00:20 20 HANG 0:00:00 0:00:00 0 NO_SERVER");

        Assert.Equal(
        [
            "anonbank-990101-AA0101-2-queued",
            "anonbank-990101-AA0101-3-queued",
            "anonbank-990101-AA0101-1-queued",
            "anonbank-990101-AA0101-3-answered",
            "anonbank-990101-AA0101-2-abandoned",
            "anonbank-990101-AA0101-3-ended",
            "anonbank-990101-AA0101-1-abandoned",
        ], converted.Events.Select(e => e.Id));
    }

    [Fact]
    public void Converting_the_same_file_twice_gives_the_same_event_ids()
    {
        string[] rows = [Header, QueuedAgent, UnqueuedAgent, QueuedHang, UnqueuedHang, Phantom];

        Assert.Equal(Convert(rows).Events.Select(e => e.Id), Convert(rows).Events.Select(e => e.Id));
        Assert.Equal(Convert(rows).Events, Convert(rows).Events);
    }

    [Fact]
    public void Two_vru_lines_that_reuse_a_call_id_on_the_same_day_are_two_contacts()
    {
        // Lines 27 and 19444: call 33141 of 1 January on lines AA0101 and AA0203.
        var converted = Convert(
            "AA0101 33141 27347905 1 PS 990101 13:12:08 13:12:13 5 13:12:13 13:14:05 112 HANG 0:00:00 0:00:00 0 NO_SERVER",
            "AA0203 33141 0 0 PS 990101 7:27:36 7:27:50 14 0:00:00 0:00:00 0 AGENT 7:27:49 7:28:49 60 YITZ");

        Assert.Equal(["990101-AA0203-33141", "990101-AA0101-33141"], converted.Events.OfType<ContactQueued>().Select(e => e.ContactId));
        Assert.Equal(converted.Events.Count, converted.Events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void A_hang_row_that_names_a_server_is_still_only_an_abandon()
    {
        // Line 3651: HANG after 1,087 s in the queue, yet server DARMON and service times an hour later.
        var events = Convert("AA0103 24653 0 0 NW 990113 6:27:54 6:28:03 9 6:28:03 6:46:10 1087 HANG 7:26:44 7:30:08 204 DARMON").Events;

        Assert.Equal([EventTypes.ContactQueued, EventTypes.ContactAbandoned], events.Select(e => e.Type));
        Assert.Equal(Local(13, 6, 46, 10), events[1].At);
    }

    [Fact]
    public void Blank_lines_are_passed_over_and_a_file_without_a_header_is_read_from_its_first_line()
    {
        var converted = ConvertText(Tsv(QueuedHang) + "\r\n\r\n" + Tsv(QueuedAgent) + "\r\n");

        Assert.Equal(5, converted.Events.Count);
        Assert.Empty(converted.Skipped);
    }

    [Fact]
    public void The_format_is_named_anonbank_for_the_import_command()
    {
        Assert.Equal("anonbank", new AnonbankFormat().Name);
    }
}

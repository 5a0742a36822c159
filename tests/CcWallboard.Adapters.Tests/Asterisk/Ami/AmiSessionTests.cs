using System.Globalization;
using CcWallboard.Adapters.Asterisk.Ami;
using CcWallboard.Core.Events;
using CcWallboard.Core.Replay;

namespace CcWallboard.Adapters.Tests.Asterisk.Ami;

/// <summary>
/// The real Asterisk 22 manager session (tests/data/asterisk), its events stamped with the times of the same session's
/// queue_log: what the mapper makes of it against what the queue_log adapter makes of the queue_log.
/// </summary>
public sealed class AmiSessionTests
{
    [Fact]
    public void Session_has_295_joins_290_connects_and_completes_and_5_abandons()
    {
        var live = AmiSession.LiveEvents;

        Assert.Equal(295, live.Count(m => m.Event == "QueueCallerJoin"));
        Assert.Equal(295, live.Count(m => m.Event == "QueueCallerLeave"));
        Assert.Equal(290, live.Count(m => m.Event == "AgentConnect"));
        Assert.Equal(290, live.Count(m => m.Event == "AgentComplete"));
        Assert.Equal(5, live.Count(m => m.Event == "QueueCallerAbandon"));
        Assert.Equal(16, live.Count(m => m.Event == "AgentComplete" && m["Uniqueid"] is null));
    }

    [Fact]
    public void Stamped_session_gives_the_same_events_by_type_as_the_queue_log()
    {
        var fromAmi = AmiSession.Map(AmiSession.StampedEvents);
        var fromQueueLog = QueueLog.SessionEvents();

        Assert.Equal(fromQueueLog.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.Count()),
            fromAmi.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.Count()));
    }

    [Fact]
    public void Stamped_session_replayed_gives_the_queue_log_figures_295_offered_290_answered_5_abandoned()
    {
        var (fromAmi, replay) = QueueLog.Replay(AmiSession.Map(AmiSession.StampedEvents), QueueLog.AsteriskSales());
        var (fromQueueLog, _) = QueueLog.Replay(QueueLog.SessionEvents(), QueueLog.AsteriskSales());

        var today = fromAmi.Queues["sales"].Today;
        Assert.Equal(295, today.Offered);
        Assert.Equal(290, today.Answered);
        Assert.Equal(5, today.Abandoned);
        Assert.Equal(100.0, today.ServiceLevelPercent);
        Assert.Equal(0, replay.Metrics!.Engine.Orphans);
        AssertSameFigures(fromQueueLog, fromAmi);
    }

    [Fact]
    public void Every_wait_from_join_to_answer_equals_the_hold_time_of_its_agent_connect()
    {
        var events = AmiSession.Map(AmiSession.StampedEvents);
        var queued = events.OfType<ContactQueued>().ToDictionary(e => e.ContactId, e => e.At);
        var answered = events.OfType<ContactAnswered>().ToDictionary(e => e.ContactId, e => e.At);

        foreach (var connect in AmiSession.LiveEvents.Where(m => m.Event == "AgentConnect"))
        {
            var call = connect["Uniqueid"]!;
            Assert.Equal(TimeSpan.FromSeconds(int.Parse(connect["HoldTime"]!, CultureInfo.InvariantCulture)), answered[call] - queued[call]);
        }
    }

    [Fact]
    public void Every_talk_from_answer_to_end_equals_the_talk_time_of_its_agent_complete_even_without_uniqueid()
    {
        var events = AmiSession.Map(AmiSession.StampedEvents);
        var answered = events.OfType<ContactAnswered>().ToDictionary(e => e.ContactId);
        var ended = events.OfType<ContactEnded>().ToList();

        Assert.Equal(290, ended.Count);
        Assert.Equal(290, ended.Select(e => e.ContactId).Distinct().Count());
        var completes = AmiSession.LiveEvents.Where(m => m.Event == "AgentComplete").ToList();
        foreach (var (complete, end) in completes.Zip(ended))
        {
            Assert.Equal(complete["MemberName"], end.AgentId);
            Assert.Equal(answered[end.ContactId].AgentId, end.AgentId);
            Assert.Equal(TimeSpan.FromSeconds(int.Parse(complete["TalkTime"]!, CultureInfo.InvariantCulture)), end.At - answered[end.ContactId].At);
            if (complete["Uniqueid"] is { } call)
            {
                Assert.Equal(call, end.ContactId);
            }
        }
    }

    [Fact]
    public void Every_agent_has_the_same_states_as_the_queue_log_gives_it()
    {
        var fromAmi = AmiSession.Map(AmiSession.StampedEvents);
        var fromQueueLog = QueueLog.SessionEvents();

        foreach (var agent in fromQueueLog.OfType<AgentStateChanged>().Select(s => s.AgentId).Distinct())
        {
            Assert.Equal(QueueLog.StatesOf(fromQueueLog, agent), QueueLog.StatesOf(fromAmi, agent));
            Assert.Equal(fromQueueLog.OfType<AgentStateChanged>().Where(s => s.AgentId == agent).Select(s => s.At),
                fromAmi.OfType<AgentStateChanged>().Where(s => s.AgentId == agent).Select(s => s.At));
        }
    }

    [Fact]
    public void Event_ids_are_unique_and_the_same_when_the_session_is_mapped_again()
    {
        var first = AmiSession.Map(AmiSession.StampedEvents).Select(e => e.Id).ToList();
        var second = AmiSession.Map(AmiSession.StampedEvents).Select(e => e.Id).ToList();

        Assert.Equal(first.Count, first.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(first, second);
        Assert.Contains("ami-c00001b-AgentConnect-1795421245.000000-sales-Agent17/answered", first);
    }

    [Fact]
    public void Every_event_keeps_the_contract_rules_and_reads_back_from_its_json_unchanged()
    {
        var now = DateTimeOffset.MaxValue.AddYears(-1);
        var mapper = new AmiEventMapper(TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem"));

        foreach (var e in AmiSession.Map(AmiSession.StampedEvents, mapper))
        {
            Assert.Empty(AcdEventRules.Check(e, now, TimeSpan.Zero));
            Assert.Equal(e, AcdEventJson.ParseLine(AcdEventJson.ToJson(e), now, TimeSpan.Zero).Event);
            Assert.Equal(TimeSpan.FromHours(2), e.At.Offset);
        }
    }

    [Fact]
    public void Without_timestamps_the_session_still_gives_295_offered_290_answered_and_5_abandoned()
    {
        var mapper = new AmiEventMapper(TimeZoneInfo.Utc);
        var received = AmiSession.Start;
        var events = AmiSession.LiveEvents.SelectMany(m => mapper.Map(m, received = received.AddMilliseconds(100)).Events).ToList();

        var (result, replay) = QueueLog.Replay(events, QueueLog.AsteriskSales());

        var today = result.Queues["sales"].Today;
        Assert.Equal(295, today.Offered);
        Assert.Equal(290, today.Answered);
        Assert.Equal(5, today.Abandoned);
        Assert.Equal(0, replay.Metrics!.Engine.Orphans);
    }

    [Fact]
    public void The_recorded_queue_status_answer_matches_what_the_mapper_believes_at_the_end()
    {
        var mapper = new AmiEventMapper(TimeZoneInfo.Utc);
        AmiSession.Map(AmiSession.StampedEvents, mapper);
        var status = new AmiQueueStatus();
        foreach (var message in AmiSession.Recorded.Where(m => m["ActionID"] == "st"))
        {
            Assert.True(status.Add(message));
        }

        var resync = mapper.Resynchronise(status, AmiSession.Start.AddHours(1), mapper.BeginResynchronisation());

        Assert.Equal(["sales"], status.Queues);
        Assert.Equal(17, status.Members.Count);
        Assert.Empty(resync.Events);
        Assert.Equal(0, mapper.WaitingCallers);
    }

    internal static void AssertSameFigures(ReplayResult expected, ReplayResult actual)
    {
        var want = expected.Queues["sales"];
        var got = actual.Queues["sales"];
        Assert.Equal(want.Today, got.Today);
        Assert.Equal(want.Intervals.Keys.Order(), got.Intervals.Keys.Order());
        foreach (var (key, figures) in want.Intervals)
        {
            Assert.Equal(figures, got.Intervals[key]);
        }
    }
}

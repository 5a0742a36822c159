using System.Globalization;
using CcWallboard.Adapters.Asterisk;
using CcWallboard.Core.Events;

namespace CcWallboard.Adapters.Tests.Asterisk;

/// <summary>
/// The real Asterisk 22 session (tests/data/asterisk): what the adapter makes of it against Asterisk's own counters
/// (Completed 290, Abandoned 5, ServicelevelPerf 100.0 at servicelevel=10) and the durations Asterisk wrote.
/// </summary>
public sealed class QueueLogSessionTests
{
    private static readonly IReadOnlyList<string[]> SessionFields =
        File.ReadLines(QueueLog.SessionPath).Select(line => line.Split('|')).ToList();

    [Fact]
    public void Session_gives_295_contacts_queued_290_answered_and_ended_and_5_abandoned_like_asterisks_counters()
    {
        var events = QueueLog.SessionEvents();

        Assert.Equal(295, events.OfType<ContactQueued>().Count());
        Assert.Equal(290, events.OfType<ContactAnswered>().Count());
        Assert.Equal(290, events.OfType<ContactEnded>().Count());
        Assert.Equal(5, events.OfType<ContactAbandoned>().Count());
        Assert.Empty(events.OfType<ContactTransferred>());
    }

    [Fact]
    public void Session_has_no_malformed_line_and_only_queuestart_without_events()
    {
        var format = new QueueLogFormat();
        var skipped = new List<SkippedLine>();
        using var input = File.OpenText(QueueLog.SessionPath);

        var summary = format.Convert(input, TimeZoneInfo.Utc, _ => { }, skipped.Add);

        Assert.Equal(881, summary.Lines);
        Assert.Equal(0, summary.Malformed);
        var only = Assert.Single(skipped);
        Assert.Equal(1, only.Line);
        Assert.False(only.Malformed);
        Assert.Contains("QUEUESTART", only.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Session_replayed_through_the_engine_gives_asterisks_counts_and_service_level_100()
    {
        var (result, replay) = QueueLog.Replay(QueueLog.SessionEvents(), QueueLog.AsteriskSales());

        var today = result.Queues["sales"].Today;
        Assert.Equal(295, today.Offered);
        Assert.Equal(290, today.Answered);
        Assert.Equal(5, today.Abandoned);
        Assert.Equal(290, today.AnsweredWithinThreshold);
        Assert.Equal(100.0, today.ServiceLevelPercent);
        Assert.Equal(0, replay.Metrics!.Engine.Orphans);
    }

    [Fact]
    public void Session_replayed_gives_the_mean_of_the_hold_times_asterisk_wrote_in_connect_as_asa()
    {
        var holds = SessionFields.Where(f => f[4] == "CONNECT").Select(f => int.Parse(f[5], CultureInfo.InvariantCulture)).ToList();

        var (result, _) = QueueLog.Replay(QueueLog.SessionEvents(), QueueLog.AsteriskSales());

        Assert.Equal(holds.Average(), result.Queues["sales"].Today.AsaSeconds!.Value, 9);
    }

    [Fact]
    public void Session_replayed_gives_the_mean_of_the_talk_times_asterisk_wrote_as_aht()
    {
        var talks = SessionFields.Where(f => f[4].StartsWith("COMPLETE", StringComparison.Ordinal))
            .Select(f => int.Parse(f[6], CultureInfo.InvariantCulture)).ToList();

        var (result, _) = QueueLog.Replay(QueueLog.SessionEvents(), QueueLog.AsteriskSales());

        Assert.Equal(talks.Average(), result.Queues["sales"].Today.AhtSeconds!.Value, 9);
    }

    [Fact]
    public void Every_wait_from_queued_to_answered_equals_the_hold_time_of_its_connect_line()
    {
        var events = QueueLog.SessionEvents();
        var queued = events.OfType<ContactQueued>().ToDictionary(e => e.ContactId, e => e.At);
        var answered = events.OfType<ContactAnswered>().ToDictionary(e => e.ContactId, e => e.At);

        var connects = SessionFields.Where(f => f[4] == "CONNECT").ToList();
        Assert.Equal(290, connects.Count);
        foreach (var connect in connects)
        {
            var wait = answered[connect[1]] - queued[connect[1]];
            Assert.Equal(TimeSpan.FromSeconds(int.Parse(connect[5], CultureInfo.InvariantCulture)), wait);
        }
    }

    [Fact]
    public void Every_talk_time_from_answered_to_ended_equals_the_talk_time_of_its_complete_line()
    {
        var events = QueueLog.SessionEvents();
        var answered = events.OfType<ContactAnswered>().ToDictionary(e => e.ContactId);
        var ended = events.OfType<ContactEnded>().ToDictionary(e => e.ContactId);

        var completes = SessionFields.Where(f => f[4].StartsWith("COMPLETE", StringComparison.Ordinal)).ToList();
        Assert.Equal(290, completes.Count);
        foreach (var complete in completes)
        {
            var call = complete[1];
            Assert.Equal(TimeSpan.FromSeconds(int.Parse(complete[6], CultureInfo.InvariantCulture)), ended[call].At - answered[call].At);
            Assert.Equal(complete[3], ended[call].AgentId);
            Assert.Equal(answered[call].AgentId, ended[call].AgentId);
            Assert.Null(ended[call].HoldSeconds);
        }
    }

    [Fact]
    public void Abandoned_contacts_leave_after_the_wait_asterisk_wrote_in_abandon()
    {
        var events = QueueLog.SessionEvents();
        var queued = events.OfType<ContactQueued>().ToDictionary(e => e.ContactId, e => e.At);

        foreach (var abandon in SessionFields.Where(f => f[4] == "ABANDON"))
        {
            var left = events.OfType<ContactAbandoned>().Single(e => e.ContactId == abandon[1]);
            Assert.Equal(TimeSpan.FromSeconds(int.Parse(abandon[7], CultureInfo.InvariantCulture)), left.At - queued[abandon[1]]);
        }
    }

    [Fact]
    public void Every_agent_goes_on_contact_at_connect_and_is_available_again_at_complete()
    {
        var events = QueueLog.SessionEvents();

        foreach (var agent in SessionFields.Where(f => f[4] == "CONNECT").Select(f => f[3]).Distinct())
        {
            var states = QueueLog.StatesOf(events, agent);
            var calls = SessionFields.Count(f => f[4] == "CONNECT" && f[3] == agent);
            Assert.Equal(Enumerable.Range(0, calls).SelectMany(_ => new[] { "on_contact", "available" }), states);
        }
    }

    [Fact]
    public void Event_ids_are_unique_and_the_same_when_the_session_is_mapped_again()
    {
        var first = QueueLog.SessionEvents().Select(e => e.Id).ToList();
        var second = QueueLog.SessionEvents().Select(e => e.Id).ToList();

        Assert.Equal(first.Count, first.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(first, second);
        Assert.Contains("ast-c00001b-CONNECT-1795421245-sales-Agent17/answered", first);
    }

    [Fact]
    public void Every_event_keeps_the_contract_rules_and_reads_back_from_its_json_unchanged()
    {
        var now = DateTimeOffset.MaxValue.AddYears(-1);

        foreach (var e in QueueLog.SessionEvents(TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem")))
        {
            Assert.Empty(AcdEventRules.Check(e, now, TimeSpan.Zero));
            Assert.Equal(e, AcdEventJson.ParseLine(AcdEventJson.ToJson(e), now, TimeSpan.Zero).Event);
        }
    }
}

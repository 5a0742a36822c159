using CcWallboard.Core.Events;
using CcWallboard.Core.Time;

namespace CcWallboard.Adapters.Cdr;

/// <summary>
/// <c>ccwallboard import anonbank</c>: the "Anonymous Bank" call records (<see cref="AnonbankCallRecord"/>) as
/// normalized events, queue = <c>type</c> (docs/adapters.md, "Call-detail records: anonbank"):
/// <list type="bullet">
/// <item>AGENT that queued: queued at <c>q_start</c>, answered at <c>q_exit</c> by <c>server</c>, ended at <c>ser_exit</c>;</item>
/// <item>AGENT that did not queue: queued and answered at <c>ser_start</c> (wait 0), ended at <c>ser_exit</c>;</item>
/// <item>HANG that queued: queued at <c>q_start</c>, abandoned at <c>q_exit</c>;</item>
/// <item>HANG that never queued (hung up in the voice-response unit), PHANTOM, and AGENT that did not queue and has
/// no service time: no events, skipped with the reason.</item>
/// </list>
/// A conversation never ends before its answer (an earlier <c>ser_exit</c>, or none recorded, ends it at the answer).
/// The file has no agent states and none are made up. One row spans queued → ended and rows are not in time
/// order, so the events are held until the end of the file and written sorted by time, then queued before
/// outcomes before ends, then by line: memory grows with the file (about 90,000 events a month here).
/// </summary>
public sealed class AnonbankFormat : IEventFileFormat
{
    public string Name => "anonbank";

    public string Summary => "Call records of the 'Anonymous Bank' centre (TAB-separated, 17 fields, local times).";

    public ImportSummary Convert(TextReader input, TimeZoneInfo timeZone, Action<AcdEvent> emit, Action<SkippedLine> skip)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(emit);
        ArgumentNullException.ThrowIfNull(skip);
        var clock = new CentreCalendar(timeZone, TimeOnly.MinValue, 60);
        var pending = new List<PendingEvent>();
        long lines = 0, skipped = 0, malformed = 0;
        while (input.ReadLine() is { } line)
        {
            lines++;
            if ((lines == 1 && AnonbankCallRecord.IsHeader(line)) || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var parsed = AnonbankCallRecord.Parse(line);
            if (parsed.Record is not { } record)
            {
                malformed++;
                skip(new SkippedLine(lines, parsed.Reason, Malformed: true));
                continue;
            }
            if (WhyNoEvents(record) is { } reason)
            {
                skipped++;
                skip(new SkippedLine(lines, reason, Malformed: false));
                continue;
            }
            foreach (var (e, rank) in EventsOf(record, clock))
            {
                pending.Add(new PendingEvent(e.At.UtcTicks, rank, lines, e));
            }
        }
        pending.Sort(static (a, b) =>
        {
            var byTime = a.UtcTicks.CompareTo(b.UtcTicks);
            if (byTime != 0)
            {
                return byTime;
            }
            var byRank = a.Rank.CompareTo(b.Rank);
            return byRank != 0 ? byRank : a.Line.CompareTo(b.Line);
        });
        foreach (var p in pending)
        {
            emit(p.Event);
        }
        return new ImportSummary(lines, pending.Count, skipped, malformed);
    }

    /// <summary>Why a valid row carries no event, or null when it does.</summary>
    public static string? WhyNoEvents(AnonbankCallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record switch
        {
            { Outcome: AnonbankOutcome.Phantom } => "PHANTOM call (no real customer): no events",
            { Outcome: AnonbankOutcome.Hang, Queued: false } => "HANG that never queued (hung up in the voice-response unit): no events",
            { Outcome: AnonbankOutcome.Agent, Queued: false, ServiceRecorded: false } =>
                "AGENT that did not queue and has no service time (ser_start and ser_exit 0:00:00): no answer time, no events",
            _ => null,
        };
    }

    /// <summary>The events of a row that carries some, each with its tie rank (queued 0, outcome 1, ended 2).</summary>
    public static IReadOnlyList<(AcdEvent Event, int Rank)> EventsOf(AnonbankCallRecord record, CentreCalendar clock)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(clock);
        if (WhyNoEvents(record) is not null)
        {
            return [];
        }
        var contact = record.ContactId;
        var queue = record.Type;
        var id = "anonbank-" + contact;
        var queuedAt = record.QueueStart ?? record.ServiceStart!.Value;
        var queued = new ContactQueued(id + "-queued", clock.ToInstant(queuedAt), contact, queue, ContactChannel.Voice, record.Priority);
        if (record.Outcome == AnonbankOutcome.Hang)
        {
            return [(queued, 0), (new ContactAbandoned(id + "-abandoned", clock.ToInstant(record.QueueExit!.Value), contact, queue), 1)];
        }
        var answeredAt = record.QueueExit ?? record.ServiceStart!.Value;
        var endedAt = record.ServiceExit is { } serviceExit && serviceExit > answeredAt ? serviceExit : answeredAt;
        return
        [
            (queued, 0),
            (new ContactAnswered(id + "-answered", clock.ToInstant(answeredAt), contact, queue, record.Server), 1),
            (new ContactEnded(id + "-ended", clock.ToInstant(endedAt), contact, queue, record.Server), 2),
        ];
    }

    private readonly record struct PendingEvent(long UtcTicks, int Rank, long Line, AcdEvent Event);
}

using System.Globalization;
using System.Text.Json;
using CcWallboard.Adapters.Asterisk.Ami;
using CcWallboard.Core.Events;

namespace CcWallboard.Adapters.Tests.Asterisk.Ami;

/// <summary>
/// The recorded manager session (tests/data/asterisk/session-a.ami.jsonl) and what a scripted server makes of it:
/// the live events stamped with the times of the same session's queue_log (as <c>timestampevents=yes</c> would),
/// and the QueueStatus answer at any point of the session.
/// </summary>
internal static class AmiSession
{
    /// <summary>The QUEUESTART of the session's queue_log: when app_queue started.</summary>
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_795_421_237);

    private static readonly Lazy<IReadOnlyList<AmiMessage>> RecordedMessages = new(() =>
        File.ReadLines(SharedData.PathOf("asterisk", "session-a.ami.jsonl")).Where(l => l.Length > 0).Select(FromJson).ToList());

    private static readonly Lazy<IReadOnlyList<AmiMessage>> Stamped = new(StampWithQueueLogTimes);

    /// <summary>Every recorded message, in order.</summary>
    public static IReadOnlyList<AmiMessage> Recorded => RecordedMessages.Value;

    /// <summary>The events Asterisk raised during the session (before the QueueStatus and QueueSummary answers).</summary>
    public static IReadOnlyList<AmiMessage> LiveEvents => Recorded.TakeWhile(m => m["ActionID"] is null).ToList();

    /// <summary>The live events, each with the <c>Timestamp</c> of its queue_log line.</summary>
    public static IReadOnlyList<AmiMessage> StampedEvents => Stamped.Value;

    /// <summary>The live events as one mapper makes them into normalized events (receipt time: the session start).</summary>
    public static IReadOnlyList<AcdEvent> Map(IEnumerable<AmiMessage> messages, AmiEventMapper? mapper = null, DateTimeOffset? receivedAt = null)
    {
        mapper ??= new AmiEventMapper(TimeZoneInfo.Utc);
        return messages.SelectMany(m => mapper.Map(m, receivedAt ?? Start).Events).ToList();
    }

    /// <summary>
    /// What Asterisk would answer to <c>Action: QueueStatus</c> after <paramref name="played"/> live events: the
    /// response, the recorded QueueParams and QueueMember events with each member's InCall and Status as they were
    /// then, a QueueEntry for each caller waiting (Wait counted to the time of the last event played), and
    /// QueueStatusComplete.
    /// </summary>
    public static IReadOnlyList<AmiMessage> QueueStatusAnswer(int played, string actionId)
    {
        var state = StateAfter(played);
        var answer = new List<AmiMessage>
        {
            AmiMessage.Of(("Response", "Success"), ("ActionID", actionId), ("EventList", "start"), ("Message", "Queue status will follow")),
        };
        var recorded = Recorded.SkipWhile(m => m["ActionID"] is null).Where(m => m["ActionID"] == "st").ToList();
        foreach (var message in recorded)
        {
            var fields = message.Fields.ToDictionary(f => f.Key, f => f.Value);
            if (message.Event == "QueueParams")
            {
                fields["Calls"] = Text(state.Waiting.Count);
                fields["Completed"] = Text(state.Completed);
                fields["Abandoned"] = Text(state.Abandoned);
            }
            else
            {
                var inCall = state.InCall.Contains(fields["Name"]);
                fields["InCall"] = inCall ? "1" : "0";
                fields["Status"] = inCall ? "2" : "1";
            }
            fields["ActionID"] = actionId;
            answer.Add(new AmiMessage(message.Fields.Select(f => new KeyValuePair<string, string>(f.Key, fields[f.Key]))));
        }
        var position = 0;
        foreach (var (callId, join) in state.Waiting)
        {
            answer.Add(AmiMessage.Of(("Event", "QueueEntry"), ("Queue", join["Queue"]!), ("Position", Text(++position)),
                ("Channel", join["Channel"]!), ("Uniqueid", callId), ("CallerIDNum", join["CallerIDNum"]!), ("CallerIDName", join["CallerIDName"]!),
                ("ConnectedLineNum", join["ConnectedLineNum"]!), ("ConnectedLineName", join["ConnectedLineName"]!),
                ("Wait", Text((long)(state.Now - TimeOf(join)).TotalSeconds)), ("Priority", "0"), ("ActionID", actionId)));
        }
        answer.Add(AmiMessage.Of(("Event", "QueueStatusComplete"), ("ActionID", actionId), ("EventList", "Complete"),
            ("ListItems", Text(answer.Count - 1))));
        return answer;
    }

    /// <summary>The session after <paramref name="played"/> stamped live events: callers waiting, members on a call, outcomes so far.</summary>
    public static SessionState StateAfter(int played)
    {
        var waiting = new List<(string CallId, AmiMessage Join)>();
        var inCall = new HashSet<string>(StringComparer.Ordinal);
        int completed = 0, abandoned = 0;
        var now = Start;
        foreach (var message in StampedEvents.Take(played))
        {
            now = TimeOf(message);
            var callId = message["Uniqueid"];
            switch (message.Event)
            {
                case "QueueCallerJoin":
                    waiting.Add((callId!, message));
                    break;
                case "QueueCallerLeave":
                    waiting.RemoveAll(w => w.CallId == callId);
                    break;
                case "QueueCallerAbandon":
                    abandoned++;
                    break;
                case "AgentConnect":
                    inCall.Add(message["MemberName"]!);
                    break;
                case "AgentComplete":
                    inCall.Remove(message["MemberName"]!);
                    completed++;
                    break;
            }
        }
        return new SessionState(waiting, inCall, completed, abandoned, now);
    }

    public static DateTimeOffset TimeOf(AmiMessage stamped) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(decimal.Parse(stamped["Timestamp"]!, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));

    /// <summary>The index of the <paramref name="occurrence"/>-th live event named <paramref name="eventName"/> for <paramref name="callId"/>.</summary>
    public static int IndexOf(string eventName, string callId) =>
        StampedEvents.Select((m, i) => (m, i)).First(x => x.m.Event == eventName && x.m["Uniqueid"] == callId).i;

    private static AmiMessage FromJson(string line)
    {
        using var json = JsonDocument.Parse(line);
        return new AmiMessage(json.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToList());
    }

    /// <summary>
    /// Each live event gets the epoch of the queue_log line of the same call and kind: QueueCallerJoin ENTERQUEUE,
    /// AgentConnect CONNECT, AgentComplete COMPLETE*, QueueCallerAbandon ABANDON, and QueueCallerLeave the line that
    /// took the caller out of the queue (CONNECT or ABANDON). An AgentComplete without Uniqueid (Asterisk leaves it out
    /// when the caller's channel is gone) is matched through its member's call.
    /// </summary>
    private static List<AmiMessage> StampWithQueueLogTimes()
    {
        var times = new Dictionary<(string Kind, string CallId), string>();
        foreach (var fields in File.ReadLines(SharedData.PathOf("asterisk", "session-a.queue_log")).Select(l => l.Split('|')))
        {
            var kind = fields[4] switch
            {
                "ENTERQUEUE" => "QueueCallerJoin",
                "CONNECT" => "AgentConnect",
                "COMPLETEAGENT" or "COMPLETECALLER" => "AgentComplete",
                "ABANDON" => "QueueCallerAbandon",
                _ => null,
            };
            if (kind is null)
            {
                continue;
            }
            times[(kind, fields[1])] = fields[0];
            if (kind is "AgentConnect" or "QueueCallerAbandon")
            {
                times[("QueueCallerLeave", fields[1])] = fields[0];
            }
        }
        var callOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var stamped = new List<AmiMessage>();
        foreach (var message in LiveEvents)
        {
            var callId = message["Uniqueid"];
            if (message.Event == "AgentConnect")
            {
                callOf[message["MemberName"]!] = callId!;
            }
            callId ??= callOf[message["MemberName"]!];
            var epoch = times[(message.Event!, callId)];
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var field in message.Fields)
            {
                fields.Add(field);
                if (field.Key == "Privilege")
                {
                    fields.Add(new("Timestamp", $"{epoch}.000000")); // where Asterisk puts it: after Event and Privilege
                }
            }
            stamped.Add(new AmiMessage(fields));
        }
        return stamped;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal sealed record SessionState(
        IReadOnlyList<(string CallId, AmiMessage Join)> Waiting, IReadOnlySet<string> InCall, int Completed, int Abandoned, DateTimeOffset Now);
}

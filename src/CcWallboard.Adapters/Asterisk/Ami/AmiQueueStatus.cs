using System.Globalization;

namespace CcWallboard.Adapters.Asterisk.Ami;

/// <summary>
/// The answer to <c>Action: QueueStatus</c>, gathered from its events: <c>QueueParams</c> (one per queue),
/// <c>QueueMember</c> (one per member of a queue) and <c>QueueEntry</c> (one per caller waiting), up to
/// <c>QueueStatusComplete</c>. What the queues looked like when Asterisk answered.
/// </summary>
public sealed class AmiQueueStatus
{
    private readonly HashSet<string> _queues = new(StringComparer.Ordinal);
    private readonly List<AmiQueueMember> _members = [];
    private readonly List<AmiQueueEntry> _entries = [];

    /// <summary>The queues the answer covers (named by a <c>QueueParams</c>, a member or an entry).</summary>
    public IReadOnlyCollection<string> Queues => _queues;

    public IReadOnlyList<AmiQueueMember> Members => _members;

    public IReadOnlyList<AmiQueueEntry> Entries => _entries;

    /// <summary>Events of the answer that lacked what they need (a member without a name, an entry without a Uniqueid), left out.</summary>
    public int Unusable { get; private set; }

    /// <summary>Takes one event of the answer; returns false for any other message (it is not part of the answer).</summary>
    public bool Add(AmiMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queue = message["Queue"];
        switch (message.Event)
        {
            case "QueueParams":
                if (string.IsNullOrWhiteSpace(queue))
                {
                    Unusable++;
                    return true;
                }
                _queues.Add(queue);
                return true;
            case "QueueMember":
                var name = message.FirstOf("Name", "MemberName", "Location", "Interface");
                if (string.IsNullOrWhiteSpace(queue) || name is null)
                {
                    Unusable++;
                    return true;
                }
                _queues.Add(queue);
                _members.Add(new AmiQueueMember(queue, name, Number(message["Status"]), Flag(message["Paused"]) == true,
                    message.FirstOf("PausedReason", "Reason"), Flag(message["InCall"]) == true));
                return true;
            case "QueueEntry":
                var uniqueId = message["Uniqueid"];
                if (string.IsNullOrWhiteSpace(queue) || string.IsNullOrWhiteSpace(uniqueId))
                {
                    Unusable++;
                    return true;
                }
                _queues.Add(queue);
                _entries.Add(new AmiQueueEntry(queue, uniqueId, Math.Max(0, Number(message["Wait"]) ?? 0)));
                return true;
            default:
                return false;
        }
    }

    /// <summary>A whole number as Asterisk writes one, or null.</summary>
    internal static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A flag as Asterisk writes one (<c>1</c>/<c>0</c>; <c>true</c>/<c>false</c>, <c>yes</c>/<c>no</c> accepted), or null.</summary>
    internal static bool? Flag(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "1" or "TRUE" or "YES" or "ON" => true,
        "0" or "FALSE" or "NO" or "OFF" => false,
        _ => null,
    };
}

/// <summary>
/// A member of a queue as <c>QueueMember</c> reports it. <paramref name="Status"/> is the device state
/// (1 not in use, 2 in use, 3 busy, 4 invalid, 5 unavailable, 6 ringing, 7 ringing in use, 8 on hold, 0 unknown);
/// <paramref name="InCall"/> says it is on a call of the queue.
/// </summary>
public sealed record AmiQueueMember(string Queue, string Name, int? Status, bool Paused, string? PausedReason, bool InCall);

/// <summary>A caller waiting in a queue as <c>QueueEntry</c> reports it; <paramref name="WaitSeconds"/> so far.</summary>
public sealed record AmiQueueEntry(string Queue, string UniqueId, int WaitSeconds);

using CcWallboard.Core.Configuration;

namespace CcWallboard.Adapters.AmazonConnect;

/// <summary>
/// How Amazon Connect's agent statuses and queues read in the centre's terms (configuration section
/// <c>AmazonConnect</c>). Keys of configuration cannot hold a colon, so queues are listed under the centre's queue id
/// (an ARN holds colons), and statuses under their name.
/// </summary>
public sealed class AgentEventMapperOptions
{
    public const string Section = "AmazonConnect";

    /// <summary>
    /// Agent status name (any case) → the contract's state: <c>available</c>, <c>acw</c>, <c>logged_out</c>,
    /// <c>not_ready</c> (the reason is then the name lower-cased) or <c>not_ready:reason</c>. A status not listed
    /// reads by its type: <c>ROUTABLE</c> available, <c>OFFLINE</c> logged out, <c>CUSTOM</c> not ready with the
    /// name lower-cased as the reason. <c>AfterContactWork</c> is listed as <c>acw</c> by default.
    /// </summary>
    public Dictionary<string, string> StatusStates { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AfterContactWork"] = "acw",
    };

    /// <summary>
    /// Queue id of the centre → the Amazon Connect queues it stands for, each by ARN or by name. A contact whose queue
    /// is not listed counts in the queue whose id is the Connect queue's name.
    /// </summary>
    public Dictionary<string, List<string>> Queues { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How many recent records are remembered by <c>EventId</c>, so that a record delivered again gives the same events.</summary>
    public int RememberedRecords { get; set; } = 10_000;

    /// <summary>Every invalid value, each naming its configuration key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (name, state) in StatusStates)
        {
            if (!StateMatcher.TryParse(state, out _))
            {
                errors.Add($"{Section}:StatusStates:{name} is '{state}'; expected available, ringing, on_contact, acw, logged_out, not_ready or not_ready:reason.");
            }
        }
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (queueId, connectQueues) in Queues)
        {
            if (string.IsNullOrWhiteSpace(queueId))
            {
                errors.Add($"{Section}:Queues: a queue id must not be empty.");
            }
            for (var i = 0; i < connectQueues.Count; i++)
            {
                var connectQueue = connectQueues[i];
                if (string.IsNullOrWhiteSpace(connectQueue))
                {
                    errors.Add($"{Section}:Queues:{queueId}:{i} must be a queue ARN or name.");
                }
                else if (!owners.TryAdd(connectQueue, queueId) && owners[connectQueue] != queueId)
                {
                    errors.Add($"{Section}:Queues:{queueId}:{i} '{connectQueue}' is also listed under {owners[connectQueue]}; a Connect queue counts in one queue.");
                }
            }
        }
        if (RememberedRecords is < 0 or > 1_000_000)
        {
            errors.Add($"{Section}:RememberedRecords must be between 0 and 1000000.");
        }
        return errors;
    }
}

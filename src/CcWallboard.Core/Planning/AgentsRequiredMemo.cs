using CcWallboard.Core.Configuration;

namespace CcWallboard.Core.Planning;

/// <summary>
/// Remembers Erlang C's answers for a live planner: rebuilt every second, a day's plan asks the same question of every
/// interval but the current one (a forecast's load, a closed interval's load), and a large queue's answer takes
/// hundreds of steps. Exact: the key is the whole question. Bounded: forgotten whole past <see cref="MaxEntries"/>.
/// Not thread-safe; one per planner, used under its lock.
/// </summary>
public sealed class AgentsRequiredMemo
{
    public const int MaxEntries = 50_000;

    private readonly Dictionary<(double Traffic, double Aht, double Threshold, double Target), int?> _known = [];

    /// <summary><see cref="QueuePlanner.AgentsRequired"/>, answered from memory when it was asked before.</summary>
    public int? AgentsRequired(double? traffic, double? ahtSeconds, QueueSettings queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (traffic is not { } load || ahtSeconds is not { } aht)
        {
            return QueuePlanner.AgentsRequired(traffic, ahtSeconds, queue);
        }
        var key = (load, aht, queue.ServiceLevelSeconds, queue.ServiceLevelTargetPercent);
        if (_known.TryGetValue(key, out var known))
        {
            return known;
        }
        if (_known.Count >= MaxEntries)
        {
            _known.Clear();
        }
        return _known[key] = QueuePlanner.AgentsRequired(traffic, ahtSeconds, queue);
    }
}

using CcWallboard.Core.Configuration;

namespace CcWallboard.Core.Adherence;

/// <summary>
/// What a schedule file may name: the activities of the centre's state mapping (the default mapping of METRICS.md
/// when the centre sets none), never <c>off</c> — gaps between activities are off — and, when the centre lists its
/// agents, only those agents.
/// </summary>
public sealed class ScheduleRules
{
    /// <summary>The activity that is never scheduled: it is what the gaps between activities mean.</summary>
    public const string Off = "off";

    private readonly Dictionary<string, string> _activities;
    private readonly HashSet<string>? _agents;

    /// <param name="activities">The activities a row may name (matched case-insensitively; <c>off</c> is dropped).</param>
    /// <param name="agents">The agents a row may name (matched exactly), or null to accept any agent.</param>
    public ScheduleRules(IEnumerable<string> activities, IEnumerable<string>? agents)
    {
        ArgumentNullException.ThrowIfNull(activities);
        _activities = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var activity in activities)
        {
            var name = activity.Trim();
            if (name.Length > 0 && !string.Equals(name, Off, StringComparison.OrdinalIgnoreCase))
            {
                _activities.TryAdd(name, name);
            }
        }
        _agents = agents is null ? null : new HashSet<string>(agents, StringComparer.Ordinal);
        Activities = [.. _activities.Values.Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The default mapping's activities and any agent.</summary>
    public static ScheduleRules Default { get; } = new(StateMatcher.DefaultMapping.Keys, null);

    /// <summary>The rules of a centre: its state mapping's activities (or the default's), its agents if it lists any.</summary>
    public static ScheduleRules For(CentreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var activities = options.StateMapping.Count > 0 ? options.StateMapping.Keys : StateMatcher.DefaultMapping.Keys;
        var agents = options.Agents.Count > 0 ? options.Agents.Select(a => a.Id) : null;
        return new ScheduleRules(activities, agents);
    }

    /// <summary>The activities a schedule may name, in alphabetical order.</summary>
    public IReadOnlyList<string> Activities { get; }

    /// <summary>True when any agent id is accepted (the centre lists no agents).</summary>
    public bool AcceptsAnyAgent => _agents is null;

    /// <summary>Finds a schedulable activity, case-insensitively, and gives its spelling in the mapping.</summary>
    public bool TryGetActivity(string name, out string activity)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_activities.TryGetValue(name, out var known))
        {
            activity = known;
            return true;
        }
        activity = name;
        return false;
    }

    public bool IsKnownAgent(string agentId) => _agents is null || _agents.Contains(agentId);
}

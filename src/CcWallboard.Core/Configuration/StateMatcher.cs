using CcWallboard.Core.Events;

namespace CcWallboard.Core.Configuration;

/// <summary>
/// One entry of the state mapping: an actual state, and for <c>not_ready</c> optionally a reason
/// (<c>available</c>, <c>not_ready:lunch</c>). <c>not_ready</c> without a reason matches every reason.
/// </summary>
public readonly record struct StateMatcher(AgentState State, string? Reason)
{
    public bool Matches(AgentState state, string? reason) =>
        state == State && (Reason is null || string.Equals(Reason, reason, StringComparison.OrdinalIgnoreCase));

    public static bool TryParse(string? text, out StateMatcher matcher)
    {
        matcher = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var stateText = colon < 0 ? text : text[..colon];
        var reason = colon < 0 ? null : text[(colon + 1)..];
        if (!WireNames.TryParseState(stateText, out var state) || (reason is not null && (state != AgentState.NotReady || reason.Length == 0)))
        {
            return false;
        }
        matcher = new StateMatcher(state, reason);
        return true;
    }

    public override string ToString() => Reason is null ? WireNames.Of(State) : $"{WireNames.Of(State)}:{Reason}";

    /// <summary>The default mapping of METRICS.md: which actual states satisfy each scheduled activity.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<StateMatcher>> DefaultMapping { get; } =
        new Dictionary<string, IReadOnlyList<StateMatcher>>(StringComparer.OrdinalIgnoreCase)
        {
            ["open"] = [new(AgentState.Available, null), new(AgentState.Ringing, null), new(AgentState.OnContact, null), new(AgentState.Acw, null)],
            ["break"] = [new(AgentState.NotReady, "break")],
            ["lunch"] = [new(AgentState.NotReady, "lunch")],
            ["meeting"] = [new(AgentState.NotReady, "meeting")],
            ["training"] = [new(AgentState.NotReady, "training")],
            ["off"] = [new(AgentState.LoggedOut, null)],
        };
}

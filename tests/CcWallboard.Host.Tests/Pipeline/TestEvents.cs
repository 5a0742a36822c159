using CcWallboard.Core.Events;

namespace CcWallboard.Host.Tests.Pipeline;

/// <summary>Events of a few contacts on the example centre's sales queue, at seconds after <see cref="Start"/>.</summary>
internal static class TestEvents
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Three sales contacts: answered after 10 s, answered after 40 s, abandoned after 15 s; one still waiting.</summary>
    public static IReadOnlyList<AcdEvent> SalesMorning(string prefix = "t") =>
    [
        new AgentStateChanged($"{prefix}-1", At(0), "a01", AgentState.Available),
        new ContactQueued($"{prefix}-2", At(1), $"{prefix}-c1", "sales"),
        new ContactAnswered($"{prefix}-3", At(11), $"{prefix}-c1", "sales", "a01"),
        new ContactQueued($"{prefix}-4", At(12), $"{prefix}-c2", "sales"),
        new ContactQueued($"{prefix}-5", At(13), $"{prefix}-c3", "sales"),
        new ContactAbandoned($"{prefix}-6", At(28), $"{prefix}-c3", "sales"),
        new ContactAnswered($"{prefix}-7", At(52), $"{prefix}-c2", "sales", "a02"),
        new ContactQueued($"{prefix}-8", At(55), $"{prefix}-c4", "sales"),
    ];

    public static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);
}

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

    /// <summary>
    /// A few worked contacts on sales and service, with the agents' states, at seconds after <see cref="Start"/>.
    /// a01 serves sales, a02 service, a04 both (config/centre.json); all three are available from 0 s.
    /// Sales: c1 queued at 10, answered by a01 at 20 (wait 10 ≤ 20 s), talk until 80, ACW until 100 (handle 80 s);
    /// c2 queued at 110, abandoned at 150 (wait 40 > 20 s); c3 queued at 160, still waiting.
    /// Service: s1 queued at 30, answered by a02 at 65 (wait 35 > 30 s), talk until 125, no ACW (handle 60 s).
    /// Figures counted to 200 s (<see cref="WorkedFloorFiguresAt"/>): see QueueApiTests.
    /// </summary>
    public static IReadOnlyList<AcdEvent> WorkedFloor(string prefix = "w") =>
    [
        new AgentStateChanged($"{prefix}-1", At(0), "a01", AgentState.Available),
        new AgentStateChanged($"{prefix}-2", At(0), "a02", AgentState.Available),
        new AgentStateChanged($"{prefix}-3", At(0), "a04", AgentState.Available),
        new ContactQueued($"{prefix}-4", At(10), $"{prefix}-c1", "sales"),
        new ContactAnswered($"{prefix}-5", At(20), $"{prefix}-c1", "sales", "a01"),
        new AgentStateChanged($"{prefix}-6", At(20), "a01", AgentState.OnContact),
        new ContactQueued($"{prefix}-7", At(30), $"{prefix}-s1", "service"),
        new ContactAnswered($"{prefix}-8", At(65), $"{prefix}-s1", "service", "a02"),
        new AgentStateChanged($"{prefix}-9", At(65), "a02", AgentState.OnContact),
        new ContactEnded($"{prefix}-10", At(80), $"{prefix}-c1", "sales", "a01"),
        new AgentStateChanged($"{prefix}-11", At(80), "a01", AgentState.Acw),
        new AgentStateChanged($"{prefix}-12", At(100), "a01", AgentState.Available),
        new ContactQueued($"{prefix}-13", At(110), $"{prefix}-c2", "sales"),
        new ContactEnded($"{prefix}-14", At(125), $"{prefix}-s1", "service", "a02"),
        new AgentStateChanged($"{prefix}-15", At(125), "a02", AgentState.Available),
        new ContactAbandoned($"{prefix}-16", At(150), $"{prefix}-c2", "sales"),
        new ContactQueued($"{prefix}-17", At(160), $"{prefix}-c3", "sales"),
    ];

    /// <summary>The time <see cref="WorkedFloor"/>'s figures are given for.</summary>
    public static readonly DateTimeOffset WorkedFloorFiguresAt = At(200);

    public static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);
}

using CcWallboard.Core.Events;

namespace CcWallboard.Browser.Tests;

/// <summary>
/// Events of a few contacts on the example centre's sales queue, at seconds after <see cref="Start"/> (a Monday
/// morning; London is on UTC in November), as in the host's pipeline tests.
/// </summary>
internal static class BoardEvents
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Three sales contacts: answered after 10 s, answered after 40 s, abandoned after 15 s; a fourth still waiting.
    /// Today: offered 3, answered 2 (1 within the 20 s threshold), abandoned 1 (within it, so ignored by the
    /// AbandonsWithinThresholdIgnored formula): service level 1 / (3 - 1) = 50 %, ASA (10 + 40) / 2 = 25 s.
    /// </summary>
    public static IReadOnlyList<AcdEvent> SalesMorning(string prefix) =>
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
    /// From <paramref name="from"/> on: a01 becomes available, answers a sales contact after 5 s (within the 20 s threshold)
    /// and stays on it; a second sales contact queues 6 s in and is never answered. With a01 the only agent logged in,
    /// occupancy climbs towards 100 %, the service level is 100 %, and the projected one (counting the contact still
    /// waiting past 20 s as a miss) falls to 1 / 2 = 50 %.
    /// </summary>
    public static IReadOnlyList<AcdEvent> AnsweredThenWaiting(string prefix, DateTimeOffset from) =>
    [
        new AgentStateChanged($"{prefix}-1", from, "a01", AgentState.Available),
        new ContactQueued($"{prefix}-2", from, $"{prefix}-c1", "sales"),
        new ContactAnswered($"{prefix}-3", from.AddSeconds(5), $"{prefix}-c1", "sales", "a01"),
        new AgentStateChanged($"{prefix}-4", from.AddSeconds(5), "a01", AgentState.OnContact),
        new ContactQueued($"{prefix}-5", from.AddSeconds(6), $"{prefix}-c2", "sales"),
    ];

    public static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);
}

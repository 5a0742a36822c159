using CcWallboard.Core.Adherence;
using CcWallboard.Core.Events;

namespace CcWallboard.Core.Tests.Adherence;

/// <summary>A scheduled activity in whole seconds from the case's origin.</summary>
internal sealed record RefActivity(string Activity, int Start, int End);

/// <summary>An agent state change in whole seconds from the case's origin.</summary>
internal sealed record RefState(int At, AgentState State, string? Reason);

/// <summary>The adherence settings a reference run uses; thresholds in whole seconds, <c>*</c> the fallback.</summary>
internal sealed record RefSettings(
    bool CountWorkOutsideSchedule,
    bool BreakIsLunch,
    IReadOnlyDictionary<string, int> AlertAfter,
    IReadOnlyDictionary<string, int> SevereAfter);

/// <summary>What the reference says of one agent at one instant.</summary>
internal sealed record RefFigures(
    long Scheduled, long ScheduledToWork, long In, long Out, long NotCalculated, long Worked, long WorkedOutside,
    AdherenceStatus Status, long? OutSince, AlertSeverity? Alert, string? AlertActivity, string Activity,
    int CountFrom, AdherenceStatus[] Statuses);

/// <summary>
/// A plain batch recomputation of one agent's adherence, written from METRICS.md without the engine's code: every whole
/// second of today is looked at on its own — which activity is scheduled (a gap is off), which state the agent is in
/// (the last change at or before it, in delivery order for changes at one instant), whether an approval covers it —
/// classified with its own copy of the default mapping, and summed. The stretch out of adherence now is found by
/// walking back second by second; its alert by walking forward through it. Slow and obvious on purpose.
/// </summary>
internal static class AdherenceBatchReference
{
    public const int Day = 86_400;

    private static readonly Dictionary<string, (AgentState State, string? Reason)[]> Mapping = new(StringComparer.OrdinalIgnoreCase)
    {
        ["open"] = [(AgentState.Available, null), (AgentState.Ringing, null), (AgentState.OnContact, null), (AgentState.Acw, null)],
        ["break"] = [(AgentState.NotReady, "break")],
        ["lunch"] = [(AgentState.NotReady, "lunch")],
        ["meeting"] = [(AgentState.NotReady, "meeting")],
        ["training"] = [(AgentState.NotReady, "training")],
        ["off"] = [(AgentState.LoggedOut, null)],
    };

    /// <summary>
    /// The agent's figures at <paramref name="now"/> for an engine started at <paramref name="start"/> (seconds from a
    /// local midnight of a UTC centre); <paramref name="states"/> in the order they were delivered.
    /// </summary>
    public static RefFigures Compute(
        RefSettings settings, IReadOnlyList<RefActivity> schedule, IReadOnlyList<RefState> states,
        IReadOnlyList<(int From, int To)> approvals, int start, int now)
    {
        // The day closes at the first instant after its end: at midnight itself the figures are the day before's.
        var countFrom = Math.Max(start, now == 0 ? 0 : (now - 1) / Day * Day);
        var ordered = states.Select((s, i) => (s, i)).OrderBy(x => x.s.At).ThenBy(x => x.i).Select(x => x.s).ToList();

        string? ActivityAt(int second) => schedule.FirstOrDefault(a => a.Start <= second && second < a.End)?.Activity;
        bool ApprovedAt(int second) => approvals.Any(a => a.From <= second && second < a.To);

        // Every second from the engine's start to now (inclusive), classified once.
        var count = now - start + 1;
        var activity = new string?[count];
        var state = new (AgentState State, string? Reason)[count];
        var status = new AdherenceStatus[count];
        var cursor = 0;
        var current = (AgentState.LoggedOut, (string?)null);
        var classified = new Dictionary<(string?, AgentState, string?, bool), AdherenceStatus>();
        for (var second = start; second <= now; second++)
        {
            while (cursor < ordered.Count && ordered[cursor].At <= second)
            {
                current = (ordered[cursor].State, ordered[cursor].Reason);
                cursor++;
            }
            var i = second - start;
            activity[i] = ActivityAt(second);
            state[i] = current;
            var key = (activity[i], current.Item1, current.Item2, ApprovedAt(second));
            if (!classified.TryGetValue(key, out var classification))
            {
                classified[key] = classification = Classify(settings, key.Item1, key.Item2, key.Item3, key.Item4);
            }
            status[i] = classification;
        }

        long scheduled = 0, toWork = 0, inAdherence = 0, outOfAdherence = 0, notCalculated = 0, worked = 0, workedOutside = 0;
        for (var second = countFrom; second < now; second++)
        {
            var i = second - start;
            var off = activity[i] is null || string.Equals(activity[i], "off", StringComparison.OrdinalIgnoreCase);
            if (!off)
            {
                scheduled++;
                if (!Satisfying(settings, activity[i]!).Any(m => m.State == AgentState.LoggedOut)) // (slow; fine for a reference)
                {
                    toWork++;
                }
            }
            if (state[i].State != AgentState.LoggedOut)
            {
                worked++;
                if (off)
                {
                    workedOutside++;
                }
            }
            switch (status[i])
            {
                case AdherenceStatus.In: inAdherence++; break;
                case AdherenceStatus.Out: outOfAdherence++; break;
                case AdherenceStatus.NotCalculated: notCalculated++; break;
            }
        }

        var nowStatus = status[now - start];
        long? outSince = null;
        AlertSeverity? alert = null;
        string? alertActivity = null;
        if (nowStatus == AdherenceStatus.Out)
        {
            var first = now;
            while (first > start && status[first - 1 - start] == AdherenceStatus.Out)
            {
                first--;
            }
            outSince = first;
            for (var second = first; second < now; second++)
            {
                var name = ActivityName(activity[second - start]);
                var lasted = second + 1 - first;
                if (alert is null && lasted > Threshold(settings.AlertAfter, name, 180))
                {
                    alert = AlertSeverity.Warning;
                    alertActivity = name;
                }
                if (alert == AlertSeverity.Warning && lasted > Threshold(settings.SevereAfter, name, 600))
                {
                    alert = AlertSeverity.Severe;
                }
            }
        }
        var statuses = status[(countFrom - start)..(now - start)];
        return new RefFigures(scheduled, toWork, inAdherence, outOfAdherence, notCalculated, worked, workedOutside,
            nowStatus, outSince, alert, alertActivity, ActivityName(activity[now - start]), countFrom, statuses);
    }

    private static string ActivityName(string? activity) => activity ?? "off";

    private static int Threshold(IReadOnlyDictionary<string, int> thresholds, string activity, int fallback) =>
        thresholds.TryGetValue(activity, out var own) ? own : thresholds.TryGetValue("*", out var any) ? any : fallback;

    private static IEnumerable<(AgentState State, string? Reason)> Satisfying(RefSettings settings, string activity)
    {
        var own = Mapping.TryGetValue(activity, out var matchers) ? matchers : [];
        return settings.BreakIsLunch && string.Equals(activity, "break", StringComparison.OrdinalIgnoreCase)
            ? own.Concat(Mapping["lunch"])
            : own;
    }

    private static bool Matches((AgentState State, string? Reason) matcher, AgentState state, string? reason) =>
        matcher.State == state && (matcher.Reason is null || string.Equals(matcher.Reason, reason, StringComparison.OrdinalIgnoreCase));

    public static AdherenceStatus Classify(RefSettings settings, string? activity, AgentState state, string? reason, bool approved)
    {
        if (activity is null || string.Equals(activity, "off", StringComparison.OrdinalIgnoreCase))
        {
            if (state == AgentState.LoggedOut || !settings.CountWorkOutsideSchedule)
            {
                return AdherenceStatus.Off;
            }
            return approved ? AdherenceStatus.In : AdherenceStatus.Out;
        }
        if (approved)
        {
            return AdherenceStatus.In;
        }
        var satisfying = Satisfying(settings, activity).ToList();
        if (satisfying.Count == 0)
        {
            return AdherenceStatus.NotCalculated;
        }
        if (satisfying.Any(m => Matches(m, state, reason)))
        {
            return AdherenceStatus.In;
        }
        return Mapping.Values.SelectMany(m => m).Any(m => Matches(m, state, reason)) ? AdherenceStatus.Out : AdherenceStatus.NotCalculated;
    }
}

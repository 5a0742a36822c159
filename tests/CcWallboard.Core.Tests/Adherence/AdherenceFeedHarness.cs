using System.Globalization;
using System.Text;
using CcWallboard.Core.Adherence;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Tests.Adherence;

/// <summary>How a generated day reaches the <see cref="AdherenceEngine"/>.</summary>
public enum AdherenceDelivery
{
    /// <summary>In time order with clock ticks between; some runs cross midnight.</summary>
    InOrder,
    /// <summary>About a third of the state changes arrive late, up to 15 minutes after the clock passed them.</summary>
    Late,
    /// <summary>Late changes as above, and supervisors approving periods (past, current and ahead) as the day goes.</summary>
    LateWithApprovals,
}

/// <summary>One thing the feed delivers when the clock reaches <see cref="Clock"/>.</summary>
internal abstract record Step(int Clock);

internal sealed record StateStep(int Clock, string Agent, RefState State) : Step(Clock);

internal sealed record ApprovalStep(int Clock, string Agent, int From, int To) : Step(Clock);

internal sealed record TickStep(int Clock) : Step(Clock);

internal sealed record CheckStep(int Clock) : Step(Clock);

/// <summary>A generated day: the centre, the schedule and the steps, all in whole seconds from a UTC midnight.</summary>
internal sealed record AdherenceCase(
    int Seed, AdherenceDelivery Delivery, CentreOptions Options, RefSettings Settings, int Start,
    IReadOnlyDictionary<string, List<RefActivity>> Schedule, IReadOnlyList<Step> Steps)
{
    public static readonly DateTimeOffset Origin = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Instant(int seconds) => Origin.AddSeconds(seconds);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"seed {Seed}, {Delivery}, start {Start}s, count outside {Settings.CountWorkOutsideSchedule}, break≈lunch {Settings.BreakIsLunch}\n");
        text.Append(CultureInfo.InvariantCulture, $"alert {string.Join(", ", Settings.AlertAfter.Select(p => $"{p.Key}={p.Value}"))}; severe {string.Join(", ", Settings.SevereAfter.Select(p => $"{p.Key}={p.Value}"))}\n");
        foreach (var (agent, activities) in Schedule)
        {
            text.Append(CultureInfo.InvariantCulture, $"{agent}: {string.Join(" ", activities.Select(a => $"{a.Activity}[{a.Start},{a.End})"))}\n");
        }
        foreach (var step in Steps)
        {
            text.Append(step switch
            {
                StateStep s => $"@{s.Clock} {s.Agent} {s.State.State}{(s.State.Reason is null ? "" : ":" + s.State.Reason)} at {s.State.At}\n",
                ApprovalStep a => $"@{a.Clock} approve {a.Agent} [{a.From},{a.To})\n",
                CheckStep c => $"@{c.Clock} check\n",
                _ => "",
            });
        }
        return text.ToString();
    }
}

/// <summary>
/// Generates random schedules and state streams (<see cref="Generate"/>), feeds them to the engine as a host would, and
/// compares, at each check, every agent's figures, status, stretch and alert with <see cref="AdherenceBatchReference"/>
/// over what was delivered by then; the alert feed folded up must equal the engine's alerts; at the end each agent's
/// timeline band must equal the reference's second-by-second statuses. A failure is shrunk to the shortest failing
/// prefix of steps and reported with the case.
/// </summary>
internal static class AdherenceFeedHarness
{
    private static readonly string[] Activities = ["open", "open", "open", "open", "break", "lunch", "meeting", "training", "coaching", "off"];

    private static readonly (AgentState State, string? Reason)[] States =
    [
        (AgentState.Available, null), (AgentState.Ringing, null), (AgentState.OnContact, null), (AgentState.Acw, null),
        (AgentState.NotReady, "break"), (AgentState.NotReady, "lunch"), (AgentState.NotReady, "meeting"),
        (AgentState.NotReady, "personal"), (AgentState.NotReady, null), (AgentState.LoggedOut, null), (AgentState.LoggedOut, null),
    ];

    public static void Check(int seed, AdherenceDelivery delivery)
    {
        var generated = Generate(seed, delivery);
        var mismatches = Run(generated);
        if (mismatches.Count == 0)
        {
            return;
        }
        // Shrink: the shortest prefix of steps that still fails (with a check at its end).
        var smallest = generated;
        for (var length = 1; length < generated.Steps.Count; length++)
        {
            var prefix = generated.Steps.Take(length).ToList();
            prefix.Add(new CheckStep(prefix[^1].Clock));
            var candidate = generated with { Steps = prefix };
            var found = Run(candidate);
            if (found.Count > 0)
            {
                smallest = candidate;
                mismatches = found;
                break;
            }
        }
        Assert.Fail($"{string.Join("\n", mismatches.Take(12))}\n\nsmallest case:\n{smallest}");
    }

    public static AdherenceCase Generate(int seed, AdherenceDelivery delivery)
    {
        var rng = new Random(seed);
        var crossesMidnight = delivery == AdherenceDelivery.InOrder && rng.Next(3) == 0;
        var start = crossesMidnight ? (rng.Next(19, 23) * 3600) + rng.Next(3600)
            : rng.Next(6) == 0 ? 0
            : (rng.Next(5, 11) * 3600) + rng.Next(3600);
        var end = start + rng.Next(3600, crossesMidnight ? 6 * 3600 : 8 * 3600);

        var alert = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var severe = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var activity in new[] { "open", "break", "lunch", "off", "*" })
        {
            if (rng.Next(2) == 0)
            {
                alert[activity] = new[] { 0, 30, 60, 120, 180, 600 }[rng.Next(6)];
            }
            if (rng.Next(2) == 0)
            {
                severe[activity] = new[] { 60, 300, 600, 900 }[rng.Next(4)];
            }
        }
        var settings = new RefSettings(rng.Next(2) == 0, rng.Next(2) == 0, alert, severe);
        var options = new CentreOptions
        {
            Centre = new CentreSettings { Name = "Centre", TimeZone = "UTC", IntervalMinutes = 15 },
            Queues = [new QueueSettings { Id = "sales" }],
            Teams = [new TeamSettings { Id = "north" }, new TeamSettings { Id = "south" }],
            Agents =
            [
                new AgentSettings { Id = "a1", TeamId = "north" },
                new AgentSettings { Id = "a2", TeamId = "north" },
                new AgentSettings { Id = "a3", TeamId = "south" },
            ],
            Adherence = new AdherenceSettings
            {
                CountWorkOutsideSchedule = settings.CountWorkOutsideSchedule,
                AlertAfterSeconds = alert.ToDictionary(p => p.Key, p => (double)p.Value, StringComparer.OrdinalIgnoreCase),
                SevereAfterSeconds = severe.ToDictionary(p => p.Key, p => (double)p.Value, StringComparer.OrdinalIgnoreCase),
            },
        };
        if (settings.BreakIsLunch)
        {
            options.Adherence.Equivalences["break"] = ["lunch"];
        }

        var agents = new[] { "a1", "a2", "a3", "x4" }.Where(_ => rng.Next(4) != 0).ToList();
        var schedule = new Dictionary<string, List<RefActivity>>(StringComparer.Ordinal);
        var boundaries = new List<int>();
        foreach (var agent in agents.Where(_ => rng.Next(10) < 8))
        {
            var activities = new List<RefActivity>();
            for (var t = start - rng.Next(7200); t < end + 3600;)
            {
                if (rng.Next(10) < 4)
                {
                    t += rng.Next(60, 2400);
                }
                var minutes = rng.Next(5, 120);
                var length = (minutes * 60) + (rng.Next(4) == 0 ? rng.Next(60) : 0);
                activities.Add(new RefActivity(Activities[rng.Next(Activities.Length)], t, t + length));
                boundaries.Add(t);
                boundaries.Add(t + length);
                t += length;
            }
            schedule[agent] = activities;
        }
        var inRun = boundaries.Where(b => b >= start && b <= end).ToList();

        var steps = new List<Step>();
        var late = delivery != AdherenceDelivery.InOrder;
        foreach (var agent in agents)
        {
            var count = rng.Next(0, ((end - start) / 600) + 3);
            var times = new List<int>();
            for (var i = 0; i < count; i++)
            {
                times.Add(rng.Next(10) switch
                {
                    < 3 when inRun.Count > 0 => inRun[rng.Next(inRun.Count)],
                    3 when times.Count > 0 => times[^1],
                    _ => rng.Next(start, end + 1),
                });
            }
            foreach (var at in times.Order())
            {
                var (state, reason) = States[rng.Next(States.Length)];
                var delay = late && rng.Next(3) == 0 ? rng.Next(1, 900) : 0;
                steps.Add(new StateStep(at + delay, agent, new RefState(at, state, reason)));
            }
        }
        if (delivery == AdherenceDelivery.LateWithApprovals)
        {
            foreach (var agent in agents)
            {
                for (var i = rng.Next(4); i > 0; i--)
                {
                    var clock = rng.Next(start, end + 1);
                    var from = Math.Max(start, clock + rng.Next(-3 * 3600, 3600));
                    steps.Add(new ApprovalStep(clock, agent, from, from + rng.Next(60, 5400)));
                }
            }
        }
        for (var i = rng.Next(20); i > 0; i--)
        {
            steps.Add(new TickStep(rng.Next(10) < 3 && inRun.Count > 0 ? inRun[rng.Next(inRun.Count)] : rng.Next(start, end + 1)));
        }
        for (var i = 0; i < 3; i++)
        {
            steps.Add(new CheckStep(rng.Next(start, end + 1)));
        }
        steps.Add(new CheckStep(end));
        // In order of the clock; at one instant the checks come after what is delivered then (a stable sort).
        var ordered = steps.Select((s, i) => (s, i)).OrderBy(x => x.s.Clock).ThenBy(x => x.s is CheckStep ? 1 : 0).ThenBy(x => x.i).Select(x => x.s).ToList();
        return new AdherenceCase(seed, delivery, options, settings, start, schedule, ordered);
    }

    public static List<string> Run(AdherenceCase c)
    {
        var mismatches = new List<string>();
        var calendar = CentreCalendar.For(c.Options.Centre);
        var schedule = c.Schedule.ToDictionary(
            p => p.Key,
            p => (IReadOnlyList<ScheduledActivity>)p.Value.Select(a => new ScheduledActivity(p.Key, a.Activity, AdherenceCase.Instant(a.Start), AdherenceCase.Instant(a.End))).ToList(),
            StringComparer.Ordinal);
        var engine = new AdherenceEngine(c.Options, calendar, schedule, AdherenceCase.Instant(c.Start));
        var delivered = new Dictionary<string, List<RefState>>(StringComparer.Ordinal);
        var approvals = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        var feed = new Dictionary<string, AdherenceAlert>(StringComparer.Ordinal);
        var now = c.Start;
        var id = 0;

        void Fold(IReadOnlyList<AlertChange> changes, int at)
        {
            foreach (var change in changes)
            {
                var agent = change.Alert.AgentId;
                var known = feed.TryGetValue(agent, out var before);
                var consistent = change.Kind switch
                {
                    AlertChangeKind.Raised => !known,
                    AlertChangeKind.Escalated => known && before!.OutSince == change.Alert.OutSince && before.Severity < change.Alert.Severity,
                    _ => known && before == change.Alert,
                };
                if (!consistent)
                {
                    mismatches.Add($"@{at} feed: {change.Kind} of {change.Alert} after {(known ? before : "none")}");
                }
                if (change.Kind == AlertChangeKind.Cleared)
                {
                    feed.Remove(agent);
                }
                else
                {
                    feed[agent] = change.Alert;
                }
            }
        }

        foreach (var step in c.Steps)
        {
            if (step.Clock > now)
            {
                Fold(engine.AdvanceTo(AdherenceCase.Instant(step.Clock)), step.Clock);
                now = step.Clock;
            }
            switch (step)
            {
                case StateStep s:
                    List(delivered, s.Agent).Add(s.State);
                    Fold(engine.Apply(new AgentStateChanged($"e{++id}", AdherenceCase.Instant(s.State.At), s.Agent, s.State.State, s.State.Reason)), now);
                    break;
                case ApprovalStep a:
                    List(approvals, a.Agent).Add((a.From, a.To));
                    Fold(engine.Approve(a.Agent, AdherenceCase.Instant(a.From), AdherenceCase.Instant(a.To), "coaching", "sup", AdherenceCase.Instant(now)), now);
                    break;
                case CheckStep:
                    Compare(c, engine, delivered, approvals, feed, now, timelines: step == c.Steps[^1], mismatches);
                    break;
            }
            if (mismatches.Count > 0)
            {
                break;
            }
        }
        return mismatches;
    }

    private static void Compare(
        AdherenceCase c, AdherenceEngine engine, Dictionary<string, List<RefState>> delivered, Dictionary<string, List<(int, int)>> approvals,
        Dictionary<string, AdherenceAlert> feed, int now, bool timelines, List<string> mismatches)
    {
        foreach (var agent in engine.Agents)
        {
            var id = agent.AgentId;
            var expected = AdherenceBatchReference.Compute(
                c.Settings, c.Schedule.TryGetValue(id, out var activities) ? activities : [],
                delivered.TryGetValue(id, out var states) ? states : [],
                approvals.TryGetValue(id, out var approved) ? approved : [],
                c.Start, now);
            void Same<T>(string field, T wanted, T actual)
            {
                if (!EqualityComparer<T>.Default.Equals(wanted, actual))
                {
                    mismatches.Add($"@{now} {id} {field}: expected {wanted}, actual {actual}");
                }
            }
            Same("scheduled", (double)expected.Scheduled, agent.ScheduledSeconds);
            Same("scheduled to work", (double)expected.ScheduledToWork, agent.ScheduledToWorkSeconds);
            Same("in", (double)expected.In, agent.InAdherenceSeconds);
            Same("out", (double)expected.Out, agent.OutOfAdherenceSeconds);
            Same("not calculated", (double)expected.NotCalculated, agent.NotCalculatedSeconds);
            Same("worked", (double)expected.Worked, agent.WorkedSeconds);
            Same("worked outside", (double)expected.WorkedOutside, agent.WorkedOutsideScheduleSeconds);
            Same("status", expected.Status, agent.Status);
            Same("out since", expected.OutSince is { } since ? AdherenceCase.Instant((int)since) : (DateTimeOffset?)null, agent.OutSince);
            Same("alert", expected.Alert, agent.Alert);
            Same("activity", expected.Activity, agent.Activity);
            var alert = engine.Alerts.FirstOrDefault(a => a.AgentId == id);
            Same("alert activity", expected.AlertActivity, alert?.Activity);
            Same("alert in the feed", alert, feed.GetValueOrDefault(id));
            if (timelines)
            {
                var band = new AdherenceStatus[now - expected.CountFrom];
                var covered = 0;
                foreach (var segment in engine.Timeline(id)!.Adherence)
                {
                    for (var t = segment.Start; t < segment.End; t = t.AddSeconds(1))
                    {
                        band[(int)(t - AdherenceCase.Instant(expected.CountFrom)).TotalSeconds] = segment.Status;
                        covered++;
                    }
                }
                Same("timeline seconds", band.Length, covered);
                var first = Enumerable.Range(0, band.Length).FirstOrDefault(i => band[i] != expected.Statuses[i], -1);
                if (first >= 0)
                {
                    mismatches.Add($"@{now} {id} timeline at {expected.CountFrom + first}: expected {expected.Statuses[first]}, actual {band[first]}");
                }
            }
        }
    }

    private static List<T> List<T>(Dictionary<string, List<T>> lists, string key)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }
        return list;
    }
}

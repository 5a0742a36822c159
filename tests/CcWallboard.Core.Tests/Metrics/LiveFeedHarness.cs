using System.Diagnostics;
using System.Globalization;
using System.Text;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Tests.Metrics;

/// <summary>How a generated stream reaches <see cref="CentreMetrics"/>.</summary>
public enum Delivery
{
    /// <summary>In time order; the host's clock runs ahead of the events by less than the allowed lateness.</summary>
    InOrder,
    /// <summary>Each event arrives at its time plus up to the allowed lateness, in order of arrival.</summary>
    ShuffledWithinLateness,
    /// <summary>Shuffled within the lateness, and about 10 % of events delivered again later, within the duplicate horizon.</summary>
    ShuffledWithDuplicates,
    /// <summary>Shuffled within the lateness, and some abandons arriving long after it (up to 10 minutes late).</summary>
    LateAbandons,
}

/// <summary>One difference between the engine and the batch reference.</summary>
internal sealed record Mismatch(string Where, string Field, string Expected, string Actual)
{
    public override string ToString() => $"{Where} {Field}: expected {Expected}, actual {Actual}";
}

/// <summary>One event as the host received it, and when.</summary>
internal sealed record Arrival(AcdEvent Event, DateTimeOffset At, bool Duplicate, bool Late);

internal sealed record FeedResult(IReadOnlyList<Mismatch> Mismatches, IReadOnlyList<Arrival> Arrivals, DateTimeOffset End);

/// <summary>
/// Feeds a generated stream into <see cref="CentreMetrics"/> as a live host would — offer each event as it
/// arrives, move the clock, flush at the end — and compares every figure of every queue, group and the centre
/// with <see cref="BatchReference"/> at a few checkpoints and at the end. On a difference it shrinks the stream
/// (shortest failing prefix, then whole contacts, then single agent states) and reports the smallest case.
/// </summary>
internal static class LiveFeedHarness
{
    private const double Tolerance = 1e-6;

    public static void Check(int seed, Delivery delivery, bool agentsWithoutContactStates = false)
    {
        var centre = RandomCentreStreams.Generate(seed, agentsWithoutContactStates);
        var result = Feed(centre, centre.Events, delivery, seed);
        if (result.Mismatches.Count == 0)
        {
            return;
        }
        var (events, smallest) = Shrink(centre, delivery, seed, result);
        Assert.Fail(Report(centre, delivery, result, events, smallest));
    }

    public static FeedResult Feed(GeneratedCentre centre, IReadOnlyList<AcdEvent> events, Delivery delivery, int runSeed)
    {
        var rng = new Random(runSeed);
        var options = centre.Options;
        var lateness = centre.Lateness;
        var arrivals = Plan(centre, events, delivery, runSeed);
        var metrics = new CentreMetrics(options, centre.Start);
        var mismatches = new List<Mismatch>();
        var offered = new List<AcdEvent>(arrivals.Count);
        // Checkpoints at the first arrivals after three instants of the generated stream's span (instants, not
        // positions, so that a shrunk stream keeps them where they were).
        var span = centre.Events.Count == 0 ? TimeSpan.Zero : centre.Events[^1].At - centre.Start;
        var instants = delivery == Delivery.LateAbandons ? [] : Enumerable.Range(0, 3).Select(_ => centre.Start + (span * rng.NextDouble())).ToList();
        var checkpoints = instants.Select(t => arrivals.FindIndex(a => a.At >= t)).Where(i => i >= 0).ToHashSet();
        var clock = centre.Start;

        for (var i = 0; i < arrivals.Count; i++)
        {
            var arrival = arrivals[i];
            // The host's timer ticks somewhere between two arrivals; a late event comes after the clock passed it.
            var tick = arrival.Late ? arrival.At : clock + ((arrival.At - clock) * rng.NextDouble());
            metrics.AdvanceTo(tick);
            metrics.Offer(arrival.Event);
            offered.Add(arrival.Event);
            clock = arrival.At;
            if (checkpoints.Contains(i))
            {
                // Now and then a checkpoint exactly where a window's edge meets an event or an interval starts.
                var next = i + 1 < arrivals.Count ? arrivals[i + 1].At : clock.AddMinutes(2);
                clock = EdgeBetween(options, offered, clock, next, lateness, rng) ?? clock;
                metrics.AdvanceTo(clock);
            }
            else if (rng.NextDouble() < 0.5)
            {
                metrics.AdvanceTo(clock);
            }
            if (checkpoints.Contains(i))
            {
                var now = metrics.Engine.Now;
                var where = $"checkpoint after arrival {i} at {AcdEventJson.FormatTime(clock)}:";
                if (now != clock - lateness)
                {
                    mismatches.Add(new(where, "engine.Now", Text(clock - lateness), Text(now)));
                }
                Compare(metrics.Engine, BatchReference.Compute(options, offered, now), now, where, mismatches);
            }
        }

        var lastAt = events.Count == 0 ? centre.Start : events.Max(e => e.At);
        var end = Max(lastAt, clock - lateness);
        end = (rng.Next(4) == 0 ? NextIntervalStart(options, end) : null) ?? end.AddMilliseconds(rng.Next(120_000));
        metrics.Flush(end);
        var atEnd = $"end {AcdEventJson.FormatTime(end)}:";
        if (metrics.Engine.Now != end)
        {
            mismatches.Add(new(atEnd, "engine.Now", Text(end), Text(metrics.Engine.Now)));
        }
        var late = arrivals.Count(a => a.Late);
        var duplicates = arrivals.Count(a => a.Duplicate);
        if (metrics.Late != late)
        {
            mismatches.Add(new(atEnd, "Late", $"{late}", $"{metrics.Late}"));
        }
        if (metrics.Duplicates != duplicates)
        {
            mismatches.Add(new(atEnd, "Duplicates", $"{duplicates}", $"{metrics.Duplicates}"));
        }
        Compare(metrics.Engine, BatchReference.Compute(options, offered, end), end, atEnd, mismatches);
        return new FeedResult(mismatches, arrivals, end);
    }

    /// <summary>
    /// A clock time in [<paramref name="from"/>, <paramref name="until"/>] at which the figures' time (clock − lateness)
    /// is exactly an interval start, or an event's time plus a sliding window's length; null when there is none.
    /// </summary>
    private static DateTimeOffset? EdgeBetween(CentreOptions options, List<AcdEvent> offered, DateTimeOffset from, DateTimeOffset until,
        TimeSpan lateness, Random rng)
    {
        var edges = new List<DateTimeOffset>();
        if (NextIntervalStart(options, from - lateness) is { } start && start + lateness <= until)
        {
            edges.Add(start + lateness);
        }
        foreach (var minutes in options.Centre.EffectiveSlidingWindowsMinutes)
        {
            var window = TimeSpan.FromMinutes(minutes);
            edges.AddRange(offered.Select(e => e.At + window + lateness).Where(t => t >= from && t <= until));
        }
        return edges.Count == 0 ? null : edges[rng.Next(edges.Count)];
    }

    /// <summary>The first interval start at or after <paramref name="at"/>.</summary>
    private static DateTimeOffset? NextIntervalStart(CentreOptions options, DateTimeOffset at)
    {
        var calendar = CentreCalendar.For(options.Centre);
        var day = calendar.DayOf(at);
        var index = (long)Math.Ceiling((at - day.Start) / calendar.IntervalLength);
        var start = day.Start + (calendar.IntervalLength * index);
        return start < day.End ? start : day.End;
    }

    /// <summary>When each event reaches the host, in order of arrival.</summary>
    private static List<Arrival> Plan(GeneratedCentre centre, IReadOnlyList<AcdEvent> events, Delivery delivery, int runSeed)
    {
        var latenessMs = (int)centre.Lateness.TotalMilliseconds;
        var arrivals = new List<Arrival>();
        if (delivery == Delivery.InOrder)
        {
            var clock = DateTimeOffset.MinValue;
            foreach (var e in events)
            {
                var rng = RandomFor(runSeed, e);
                clock = Max(clock, e.At.AddMilliseconds(rng.Next(latenessMs)));
                arrivals.Add(new Arrival(e, clock, Duplicate: false, Late: false));
            }
            return arrivals;
        }
        var longestWindow = TimeSpan.FromMinutes(centre.Options.Centre.EffectiveSlidingWindowsMinutes.Max());
        var redeliverWithin = (int)Math.Min(longestWindow.TotalMilliseconds / 2, TimeSpan.FromMinutes(20).TotalMilliseconds);
        foreach (var e in events)
        {
            var rng = RandomFor(runSeed, e);
            if (delivery == Delivery.LateAbandons && e is ContactAbandoned && rng.NextDouble() < 0.3)
            {
                arrivals.Add(new Arrival(e, e.At + centre.Lateness + TimeSpan.FromMilliseconds(rng.Next(1000, 600_000)), Duplicate: false, Late: true));
                continue;
            }
            var at = e.At.AddMilliseconds(rng.Next(latenessMs));
            arrivals.Add(new Arrival(e, at, Duplicate: false, Late: false));
            if (delivery == Delivery.ShuffledWithDuplicates && rng.NextDouble() < 0.1)
            {
                arrivals.Add(new Arrival(e, at.AddMilliseconds(rng.Next(redeliverWithin)), Duplicate: true, Late: false));
            }
        }
        // A stable sort: arrivals at the same instant keep the order they were planned in.
        return [.. arrivals.Select((a, i) => (a, i)).OrderBy(x => x.a.At).ThenBy(x => x.i).Select(x => x.a)];
    }

    /// <summary>Each event's own delays, so that removing events while shrinking leaves the others' as they were.</summary>
    private static Random RandomFor(int runSeed, AcdEvent e)
    {
        var hash = 2166136261u ^ (uint)runSeed;
        foreach (var c in e.Id)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return new Random((int)hash);
    }

    /// <summary>Every figure of every queue, group and the centre, from <see cref="QueueMetricsEngine.ViewOf"/> and <see cref="QueueMetricsEngine.IntervalsOf"/>.</summary>
    public static void Compare(QueueMetricsEngine engine, BatchReference expected, DateTimeOffset now, string when, List<Mismatch> mismatches)
    {
        var ids = expected.AggregateIds.Order(StringComparer.Ordinal).ToList();
        var engineIds = engine.Aggregates.Select(a => a.Id).Order(StringComparer.Ordinal).ToList();
        Same(mismatches, when, "aggregates", string.Join(",", ids), string.Join(",", engineIds));
        foreach (var id in ids)
        {
            var where = $"{when} [{id}]";
            var actual = engine.ViewOf(id, now);
            if (actual is null)
            {
                mismatches.Add(new(where, "ViewOf", "a view", "null"));
                continue;
            }
            var want = expected.ViewOf(id);
            Same(mismatches, where, "Kind", want.Kind, actual.Kind);
            Same(mismatches, where, "QueueIds", string.Join(",", want.QueueIds.Order(StringComparer.Ordinal)), string.Join(",", actual.QueueIds.Order(StringComparer.Ordinal)));
            Same(mismatches, where, "CallsWaiting", want.CallsWaiting, actual.CallsWaiting);
            Close(mismatches, where, "LongestWaitSeconds", want.LongestWaitSeconds, actual.LongestWaitSeconds);
            Same(mismatches, where, "WaitingPastThreshold", want.WaitingPastThreshold, actual.WaitingPastThreshold);
            Figures(mismatches, $"{where} today", want.Today, actual.Today);
            Figures(mismatches, $"{where} interval", want.Interval, actual.Interval);
            Same(mismatches, where, "Sliding.Count", want.Sliding.Count, actual.Sliding.Count);
            foreach (var (w, a) in want.Sliding.Zip(actual.Sliding))
            {
                Figures(mismatches, $"{where} sliding {w.Window}", w, a);
            }
            Agents(mismatches, $"{where} agents", want.Agents, actual.Agents);
            Same(mismatches, where, "Trend.Count", want.Trend.Count, actual.Trend.Count);
            foreach (var (w, a) in want.Trend.Zip(actual.Trend))
            {
                var at = $"{where} trend {Text(w.Start)}";
                Same(mismatches, at, "Start", Text(w.Start), Text(a.Start));
                Close(mismatches, at, "ServiceLevelPercent", w.ServiceLevelPercent, a.ServiceLevelPercent);
                Same(mismatches, at, "Offered", w.Offered, a.Offered);
            }
            var intervals = engine.IntervalsOf(id) ?? [];
            var wanted = expected.IntervalsOf(id);
            Same(mismatches, where, "IntervalsOf.Count", wanted.Count, intervals.Count);
            foreach (var (w, a) in wanted.Zip(intervals))
            {
                Figures(mismatches, $"{where} IntervalsOf {Text(w.Start)}", w, a);
            }
        }
    }

    private static void Figures(List<Mismatch> m, string where, ReferenceFigures want, QueueFigures actual)
    {
        Same(m, where, "Window", want.Window, actual.Window);
        Same(m, where, "WindowStart", Text(want.Start), Text(actual.WindowStart));
        Same(m, where, "WindowEnd", Text(want.End), Text(actual.WindowEnd));
        Same(m, where, "Offered", want.Offered, actual.Offered);
        Same(m, where, "Answered", want.Answered, actual.Answered);
        Same(m, where, "Abandoned", want.Abandoned, actual.Abandoned);
        Same(m, where, "ShortAbandoned", want.ShortAbandoned, actual.ShortAbandoned);
        Same(m, where, "AnsweredWithinThreshold", want.AnsweredWithinThreshold, actual.AnsweredWithinThreshold);
        Same(m, where, "AbandonedWithinThreshold", want.AbandonedWithinThreshold, actual.AbandonedWithinThreshold);
        Same(m, where, "TransferredOut", want.TransferredOut, actual.TransferredOut);
        Same(m, where, "Handled", want.Handled, actual.Handled);
        Close(m, where, "ServiceLevelPercent", want.ServiceLevelPercent, actual.ServiceLevelPercent);
        Close(m, where, "ProjectedServiceLevelPercent", want.ProjectedServiceLevelPercent, actual.ProjectedServiceLevelPercent);
        Close(m, where, "AbandonmentRatePercent", want.AbandonmentRatePercent, actual.AbandonmentRatePercent);
        Close(m, where, "AsaSeconds", want.AsaSeconds, actual.AsaSeconds);
        Close(m, where, "AhtSeconds", want.AhtSeconds, actual.AhtSeconds);
        Close(m, where, "OccupancyPercent", want.OccupancyPercent, actual.OccupancyPercent);
    }

    private static void Agents(List<Mismatch> m, string where, ReferenceAgents want, AgentStateCounts actual)
    {
        Same(m, where, "LoggedIn", want.LoggedIn, actual.LoggedIn);
        Same(m, where, "Available", want.Available, actual.Available);
        Same(m, where, "Ringing", want.Ringing, actual.Ringing);
        Same(m, where, "OnContact", want.OnContact, actual.OnContact);
        Same(m, where, "Acw", want.Acw, actual.Acw);
        Same(m, where, "NotReady", want.NotReady, actual.NotReady);
        Same(m, where, "NotReadyByReason", Text(want.NotReadyByReason), Text(actual.NotReadyByReason));
    }

    private static void Same<T>(List<Mismatch> m, string where, string field, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            m.Add(new(where, field, $"{expected}", $"{actual}"));
        }
    }

    private static void Close(List<Mismatch> m, string where, string field, double? expected, double? actual)
    {
        var same = expected is null ? actual is null : actual is not null && Math.Abs(expected.Value - actual.Value) <= Tolerance;
        if (!same)
        {
            m.Add(new(where, field, Text(expected), Text(actual)));
        }
    }

    private static string Text(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "null";

    private static string Text(DateTimeOffset at) => AcdEventJson.FormatTime(at.ToUniversalTime());

    private static string Text(IReadOnlyDictionary<string, int> counts) =>
        string.Join(",", counts.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    // ---- shrinking ----

    /// <summary>
    /// The smallest stream found that still fails the same way (a mismatch in the same field as the first one):
    /// the shortest failing prefix, then without whole agents, whole contacts and single agent states.
    /// </summary>
    private static (IReadOnlyList<AcdEvent> Events, FeedResult Result) Shrink(GeneratedCentre centre, Delivery delivery, int runSeed, FeedResult failed)
    {
        var field = failed.Mismatches[0].Field;
        var budget = Stopwatch.StartNew();
        var events = centre.Events.ToList();
        var result = failed;

        bool Fails(List<AcdEvent> candidate, out FeedResult outcome)
        {
            outcome = Feed(centre, candidate, delivery, runSeed);
            return outcome.Mismatches.Any(m => m.Field == field);
        }

        // Shortest failing prefix (a binary search: a prefix that fails usually has failing longer prefixes).
        int lo = 1, hi = events.Count;
        while (lo < hi && budget.Elapsed < TimeSpan.FromSeconds(30))
        {
            var mid = (lo + hi) / 2;
            if (Fails(events[..mid], out _))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        if (Fails(events[..hi], out var prefixResult))
        {
            events = events[..hi];
            result = prefixResult;
        }

        // Without whole agents (their states and the contacts they answered), whole contacts, single agent states:
        // halves, quarters, ... down to one at a time, again while anything goes.
        var passes = new Func<List<AcdEvent>, Func<AcdEvent, string?>>[]
        {
            list =>
            {
                var answeredBy = list.OfType<ContactAnswered>().GroupBy(a => a.ContactId).ToDictionary(g => g.Key, g => g.First().AgentId);
                return e => e switch
                {
                    AgentStateChanged s => "agent " + s.AgentId,
                    ContactEvent c when answeredBy.TryGetValue(c.ContactId, out var agent) => "agent " + agent,
                    _ => null,
                };
            },
            _ => e => e is ContactEvent c ? "contact " + c.ContactId : null,
            _ => e => e is AgentStateChanged ? "state " + e.Id : null,
        };
        var progress = true;
        while (progress && budget.Elapsed < TimeSpan.FromSeconds(90))
        {
            progress = false;
            foreach (var pass in passes)
            {
                var keyOf = pass(events);
                var units = events.Select(keyOf).OfType<string>().Distinct().ToList();
                var chunk = Math.Max(1, units.Count / 2);
                while (chunk >= 1 && units.Count > 0 && budget.Elapsed < TimeSpan.FromSeconds(90))
                {
                    var removedAny = false;
                    for (var from = 0; from < units.Count; from += chunk)
                    {
                        var drop = units.Skip(from).Take(chunk).ToHashSet(StringComparer.Ordinal);
                        var candidate = events.Where(e => keyOf(e) is not { } key || !drop.Contains(key)).ToList();
                        if (candidate.Count < events.Count && Fails(candidate, out var smaller))
                        {
                            events = candidate;
                            result = smaller;
                            removedAny = progress = true;
                        }
                    }
                    keyOf = pass(events);
                    units = events.Select(keyOf).OfType<string>().Distinct().ToList();
                    chunk = removedAny ? Math.Min(chunk, Math.Max(1, units.Count / 2)) : chunk / 2;
                }
            }
        }
        return (events, result);
    }

    private static string Report(GeneratedCentre centre, Delivery delivery, FeedResult original, IReadOnlyList<AcdEvent> events, FeedResult smallest)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"The engine differs from the batch reference ({delivery}, {original.Mismatches.Count} differences).");
        text.AppendLine(centre.Describe());
        text.AppendLine("First differences of the full stream:");
        foreach (var m in original.Mismatches.Take(8))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {m}");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"Smallest failing stream found: {events.Count} events; as the host received them (+seconds after start):");
        foreach (var a in smallest.Arrivals)
        {
            var marks = (a.Duplicate ? " DUPLICATE" : "") + (a.Late ? " LATE" : "");
            text.AppendLine(CultureInfo.InvariantCulture, $"  +{(a.At - centre.Start).TotalSeconds:0.000}{marks} {AcdEventJson.ToJson(a.Event).Replace("\\u002B", "+", StringComparison.Ordinal)}");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"  flush at +{(smallest.End - centre.Start).TotalSeconds:0.000}");
        text.AppendLine("Its differences:");
        foreach (var m in smallest.Mismatches.Take(20))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {m}");
        }
        return text.ToString();
    }
}

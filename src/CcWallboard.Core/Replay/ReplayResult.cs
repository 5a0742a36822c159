using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CcWallboard.Core.Adherence;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Metrics;

namespace CcWallboard.Core.Replay;

/// <summary>
/// RESULT.json of <c>ccwallboard replay</c> (shared/domain/REPLAY.md): per configured queue, today's figures
/// and those of every interval in which the queue had an outcome, keyed by the interval's local start with
/// its UTC offset; per agent, adherence over the day (empty when no schedule was given).
/// </summary>
public sealed record ReplayResult(
    IReadOnlyDictionary<string, QueueReplay> Queues,
    IReadOnlyDictionary<string, AgentReplay> Agents)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static ReplayResult Of(QueueMetricsEngine engine, CentreOptions options, AdherenceEngine? adherence = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        var queues = new Dictionary<string, QueueReplay>(StringComparer.Ordinal);
        foreach (var queue in options.Queues)
        {
            var today = engine.ViewOf(queue.Id, engine.Now)!.Today;
            var intervals = new Dictionary<string, ReplayIntervalFigures>(StringComparer.Ordinal);
            foreach (var interval in engine.IntervalsOf(queue.Id)!)
            {
                if (interval.Offered > 0 || interval.TransferredOut > 0)
                {
                    intervals[IntervalKey(interval.WindowStart)] = ReplayIntervalFigures.Of(interval);
                }
            }
            queues[queue.Id] = new QueueReplay(ReplayFigures.Of(today), intervals);
        }
        var agents = new Dictionary<string, AgentReplay>(StringComparer.Ordinal);
        foreach (var agent in (adherence?.Agents ?? []).OrderBy(a => a.AgentId, StringComparer.Ordinal))
        {
            agents[agent.AgentId] = AgentReplay.Of(agent);
        }
        return new ReplayResult(queues, agents);
    }

    /// <summary>The interval's local start with its offset, e.g. <c>2026-11-17T08:00:00+00:00</c>.</summary>
    public static string IntervalKey(DateTimeOffset localStart) =>
        localStart.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

public sealed record QueueReplay(ReplayFigures Today, IReadOnlyDictionary<string, ReplayIntervalFigures> Intervals);

/// <summary>A window's figures as REPLAY.md names them; a figure with no value is null.</summary>
public sealed record ReplayFigures(
    int Offered, int Answered, int Abandoned, int ShortAbandoned,
    int AnsweredWithinThreshold, int AbandonedWithinThreshold,
    double? ServiceLevelPercent, double? AbandonmentRatePercent,
    double? AsaSeconds, double? AhtSeconds)
{
    public static ReplayFigures Of(QueueFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Offered, f.Answered, f.Abandoned, f.ShortAbandoned, f.AnsweredWithinThreshold, f.AbandonedWithinThreshold,
            f.ServiceLevelPercent, f.AbandonmentRatePercent, f.AsaSeconds, f.AhtSeconds);
    }
}

/// <summary>An interval's figures: those of <see cref="ReplayFigures"/> but AHT (handle time is a day figure in the result).</summary>
public sealed record ReplayIntervalFigures(
    int Offered, int Answered, int Abandoned, int ShortAbandoned,
    int AnsweredWithinThreshold, int AbandonedWithinThreshold,
    double? ServiceLevelPercent, double? AbandonmentRatePercent,
    double? AsaSeconds)
{
    public static ReplayIntervalFigures Of(QueueFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Offered, f.Answered, f.Abandoned, f.ShortAbandoned, f.AnsweredWithinThreshold, f.AbandonedWithinThreshold,
            f.ServiceLevelPercent, f.AbandonmentRatePercent, f.AsaSeconds);
    }
}

/// <summary>
/// An agent's adherence over the replayed day (REPLAY.md), as <see cref="AgentAdherence"/> defines it: the adherence
/// percentage leaves not-calculated time out and, when the centre counts work outside the schedule, adds it to the
/// denominator, so it is <c>inAdherenceSeconds / scheduledSeconds</c> only when neither happened.
/// </summary>
public sealed record AgentReplay(
    double ScheduledSeconds, double InAdherenceSeconds, double? AdherencePercent,
    double WorkedSeconds, double? ConformancePercent)
{
    public static AgentReplay Of(AgentAdherence agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new(agent.ScheduledSeconds, agent.InAdherenceSeconds, agent.AdherencePercent, agent.WorkedSeconds, agent.ConformancePercent);
    }
}

using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Metrics;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Tests.Metrics;

/// <summary>A small centre and a way to write events as a script of seconds after 09:00 UTC.</summary>
internal sealed class EngineFixture
{
    public static readonly DateTimeOffset NineAm = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private int _nextId;

    public EngineFixture(ServiceLevelFormula formula = ServiceLevelFormula.AbandonsWithinThresholdIgnored, double shortAbandonSeconds = 5)
    {
        Options = new CentreOptions
        {
            Centre = new CentreSettings { TimeZone = "Europe/London", IntervalMinutes = 15 },
            Queues =
            [
                new QueueSettings { Id = "sales", ServiceLevelSeconds = 20, ServiceLevelTargetPercent = 80, ServiceLevelFormula = formula, ShortAbandonSeconds = shortAbandonSeconds },
                new QueueSettings { Id = "service", ServiceLevelSeconds = 30, ServiceLevelTargetPercent = 80, ServiceLevelFormula = formula, ShortAbandonSeconds = shortAbandonSeconds },
            ],
            Agents =
            [
                new AgentSettings { Id = "a1", Queues = ["sales"] },
                new AgentSettings { Id = "a2", Queues = ["sales", "service"] },
                new AgentSettings { Id = "a3", Queues = ["service"] },
            ],
            Boards = [new BoardSettings { Name = "floor", Queues = ["sales", "service"] }],
        };
        CentreCalendar.TryFindTimeZone("Europe/London", out var london);
        Calendar = new CentreCalendar(london, new TimeOnly(0, 0), 15);
        Engine = new QueueMetricsEngine(Options, Calendar, NineAm);
    }

    public CentreOptions Options { get; }

    public CentreCalendar Calendar { get; }

    public QueueMetricsEngine Engine { get; }

    public static DateTimeOffset At(double seconds) => NineAm.AddSeconds(seconds);

    public string NextId() => $"e{++_nextId}";

    public void Queued(string contact, double at, string queue = "sales") =>
        Engine.Apply(new ContactQueued(NextId(), At(at), contact, queue));

    public void Answered(string contact, double at, string agent = "a1", string queue = "sales") =>
        Engine.Apply(new ContactAnswered(NextId(), At(at), contact, queue, agent));

    public void Abandoned(string contact, double at, string queue = "sales") =>
        Engine.Apply(new ContactAbandoned(NextId(), At(at), contact, queue));

    public void Ended(string contact, double at, string agent = "a1", string queue = "sales") =>
        Engine.Apply(new ContactEnded(NextId(), At(at), contact, queue, agent));

    public void Agent(string agent, AgentState state, double at, string? reason = null) =>
        Engine.Apply(new AgentStateChanged(NextId(), At(at), agent, state, reason));

    /// <summary>A contact answered after <paramref name="wait"/> seconds, arriving at <paramref name="at"/>.</summary>
    public void AnsweredAfter(string contact, double at, double wait, string queue = "sales")
    {
        Queued(contact, at, queue);
        Answered(contact, at + wait, queue: queue);
    }

    public void AbandonedAfter(string contact, double at, double wait, string queue = "sales")
    {
        Queued(contact, at, queue);
        Abandoned(contact, at + wait, queue);
    }

    public BoardSnapshot Snapshot(double at) => Engine.SnapshotOf(Options.Boards[0], "Floor", 1, At(at));

    public QueueSnapshot Queue(string id, double at) => Snapshot(at).Queues.Single(q => q.Id == id);
}

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

/// <summary>
/// A configurable centre for worked examples, in Europe/London with 15-minute intervals: queues
/// <c>sales</c> (T = 20 s), <c>service</c> (T = 30 s) and <c>support</c> (T = 60 s), the group <c>english</c>
/// of sales and service, agents a1 (sales), a2 (sales and service), a3 (service) and a4 (support).
/// Events are written at instants or as seconds after <see cref="Origin"/>; <see cref="Play(AcdEvent[])"/>
/// folds them into a <see cref="QueueMetricsEngine"/> in time order, and <see cref="NewCentreMetrics"/>
/// gives the same centre behind the reorder buffer.
/// </summary>
internal sealed class CentreScript
{
    private int _nextId;

    public CentreScript(DateTimeOffset origin, Action<CentreOptions>? configure = null)
    {
        Options = new CentreOptions
        {
            Centre = new CentreSettings { Name = "Centre", TimeZone = "Europe/London", IntervalMinutes = 15 },
            Queues =
            [
                new QueueSettings { Id = "sales", ServiceLevelSeconds = 20 },
                new QueueSettings { Id = "service", ServiceLevelSeconds = 30 },
                new QueueSettings { Id = "support", ServiceLevelSeconds = 60 },
            ],
            QueueGroups = [new QueueGroupSettings { Id = "english", Queues = ["sales", "service"] }],
            Agents =
            [
                new AgentSettings { Id = "a1", Queues = ["sales"] },
                new AgentSettings { Id = "a2", Queues = ["sales", "service"] },
                new AgentSettings { Id = "a3", Queues = ["service"] },
                new AgentSettings { Id = "a4", Queues = ["support"] },
            ],
            Boards = [new BoardSettings { Name = "floor", Queues = ["sales", "service", "support"] }],
        };
        configure?.Invoke(Options);
        Origin = origin;
        Calendar = CentreCalendar.For(Options.Centre);
        Engine = new QueueMetricsEngine(Options, Calendar, origin);
    }

    public CentreOptions Options { get; }

    public DateTimeOffset Origin { get; }

    public CentreCalendar Calendar { get; }

    public QueueMetricsEngine Engine { get; }

    public QueueSettings QueueSettings(string id) => Options.Queues.Single(q => q.Id == id);

    public DateTimeOffset At(double seconds) => Origin.AddSeconds(seconds);

    /// <summary>A <see cref="CentreMetrics"/> of the same configuration, started at <see cref="Origin"/>.</summary>
    public CentreMetrics NewCentreMetrics() => new(Options, Calendar, Origin);

    public string NextId() => $"e{++_nextId}";

    public ContactQueued Queued(string contact, DateTimeOffset at, string queue = "sales") => new(NextId(), at, contact, queue);

    public ContactQueued Queued(string contact, double at, string queue = "sales") => Queued(contact, At(at), queue);

    public ContactAnswered Answered(string contact, DateTimeOffset at, string queue = "sales", string agent = "a1") =>
        new(NextId(), at, contact, queue, agent);

    public ContactAnswered Answered(string contact, double at, string queue = "sales", string agent = "a1") =>
        Answered(contact, At(at), queue, agent);

    public ContactAbandoned Abandoned(string contact, DateTimeOffset at, string queue = "sales") => new(NextId(), at, contact, queue);

    public ContactAbandoned Abandoned(string contact, double at, string queue = "sales") => Abandoned(contact, At(at), queue);

    public ContactTransferred Transferred(string contact, double at, string queue, string toQueue) =>
        new(NextId(), At(at), contact, queue, toQueue);

    public ContactEnded Ended(string contact, DateTimeOffset at, string queue = "sales", string agent = "a1") =>
        new(NextId(), at, contact, queue, agent);

    public ContactEnded Ended(string contact, double at, string queue = "sales", string agent = "a1") => Ended(contact, At(at), queue, agent);

    public AgentStateChanged Agent(string agent, AgentState state, DateTimeOffset at, string? reason = null) =>
        new(NextId(), at, agent, state, reason);

    public AgentStateChanged Agent(string agent, AgentState state, double at, string? reason = null) => Agent(agent, state, At(at), reason);

    /// <summary>A contact queued at <paramref name="at"/> and answered <paramref name="wait"/> seconds later.</summary>
    public AcdEvent[] AnsweredAfter(string contact, double at, double wait, string queue = "sales", string agent = "a1") =>
        [Queued(contact, at, queue), Answered(contact, at + wait, queue, agent)];

    public AcdEvent[] AnsweredAfter(string contact, DateTimeOffset at, double wait, string queue = "sales", string agent = "a1") =>
        [Queued(contact, at, queue), Answered(contact, at.AddSeconds(wait), queue, agent)];

    /// <summary>A contact queued at <paramref name="at"/> that abandoned <paramref name="wait"/> seconds later.</summary>
    public AcdEvent[] AbandonedAfter(string contact, double at, double wait, string queue = "sales") =>
        [Queued(contact, at, queue), Abandoned(contact, at + wait, queue)];

    /// <summary>Folds the events into the engine in time order (ties as the reorder buffer breaks them).</summary>
    public void Play(params AcdEvent[] events) => Play((IEnumerable<AcdEvent>)events);

    public void Play(IEnumerable<AcdEvent> events)
    {
        foreach (var e in InTimeOrder(events))
        {
            Engine.Apply(e);
        }
    }

    public static IEnumerable<AcdEvent> InTimeOrder(IEnumerable<AcdEvent> events) =>
        events.OrderBy(e => e.At.UtcTicks).ThenBy(RankOf);

    private static int RankOf(AcdEvent e) => e switch
    {
        ContactQueued => 0,
        ContactAnswered or ContactAbandoned or ContactTransferred => 1,
        ContactEnded => 2,
        _ => 3,
    };

    /// <summary>Moves the engine's clock to <paramref name="now"/> and reads the figures of a queue, group or the centre.</summary>
    public QueueSnapshot View(string id, DateTimeOffset now)
    {
        Engine.AdvanceTo(now);
        return Engine.ViewOf(id, now) ?? throw new ArgumentException($"no queue, group or centre '{id}'", nameof(id));
    }

    public QueueSnapshot View(string id, double seconds) => View(id, At(seconds));

    public QueueSnapshot Centre(double seconds) => View(QueueMetricsEngine.CentreId, seconds);

    /// <summary>Every interval of today up to the engine's clock, after moving it to <paramref name="now"/>.</summary>
    public IReadOnlyList<QueueFigures> Intervals(string id, DateTimeOffset now)
    {
        Engine.AdvanceTo(now);
        return Engine.IntervalsOf(id) ?? throw new ArgumentException($"no queue, group or centre '{id}'", nameof(id));
    }

    public static QueueFigures Window(QueueSnapshot snapshot, string name) => snapshot.Sliding.Single(w => w.Window == name);
}

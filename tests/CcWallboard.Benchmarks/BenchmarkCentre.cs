using System.Globalization;
using CcWallboard.Core.Configuration;

namespace CcWallboard.Benchmarks;

/// <summary>
/// The centre every benchmark runs: 10 queues, 1,000 agents each serving 1–3 queues (skills drawn in
/// proportion to the queues' traffic), three queue groups and one board, sliding windows of 15, 30 and 60 minutes.
/// </summary>
internal static class BenchmarkCentre
{
    public const int QueueCount = 10;
    public const int AgentCount = 1_000;
    public const string BoardName = "floor";

    /// <summary>Share of the centre's contacts offered to each queue.</summary>
    public static IReadOnlyList<double> QueueWeights { get; } = [0.22, 0.16, 0.12, 0.10, 0.09, 0.08, 0.07, 0.06, 0.05, 0.05];

    public static string QueueId(int queue) => "q" + queue.ToString("00", CultureInfo.InvariantCulture);

    public static string AgentId(int agent) => "a" + agent.ToString("0000", CultureInfo.InvariantCulture);

    public static CentreOptions Options(int seed = 7)
    {
        var random = new Random(seed);
        var options = new CentreOptions
        {
            Centre = new CentreSettings { Name = "Benchmark centre", TimeZone = "UTC", IntervalMinutes = 15, AllowedLatenessSeconds = 5 },
        };
        double[] thresholds = [20, 30, 60];
        ServiceLevelFormula[] formulas = Enum.GetValues<ServiceLevelFormula>();
        for (var q = 0; q < QueueCount; q++)
        {
            options.Queues.Add(new QueueSettings
            {
                Id = QueueId(q),
                Name = "Queue " + q.ToString(CultureInfo.InvariantCulture),
                ServiceLevelSeconds = thresholds[q % thresholds.Length],
                ServiceLevelTargetPercent = 80,
                ServiceLevelFormula = formulas[q % formulas.Length],
                ShortAbandonSeconds = 5,
                CountWaitingPastThreshold = q % 3 == 0,
            });
        }
        options.QueueGroups.Add(new QueueGroupSettings { Id = "english", Queues = [.. Enumerable.Range(0, 5).Select(QueueId)] });
        options.QueueGroups.Add(new QueueGroupSettings { Id = "spanish", Queues = [QueueId(5), QueueId(6)] });
        options.QueueGroups.Add(new QueueGroupSettings { Id = "business", Queues = [QueueId(7), QueueId(8), QueueId(9)] });
        options.Boards.Add(new BoardSettings { Name = BoardName, Title = "Floor", Queues = [.. Enumerable.Range(0, 6).Select(QueueId)] });

        for (var a = 0; a < AgentCount; a++)
        {
            var skills = 1 + random.Next(3);
            var queues = new List<string>(skills);
            while (queues.Count < skills)
            {
                var queue = QueueId(PickQueue(random));
                if (!queues.Contains(queue))
                {
                    queues.Add(queue);
                }
            }
            options.Agents.Add(new AgentSettings { Id = AgentId(a), TeamId = "t" + (a / 50).ToString("00", CultureInfo.InvariantCulture), Queues = queues });
        }
        return options;
    }

    /// <summary>A queue drawn in proportion to <see cref="QueueWeights"/>.</summary>
    public static int PickQueue(Random random)
    {
        var draw = random.NextDouble();
        for (var q = 0; q < QueueCount - 1; q++)
        {
            draw -= QueueWeights[q];
            if (draw < 0)
            {
                return q;
            }
        }
        return QueueCount - 1;
    }
}

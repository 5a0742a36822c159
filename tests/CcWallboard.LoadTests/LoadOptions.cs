using System.Globalization;

namespace CcWallboard.LoadTests;

/// <summary>What one run measures: the batch sizes (events per request = redis-benchmark's pipelining), the concurrent clients, and how long.</summary>
internal sealed record LoadOptions(IReadOnlyList<int> BatchSizes, int Clients, TimeSpan WarmUp, TimeSpan Measure, TimeSpan RedisBenchmarkTime)
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/CcWallboard.LoadTests -- [--batch-sizes 100,500] [--clients 8] [--seconds 20] [--warmup 5] [--redis-benchmark-seconds 10]
          --batch-sizes    events per HTTP request, and redis-benchmark's -P (commands pipelined per connection)
          --clients        concurrent HTTP clients, and redis-benchmark's -c (connections)
          --seconds        measured time of each HTTP run, after --warmup seconds of the same load
          --redis-benchmark-seconds   about how long each redis-benchmark run lasts (-n is set from a short calibration run)
        """;

    public static LoadOptions? Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LoadOptions([100, 500], 8, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10));
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--batch-sizes" when value is not null && TryParseList(value, out var sizes):
                    options = options with { BatchSizes = sizes };
                    break;
                case "--clients" when TryParse(value, out var clients):
                    options = options with { Clients = clients };
                    break;
                case "--seconds" when TryParse(value, out var seconds):
                    options = options with { Measure = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--warmup" when TryParse(value, out var warmUp):
                    options = options with { WarmUp = TimeSpan.FromSeconds(warmUp) };
                    break;
                case "--redis-benchmark-seconds" when TryParse(value, out var redisSeconds):
                    options = options with { RedisBenchmarkTime = TimeSpan.FromSeconds(redisSeconds) };
                    break;
                default:
                    return null;
            }
            i++;
        }
        return options;
    }

    private static bool TryParse(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    private static bool TryParseList(string text, out IReadOnlyList<int> values)
    {
        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(part, out var value))
            {
                values = [];
                return false;
            }
            list.Add(value);
        }
        values = list;
        return list.Count > 0;
    }
}

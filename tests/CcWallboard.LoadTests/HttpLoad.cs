using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CcWallboard.LoadTests;

/// <summary>
/// Drives <c>POST /api/events</c> from concurrent clients, each sending batches of JSON Lines one after another for a
/// warm-up and then a measured time. Only 200 answers count, with the events they report accepted: a 200 means every
/// event of the batch is in the Redis Stream.
/// </summary>
internal static class HttpLoad
{
    public static async Task<HttpLoadResult> RunAsync(Uri host, string apiKey, string run, int clients, int batchSize,
        IReadOnlyList<string> queues, IReadOnlyList<string> agents, TimeSpan warmUp, TimeSpan measure, IReadOnlyDictionary<string, int> processes)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = host, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var clock = Stopwatch.StartNew();
        var measureFrom = warmUp;
        var measureUntil = warmUp + measure;
        var window = new Window();
        CpuMeter? meter = null;
        using var started = new CancellationTokenSource();

        async Task ClientAsync(int client)
        {
            var batches = new EventBatches(run, client, queues, agents.Where((_, i) => i % clients == client).DefaultIfEmpty(agents[client % agents.Count]).ToList());
            while (clock.Elapsed < measureUntil)
            {
                var body = batches.Next(batchSize, DateTimeOffset.UtcNow);
                using var content = new ReadOnlyMemoryContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                var sent = clock.Elapsed;
                using var response = await http.PostAsync(new Uri("/api/events", UriKind.Relative), content);
                var answer = await response.Content.ReadAsByteArrayAsync();
                var answered = clock.Elapsed;
                if (sent >= measureFrom && answered <= measureUntil)
                {
                    window.Add(response.StatusCode, response.StatusCode == HttpStatusCode.OK ? Accepted(answer) : 0, answered - sent, answer);
                }
            }
        }

        var loops = Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c))).ToArray();
        await Task.Delay(measureFrom);
        meter = CpuMeter.Start(processes);
        await Task.Delay(measure);
        var cpu = meter.Read();
        await Task.WhenAll(loops);
        return window.Result(batchSize, clients, measure, cpu);
    }

    private static long Accepted(byte[] answer)
    {
        using var json = JsonDocument.Parse(answer);
        return json.RootElement.GetProperty("accepted").GetInt64();
    }

    /// <summary>What the measured window saw; requests sent before it or answered after it are left out.</summary>
    private sealed class Window
    {
        private readonly Lock _gate = new();
        private readonly List<double> _latencies = [];
        private readonly Dictionary<HttpStatusCode, int> _statuses = [];
        private long _accepted;
        private string? _firstFailure;

        public void Add(HttpStatusCode status, long accepted, TimeSpan latency, byte[] answer)
        {
            lock (_gate)
            {
                _latencies.Add(latency.TotalMilliseconds);
                _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
                _accepted += accepted;
                if (status != HttpStatusCode.OK)
                {
                    _firstFailure ??= $"{(int)status}: {System.Text.Encoding.UTF8.GetString(answer)}";
                }
            }
        }

        public HttpLoadResult Result(int batchSize, int clients, TimeSpan measure, CpuReading cpu)
        {
            lock (_gate)
            {
                _latencies.Sort();
                double Percentile(double p) => _latencies.Count == 0 ? double.NaN : _latencies[Math.Min(_latencies.Count - 1, (int)Math.Ceiling(p * _latencies.Count) - 1)];
                return new HttpLoadResult(batchSize, clients, measure, _accepted, _latencies.Count, _statuses.GetValueOrDefault(HttpStatusCode.OK),
                    Percentile(0.50), Percentile(0.99), cpu, _firstFailure);
            }
        }
    }
}

/// <summary>One HTTP run: events acknowledged (200 answers only), requests, latency in ms, CPU of the processes measured.</summary>
internal sealed record HttpLoadResult(int BatchSize, int Clients, TimeSpan Measured, long AcceptedEvents, int Requests, int Ok,
    double P50Ms, double P99Ms, CpuReading Cpu, string? FirstFailure)
{
    public double EventsPerSecond => AcceptedEvents / Measured.TotalSeconds;
}

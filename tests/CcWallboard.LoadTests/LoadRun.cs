using System.Globalization;
using System.Text.Json;
using CcWallboard.Testing;
using StackExchange.Redis;

namespace CcWallboard.LoadTests;

/// <summary>
/// One run of issue 4's benchmark: a redis-server of its own (AOF on, as the test fixture starts it), the built host
/// on it, and for each batch size N: redis-benchmark's XADD with N commands pipelined per connection, the same with the
/// id mark the event log writes, then the host fed batches of N events over HTTP — all on the same machine, one after
/// another, with the same number of connections.
/// </summary>
internal static class LoadRun
{
    /// <summary>The stream redis-benchmark appends to (in its own database).</summary>
    private const string BenchStream = "ccw:bench";

    /// <summary>
    /// The event log's append as one server-side step: skip an id already marked, else mark it (with the log's 48 h
    /// retention) and append the event. The host does the same in more round trips: a pipelined EXISTS of every id,
    /// then WATCH/EXISTS/MULTI/SET…EX/XADD/EXEC per chunk of up to 500 events, one transaction at a time per process.
    /// </summary>
    private const string MarkAndAppend =
        "if redis.call('EXISTS', KEYS[1]) == 1 then return false end " +
        "redis.call('SET', KEYS[1], '1', 'EX', ARGV[2]) " +
        "return redis.call('XADD', KEYS[2], '*', 'event', ARGV[1])";

    public static async Task<int> RunAsync(LoadOptions options, TextWriter output)
    {
        var (queues, agents) = ReadCentre();
        var run = (Environment.TickCount64 & 0xFFFFFFFF).ToString("x8", CultureInfo.InvariantCulture);
        var sample = EventBatches.Sample(run, queues, agents);
        var apiKey = "load-test-key-" + Guid.NewGuid().ToString("N");
        await using var redis = await RedisServerFixture.StartAsync();
        await using var connection = await redis.ConnectAsync(allowAdmin: true);
        var server = connection.GetServer(redis.ConnectionString);
        var redisPid = int.Parse((await server.InfoAsync("server")).SelectMany(g => g).Single(p => p.Key == "process_id").Value, CultureInfo.InvariantCulture);
        await using var host = await HostProcess.StartAsync(redis.ConnectionString, apiKey, $"load{run}:");

        output.WriteLine(Invariant($"# {Environment.ProcessorCount} cores, load average {CpuMeter.LoadAverage():0.0}; redis-server {server.Version} on port {redis.Port} (AOF everysec, pid {redisPid}), host pid {host.Pid}, log {host.LogFile}"));
        output.WriteLine(Invariant($"# events: mean {EventBatches.MeanLength(run, queues, agents):0} bytes; redis-benchmark's event ({sample.Length} bytes): {sample}"));
        output.WriteLine(Invariant($"# {options.Clients} connections/clients; HTTP: {options.WarmUp.TotalSeconds:0} s warm-up, {options.Measure.TotalSeconds:0} s measured; redis-benchmark ≈ {options.RedisBenchmarkTime.TotalSeconds:0} s a run"));
        var rows = new List<(HttpLoadResult Http, RedisBenchmarkResult Xadd, RedisBenchmarkResult Marked)>();
        foreach (var batchSize in options.BatchSizes)
        {
            var xadd = await RedisBenchmark.RunAsync("XADD", redis.Port, options.Clients, batchSize,
                ["XADD", BenchStream, "*", "event", sample], randomKeys: false, options.RedisBenchmarkTime, redisPid);
            await FlushBenchDatabaseAsync(connection);
            var marked = await RedisBenchmark.RunAsync("mark+XADD", redis.Port, options.Clients, batchSize,
                ["EVAL", MarkAndAppend, "2", "ccw:bench:id:__rand_int__", BenchStream, sample, "172800"], randomKeys: true, options.RedisBenchmarkTime, redisPid);
            await FlushBenchDatabaseAsync(connection);
            await server.ConfigResetStatisticsAsync();
            var loggedBefore = await connection.GetDatabase().StreamLengthAsync($"load{run}:events");
            var http = await HttpLoad.RunAsync(host.Address, apiKey, run, options.Clients, batchSize, queues, agents, options.WarmUp, options.Measure,
                new Dictionary<string, int> { ["host"] = host.Pid, ["redis"] = redisPid, ["tool"] = Environment.ProcessId });
            var loggedDuring = await connection.GetDatabase().StreamLengthAsync($"load{run}:events") - loggedBefore;
            rows.Add((http, xadd, marked));
            WriteRun(output, http, xadd, marked);
            await WriteCommandsPerEventAsync(output, server, loggedDuring);
        }
        var logged = await connection.GetDatabase().StreamLengthAsync($"load{run}:events");
        var acknowledged = rows.Sum(r => r.Http.AcceptedEvents);
        output.WriteLine(Invariant($"# the host's stream holds {logged:N0} entries; the measured windows acknowledged {acknowledged:N0} (the rest: warm-ups and requests straddling a window's edges)"));
        output.WriteLine();
        WriteTable(output, rows);
        return rows.All(r => r.Http.Ok == r.Http.Requests && r.Http.Requests > 0) ? 0 : 1;
    }

    /// <summary>Empties redis-benchmark's database in the background (FLUSHDB ASYNC): freeing millions of entries at once outlasts the client's timeout on a loaded machine.</summary>
    private static async Task FlushBenchDatabaseAsync(ConnectionMultiplexer connection) =>
        await connection.GetDatabase(RedisBenchmark.Database).ExecuteAsync("FLUSHDB", "ASYNC");

    private static void WriteRun(TextWriter output, HttpLoadResult http, RedisBenchmarkResult xadd, RedisBenchmarkResult marked)
    {
        foreach (var bench in new[] { xadd, marked })
        {
            output.WriteLine(Invariant($"redis-benchmark {bench.Name} -c {bench.Clients} -P {bench.Pipeline}: {bench.CommandsPerSecond:N0}/s over {bench.Requests:N0}, p50 {bench.P50Ms:0.0} ms, p99 {bench.P99Ms:0.0} ms per pipelined round trip; redis-server {bench.RedisCores:0.00} cores, redis-benchmark {bench.BenchmarkCores:0.00} cores; load {bench.LoadAtStart:0.0}→{bench.LoadAtEnd:0.0}"));
            output.WriteLine("    " + bench.CommandLine);
        }
        var cores = http.Cpu.Cores;
        output.WriteLine(Invariant($"HTTP batches of {http.BatchSize} from {http.Clients} clients: {http.EventsPerSecond:N0} events/s acknowledged ({http.Ok:N0} of {http.Requests:N0} requests 200, {http.AcceptedEvents:N0} events in {http.Measured.TotalSeconds:0} s); latency p50 {http.P50Ms:0.0} ms, p99 {http.P99Ms:0.0} ms; CPU host {cores["host"]:0.00}, redis-server {cores["redis"]:0.00}, this tool {cores["tool"]:0.00} cores; load {http.Cpu.LoadAtStart:0.0}→{http.Cpu.LoadAtEnd:0.0}"));
        if (http.FirstFailure is { } failure)
        {
            output.WriteLine("    first failure: " + failure[..Math.Min(failure.Length, 400)]);
        }
    }

    /// <summary>
    /// What Redis did for each event the host appended during the HTTP run (warm-up included): the commands it received,
    /// from its own <c>INFO commandstats</c> (reset before the run), per event appended, and its time in them.
    /// </summary>
    private static async Task WriteCommandsPerEventAsync(TextWriter output, IServer server, long appended)
    {
        var stats = (await server.InfoAsync("commandstats")).SelectMany(g => g)
            .Select(p => (Command: p.Key.Replace("cmdstat_", "", StringComparison.Ordinal), Fields: p.Value.Split(',')
                .Select(f => f.Split('=')).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal)))
            .Where(s => s.Command is not ("config" or "info" or "xlen"))
            .Select(s => (s.Command, Calls: long.Parse(s.Fields["calls"], CultureInfo.InvariantCulture), Usec: long.Parse(s.Fields["usec"], CultureInfo.InvariantCulture)))
            .OrderByDescending(s => s.Calls).ToList();
        if (appended <= 0)
        {
            return;
        }
        var perEvent = string.Join(", ", stats.Select(s => Invariant($"{s.Command} {(double)s.Calls / appended:0.00}")));
        output.WriteLine(Invariant($"    Redis during the HTTP run (warm-up included, {appended:N0} events appended): {stats.Sum(s => s.Calls) / (double)appended:0.00} commands per event ({perEvent}); {stats.Sum(s => s.Usec) / (double)appended:0.0} µs of Redis command time per event"));
    }

    private static void WriteTable(TextWriter output, List<(HttpLoadResult Http, RedisBenchmarkResult Xadd, RedisBenchmarkResult Marked)> rows)
    {
        output.WriteLine("| Batch = -P | Clients = -c | HTTP events/s (200 only) | p50 / p99 request | Host CPU | Redis CPU (HTTP run) | Tool CPU | redis-benchmark XADD/s | HTTP ÷ XADD | mark+XADD/s | HTTP ÷ mark+XADD | Load avg |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (http, xadd, marked) in rows)
        {
            var cores = http.Cpu.Cores;
            output.WriteLine(Invariant($"| {http.BatchSize} | {http.Clients} | {http.EventsPerSecond:N0} | {http.P50Ms:0} / {http.P99Ms:0} ms | {cores["host"]:0.00} | {cores["redis"]:0.00} | {cores["tool"]:0.00} | {xadd.CommandsPerSecond:N0} | {http.EventsPerSecond / xadd.CommandsPerSecond:P0} | {marked.CommandsPerSecond:N0} | {http.EventsPerSecond / marked.CommandsPerSecond:P0} | {xadd.LoadAtStart:0.0}–{http.Cpu.LoadAtEnd:0.0} |"));
        }
    }

    /// <summary>The example centre's queue and agent ids (config/centre.json beside the host): events must name them.</summary>
    private static (IReadOnlyList<string> Queues, IReadOnlyList<string> Agents) ReadCentre()
    {
        using var centre = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "centre.json")));
        static List<string> Ids(JsonElement list) => [.. list.EnumerateArray().Select(e => e.GetProperty("Id").GetString()!)];
        return (Ids(centre.RootElement.GetProperty("Queues")), Ids(centre.RootElement.GetProperty("Agents")));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

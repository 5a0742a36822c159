using System.Diagnostics;
using System.Globalization;

namespace CcWallboard.LoadTests;

/// <summary>
/// Runs <c>redis-benchmark</c> with a custom command at a given pipelining (<c>-P</c>) and number of connections
/// (<c>-c</c>), in database 1 (the host uses database 0), for about a given time: <c>-n</c> comes from a short
/// calibration run. Its own CPU time is read by <c>/usr/bin/time</c>, Redis's by <see cref="CpuMeter"/>.
/// </summary>
internal static class RedisBenchmark
{
    public const int Database = 1;

    public static async Task<RedisBenchmarkResult> RunAsync(string name, int port, int clients, int pipeline, IReadOnlyList<string> command,
        bool randomKeys, TimeSpan duration, int redisPid)
    {
        var calibration = await RunOnceAsync(port, clients, pipeline, command, randomKeys, Math.Max(20_000, clients * pipeline * 20), redisPid);
        var requests = (long)(calibration.CommandsPerSecond * duration.TotalSeconds);
        requests -= requests % (clients * pipeline);
        var result = await RunOnceAsync(port, clients, pipeline, command, randomKeys, Math.Max(requests, clients * pipeline), redisPid);
        return result with { Name = name };
    }

    private static async Task<RedisBenchmarkResult> RunOnceAsync(int port, int clients, int pipeline, IReadOnlyList<string> command,
        bool randomKeys, long requests, int redisPid)
    {
        var timing = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("/usr/bin/time")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            string[] arguments =
            [
                "-f", "%e %U %S", "-o", timing,
                "redis-benchmark", "-p", port.ToString(CultureInfo.InvariantCulture), "--dbnum", Database.ToString(CultureInfo.InvariantCulture),
                "-c", Invariant(clients), "-P", Invariant(pipeline), "-n", Invariant(requests), "--csv",
                .. randomKeys ? (string[])["-r", "1000000000"] : [],
                .. command,
            ];
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            var meter = CpuMeter.Start(new Dictionary<string, int> { ["redis"] = redisPid });
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-benchmark");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var cpu = meter.Read();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"redis-benchmark exited with {process.ExitCode}: {await errors}");
            }
            // --csv: a header line, then "<command>","rps","avg","min","p50","p95","p99","max" (the command itself may hold commas).
            var line = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
            var fields = line.Split("\",\"");
            double Field(int fromEnd) => double.Parse(fields[^fromEnd].Trim('"'), CultureInfo.InvariantCulture);
            var times = (await File.ReadAllTextAsync(timing)).Trim().Split('\n')[^1].Split(' ');
            var benchmarkCpu = (double.Parse(times[1], CultureInfo.InvariantCulture) + double.Parse(times[2], CultureInfo.InvariantCulture))
                / double.Parse(times[0], CultureInfo.InvariantCulture);
            return new RedisBenchmarkResult("", clients, pipeline, requests, Field(7), Field(3), Field(2), cpu.Cores["redis"], benchmarkCpu,
                cpu.LoadAtStart, cpu.LoadAtEnd, string.Join(' ', arguments.Skip(4).Select(Quote)));
        }
        finally
        {
            File.Delete(timing);
        }
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The argument as a POSIX shell word, so the printed command line can be pasted into a shell.</summary>
    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>One redis-benchmark run: commands per second, its latency (ms per pipelined round trip), and CPU used.</summary>
internal sealed record RedisBenchmarkResult(string Name, int Clients, int Pipeline, long Requests, double CommandsPerSecond, double P50Ms, double P99Ms,
    double RedisCores, double BenchmarkCores, double LoadAtStart, double LoadAtEnd, string CommandLine);

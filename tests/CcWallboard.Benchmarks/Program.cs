using BenchmarkDotNet.Running;
using CcWallboard.Benchmarks;

if (args is ["--describe-traffic", ..])
{
    // Not a benchmark: prints what the generated feeds hold, for docs/benchmarks.md.
    TrafficDescription.Print(Console.Out);
    return;
}
if (args is ["--describe-adherence", ..])
{
    // Not a benchmark: the adherence day, memory per agent and the whole day's CPU time, for docs/benchmarks.md.
    AdherenceDescription.Print(Console.Out);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(EventThroughputBenchmarks).Assembly).Run(args);

using BenchmarkDotNet.Running;
using CcWallboard.Benchmarks;

if (args is ["--describe-traffic", ..])
{
    // Not a benchmark: prints what the generated feeds hold, for docs/benchmarks.md.
    TrafficDescription.Print(Console.Out);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(EventThroughputBenchmarks).Assembly).Run(args);

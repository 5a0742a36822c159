using CcWallboard.LoadTests;

// Issue 4's load benchmark (not a test: tests/run.sh runs only *.Tests projects). See docs/benchmarks.md.
if (LoadOptions.Parse(args) is not { } options)
{
    await Console.Error.WriteLineAsync(LoadOptions.Usage);
    return 2;
}
return await LoadRun.RunAsync(options, Console.Out);

using CcWallboard.Cli;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Core.Tests.Cli;

/// <summary>Runs <c>ccwallboard</c> in-process with captured output, a fake clock and a base folder of the test's choosing.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args) => Of(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)), AppContext.BaseDirectory, args);

    public static CliRun Of(TimeProvider time, string baseDirectory, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = CliApplication.CreateDefault().Run(args, new CliContext(output, error, time, baseDirectory));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary folder, deleted with everything in it when disposed.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ccwallboard-tests-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

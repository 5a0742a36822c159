using System.Diagnostics;
using CcWallboard.Testing;

namespace CcWallboard.Host.Tests.Ingestion;

/// <summary>
/// The built host (CcWallboard.Host.dll beside the tests) running as its own process on a free loopback port,
/// as an operator runs it — so a test can kill it with SIGKILL mid-stream.
/// </summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private RunningHost(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public static async Task<RunningHost> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var port = HostStartup.FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CcWallboard.Host.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Simulator__Enabled"] = "false";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var host = new RunningHost(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        if (await HostStartup.WaitReadyAsync(host.Address, () => host._process.HasExited, () => host.Output, TimeSpan.FromSeconds(30)))
        {
            return host;
        }
        await host.DisposeAsync();
        throw new TimeoutException("The host was not ready within 30 s: " + host.Output);
    }

    /// <summary>SIGKILL: the process gets no chance to flush, checkpoint or acknowledge anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }
}

using System.Diagnostics;
using CcWallboard.Testing;

namespace CcWallboard.LoadTests;

/// <summary>
/// The built host (CcWallboard.Host.dll beside this tool) as its own process, as an operator runs it: the example
/// centre of config/centre.json, Redis as its event log, one API key, the simulator off. Its console output goes to a
/// file so that logging costs what it costs in production without filling a pipe.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri address, string logFile)
    {
        _process = process;
        Address = address;
        LogFile = logFile;
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    public string LogFile { get; }

    public static async Task<HostProcess> StartAsync(string redis, string apiKey, string keyPrefix)
    {
        var port = HostStartup.FreeLoopbackPort();
        var logFile = Path.Combine(Path.GetTempPath(), $"ccw-load-host-{port}.log");
        var dll = Path.Combine(AppContext.BaseDirectory, "CcWallboard.Host.dll");
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"exec dotnet \"{dll}\" > \"{logFile}\" 2>&1"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Simulator__Enabled"] = "false";
        start.Environment["ConnectionStrings__Redis"] = redis;
        start.Environment["Storage__KeyPrefix"] = keyPrefix;
        start.Environment["Ingestion__ApiKeys__load"] = apiKey;
        var host = new HostProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the host"),
            new Uri($"http://127.0.0.1:{port}/"), logFile);
        if (await HostStartup.WaitReadyAsync(host.Address, () => host._process.HasExited, () => File.ReadAllText(logFile), TimeSpan.FromSeconds(60)))
        {
            return host;
        }
        await host.DisposeAsync();
        throw new TimeoutException("The host was not ready within 60 s; its log: " + logFile);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

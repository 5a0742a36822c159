using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

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
        var port = FreePort();
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
        using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (host._process.HasExited)
            {
                throw new InvalidOperationException("The host exited at start: " + await File.ReadAllTextAsync(logFile));
            }
            try
            {
                if ((await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        await host.DisposeAsync();
        throw new TimeoutException("The host was not ready within 60 s; its log: " + logFile);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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

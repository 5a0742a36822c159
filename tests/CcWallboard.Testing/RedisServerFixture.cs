using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;
using Xunit;

namespace CcWallboard.Testing;

/// <summary>
/// A real <c>redis-server</c> (from PATH) on a free loopback port, with its own temporary directory and
/// the settings an event log needs: no RDB snapshots, AOF on with <c>appendfsync everysec</c>,
/// <c>maxmemory-policy noeviction</c>. Use it as an xunit class or collection fixture, or on its own with
/// <see cref="StartAsync"/>. When <c>redis-server</c> is missing, starting fails (tests never skip):
/// <c>./tests/run.sh</c> installs it.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly StringBuilder output = new();
    private Process? process;
    private string? redisServerPath;

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The server's working directory (the AOF files live here).</summary>
    public string DataDirectory { get; private set; } = "";

    /// <summary>For StackExchange.Redis: <c>127.0.0.1:PORT</c>.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>What the server has printed so far (its log), for failure messages.</summary>
    public string ServerOutput
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts a server for use outside xunit's fixture lifetime; dispose it to stop it.</summary>
    public static async Task<RedisServerFixture> StartAsync()
    {
        var fixture = new RedisServerFixture();
        try
        {
            await fixture.InitializeAsync();
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    public async Task InitializeAsync()
    {
        redisServerPath = FindOnPath("redis-server") ?? throw new InvalidOperationException(
            "redis-server was not found on PATH. The Redis tests need a real server: run ./tests/run.sh, which installs it " +
            "(Debian package redis-server), or install it yourself (apt-get install redis-server).");
        DataDirectory = Directory.CreateTempSubdirectory("ccw-redis-").FullName;

        // Another process may take the free port between probing and binding: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            try
            {
                await StartServerAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && ServerOutput.Contains("Address already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    /// <summary>A new multiplexer on the server (the caller disposes it).</summary>
    public Task<ConnectionMultiplexer> ConnectAsync(bool allowAdmin = false)
    {
        var options = ConfigurationOptions.Parse(ConnectionString);
        options.AllowAdmin = allowAdmin;
        options.AbortOnConnectFail = false;
        return ConnectionMultiplexer.ConnectAsync(options);
    }

    /// <summary>Deletes every key in every database.</summary>
    public async Task FlushAsync()
    {
        await using var multiplexer = await ConnectAsync(allowAdmin: true);
        await multiplexer.GetServer(ConnectionString).FlushAllDatabasesAsync();
    }

    /// <summary>
    /// Shuts the server down cleanly (the AOF is synced) and starts it again on the same port and
    /// directory: what it held is reloaded from the AOF. Connected clients see a disconnect and reconnect.
    /// </summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAgainAsync();
    }

    /// <summary>Shuts the server down cleanly (the AOF is synced); clients see it gone until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        var running = process ?? throw new InvalidOperationException("The server is not running.");
        try
        {
            // No reply when it succeeds: the server closes the connection and exits.
            await SendAsync("SHUTDOWN\r\n");
        }
        catch (IOException)
        {
        }
        using (var timeout = new CancellationTokenSource(StartTimeout))
        {
            await running.WaitForExitAsync(timeout.Token);
        }
        running.Dispose();
        process = null;
    }

    /// <summary>Starts a stopped server again on the same port and directory, reloading the AOF.</summary>
    public Task StartAgainAsync() =>
        process is null ? StartServerAsync() : throw new InvalidOperationException("The server is running.");

    /// <summary>Freezes the server (SIGSTOP): it accepts connections but answers nothing, like a stalled host.</summary>
    public Task PauseAsync() => SignalAsync("STOP");

    /// <summary>Lets a paused server run again (SIGCONT); it then answers what it was sent meanwhile.</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    public async Task DisposeAsync()
    {
        if (process is { } running)
        {
            process = null;
            try
            {
                if (!running.HasExited)
                {
                    running.Kill(entireProcessTree: true);
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await running.WaitForExitAsync(timeout.Token);
                }
            }
            catch (InvalidOperationException)
            {
                // It had exited already.
            }
            finally
            {
                running.Dispose();
            }
        }
        if (DataDirectory.Length > 0 && Directory.Exists(DataDirectory))
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open: the temp directory is cleaned by the system.
            }
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private async Task StartServerAsync()
    {
        lock (output)
        {
            output.Clear();
        }
        var startInfo = new ProcessStartInfo(redisServerPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        foreach (var argument in new[]
        {
            "--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--maxmemory-policy", "noeviction",
            "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--dir", DataDirectory,
            "--daemonize", "no",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var started = new Process { StartInfo = startInfo };
        started.OutputDataReceived += (_, e) => Append(e.Data);
        started.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!started.Start())
        {
            started.Dispose();
            throw new InvalidOperationException($"Could not start {redisServerPath}.");
        }
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (started.HasExited)
            {
                process = null;
                started.WaitForExit();
                var code = started.ExitCode;
                started.Dispose();
                throw new InvalidOperationException(
                    $"redis-server exited with code {code} before answering PING on port {Port}:{Environment.NewLine}{ServerOutput}");
            }
            try
            {
                if (await SendAsync("PING\r\n") == "+PONG")
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
            {
                // Not listening yet.
            }
            if (deadline.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException(
                    $"redis-server did not answer PING on port {Port} within {StartTimeout.TotalSeconds} s:{Environment.NewLine}{ServerOutput}");
            }
            await Task.Delay(25);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    /// <summary>Sends one inline command over a fresh socket; returns the first line of the reply.</summary>
    private async Task<string?> SendAsync(string command)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command), timeout.Token);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync(timeout.Token);
    }

    private async Task SignalAsync(string signal)
    {
        var running = process ?? throw new InvalidOperationException("The server is not running.");
        using var kill = Process.Start(new ProcessStartInfo("kill")
        {
            ArgumentList = { "-" + signal, running.Id.ToString(CultureInfo.InvariantCulture) },
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not run kill.");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {running.Id} exited with code {kill.ExitCode}.");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string program)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}

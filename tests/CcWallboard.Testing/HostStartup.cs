using System.Net;
using System.Net.Sockets;

namespace CcWallboard.Testing;

/// <summary>What starting the built host as its own process needs: a free loopback port, and the wait until it is ready.</summary>
public static class HostStartup
{
    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Polls <c>GET /health/ready</c> every 100 ms until it answers 200 (true) or <paramref name="within"/> has passed
    /// (false). Throws when <paramref name="hasExited"/> says the process ended, with <paramref name="output"/>'s text.
    /// </summary>
    public static async Task<bool> WaitReadyAsync(Uri address, Func<bool> hasExited, Func<string> output, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(hasExited);
        ArgumentNullException.ThrowIfNull(output);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (hasExited())
            {
                throw new InvalidOperationException("The host exited at start: " + output());
            }
            try
            {
                if ((await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        return false;
    }
}

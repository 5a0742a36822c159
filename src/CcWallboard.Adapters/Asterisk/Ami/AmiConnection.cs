using System.Net.Sockets;
using System.Text;

namespace CcWallboard.Adapters.Asterisk.Ami;

/// <summary>
/// One TCP connection to an Asterisk manager interface: reads the banner (<c>Asterisk Call Manager/x.y</c>), logs in,
/// sends actions and reads packets. Packets that break the framing are counted in <see cref="MalformedFrames"/> and
/// skipped. One reader and one writer at a time.
/// </summary>
public sealed class AmiConnection : IAsyncDisposable, IDisposable
{
    /// <summary>How every manager interface introduces itself (the first line the server sends).</summary>
    public const string BannerPrefix = "Asterisk Call Manager";

    private readonly TcpClient? _client;
    private readonly Stream _stream;
    private readonly AmiFrameReader _reader;
    private long _malformedFrames;
    private long _framesRead;
    private int _nextActionId;

    private AmiConnection(TcpClient? client, Stream stream, string banner)
    {
        _client = client;
        _stream = stream;
        _reader = new AmiFrameReader(stream);
        Banner = banner;
    }

    /// <summary>The banner line, e.g. <c>Asterisk Call Manager/9.0.0</c>.</summary>
    public string Banner { get; private set; }

    /// <summary>Packets read that were not usable (no colon, no Event/Response, oversized, cut short), each skipped.</summary>
    public long MalformedFrames => Interlocked.Read(ref _malformedFrames);

    /// <summary>Packets read, malformed ones included.</summary>
    public long FramesRead => Interlocked.Read(ref _framesRead);

    /// <summary>The reason of the last malformed packet, or null.</summary>
    public string? LastMalformedReason { get; private set; }

    /// <summary>Connects over TCP and reads the banner; fails with <see cref="AmiProtocolException"/> when the peer is not a manager interface.</summary>
    public static async Task<AmiConnection> ConnectAsync(string host, int port, AmiSocketOptions? socketOptions, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var client = new TcpClient { NoDelay = true };
        try
        {
            (socketOptions ?? new AmiSocketOptions()).Apply(client.Client);
            await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            var connection = new AmiConnection(client, client.GetStream(), "");
            await connection.ReadBannerAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>A connection over an already open stream (the banner is read from it first).</summary>
    public static async Task<AmiConnection> OpenAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var connection = new AmiConnection(null, stream, "");
        await connection.ReadBannerAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// Sends <c>Action: Login</c> with the user name, secret and an ActionID, and waits for its response. A response
    /// other than <c>Success</c> fails with <see cref="AmiLoginException"/> (Asterisk then closes the connection).
    /// </summary>
    public async Task LoginAsync(string username, string secret, string? eventMask, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentNullException.ThrowIfNull(secret);
        var fields = new List<(string, string)> { ("Username", username), ("Secret", secret) };
        if (!string.IsNullOrWhiteSpace(eventMask))
        {
            fields.Add(("Events", eventMask));
        }
        var actionId = await SendActionAsync("Login", fields, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var message = await ReadAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new AmiProtocolException("the connection closed before the login response");
            if (message.Response is null || (message.ActionId is { } id && id != actionId))
            {
                continue; // nothing else is expected before the login response; whatever comes is not ours
            }
            if (!string.Equals(message.Response, "Success", StringComparison.OrdinalIgnoreCase))
            {
                throw new AmiLoginException(message.Response, message["Message"]);
            }
            return;
        }
    }

    /// <summary>Sends an action with a new ActionID (added to <paramref name="fields"/>) and returns that ActionID.</summary>
    public async Task<string> SendActionAsync(string action, IEnumerable<(string Key, string Value)> fields, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(fields);
        var actionId = $"ccwallboard-{action.ToLowerInvariant()}-{Interlocked.Increment(ref _nextActionId)}";
        var message = new AmiMessage(
            new[] { ("Action", action), ("ActionID", actionId) }.Concat(fields).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        var bytes = Encoding.UTF8.GetBytes(message.ToWire());
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        return actionId;
    }

    /// <summary>The next usable packet; null when the server closed the connection. Malformed packets are counted and skipped.</summary>
    public async ValueTask<AmiMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await ReadPacketAsync(cancellationToken).ConfigureAwait(false);
            if (read.Message is not null || read.EndOfStream)
            {
                return read.Message;
            }
        }
    }

    /// <summary>The next packet: a message, a malformed packet (counted, with its reason), or the end of the stream.</summary>
    internal async ValueTask<AmiPacket> ReadPacketAsync(CancellationToken cancellationToken)
    {
        var frame = await _reader.ReadFrameAsync(cancellationToken).ConfigureAwait(false);
        if (frame is null)
        {
            return new AmiPacket(null, null, EndOfStream: true);
        }
        Interlocked.Increment(ref _framesRead);
        var reason = frame.Defect;
        if (reason is null && AmiMessage.TryParse(frame.Lines, out var message, out reason))
        {
            return new AmiPacket(message, null, EndOfStream: false);
        }
        Interlocked.Increment(ref _malformedFrames);
        LastMalformedReason = reason;
        return new AmiPacket(null, reason, EndOfStream: false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _client?.Dispose();
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client?.Dispose();
    }

    private async Task ReadBannerAsync(CancellationToken cancellationToken)
    {
        var banner = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new AmiProtocolException("the connection closed before the banner");
        if (!banner.StartsWith(BannerPrefix, StringComparison.Ordinal))
        {
            throw new AmiProtocolException($"not a manager interface: the banner is '{(banner.Length > 80 ? banner[..80] : banner)}'");
        }
        Banner = banner;
    }
}

/// <summary>One packet read: a <paramref name="Message"/>, or a malformed packet and why, or the end of the stream.</summary>
internal readonly record struct AmiPacket(AmiMessage? Message, string? MalformedReason, bool EndOfStream);

/// <summary>TCP settings of a manager connection: keep-alive probes find a peer that vanished without closing.</summary>
public sealed class AmiSocketOptions
{
    /// <summary>Idle time before the first keep-alive probe; zero or less turns keep-alive off.</summary>
    public TimeSpan KeepAliveTime { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(10);

    public int KeepAliveRetryCount { get; init; } = 3;

    internal void Apply(Socket socket)
    {
        if (KeepAliveTime <= TimeSpan.Zero)
        {
            return;
        }
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, Math.Max(1, (int)KeepAliveTime.TotalSeconds));
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, Math.Max(1, (int)KeepAliveInterval.TotalSeconds));
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, Math.Max(1, KeepAliveRetryCount));
    }
}

/// <summary>The peer broke the manager protocol (no banner, closed during login).</summary>
public sealed class AmiProtocolException : Exception
{
    public AmiProtocolException()
    {
    }

    public AmiProtocolException(string message) : base(message)
    {
    }

    public AmiProtocolException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>The manager interface refused the login (<c>Response: Error</c>, e.g. <c>Authentication failed</c>).</summary>
public sealed class AmiLoginException : Exception
{
    public AmiLoginException()
    {
    }

    public AmiLoginException(string message) : base(message)
    {
    }

    public AmiLoginException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public AmiLoginException(string response, string? serverMessage)
        : base($"login refused: Response: {response}{(serverMessage is null ? "" : $", Message: {serverMessage}")}")
    {
        ServerMessage = serverMessage;
    }

    /// <summary>The server's <c>Message</c>, e.g. <c>Authentication failed</c>.</summary>
    public string? ServerMessage { get; }
}

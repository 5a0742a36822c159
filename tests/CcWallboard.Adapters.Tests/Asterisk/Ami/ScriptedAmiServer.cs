using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CcWallboard.Adapters.Asterisk.Ami;

namespace CcWallboard.Adapters.Tests.Asterisk.Ami;

/// <summary>What the scripted server plays and how it misbehaves.</summary>
internal sealed class ScriptOptions
{
    public string Banner { get; init; } = "Asterisk Call Manager/9.0.0";

    public string Username { get; init; } = "wallboard";

    public string Secret { get; init; } = "s3cret";

    /// <summary>The live events to play (by default the recorded session, stamped with its queue_log times).</summary>
    public IReadOnlyList<AmiMessage>? Events { get; init; }

    /// <summary>Refuse this many logins first, with <c>Response: Error</c> (even with the right secret), then accept.</summary>
    public int RefuseFirstLogins { get; init; }

    /// <summary>Close the connection once after this many events have been played, each position once.</summary>
    public IReadOnlyList<int> DropAfter { get; init; } = [];

    /// <summary>Events lost while the connection is down: dropping at a key, play resumes at its value.</summary>
    public IReadOnlyDictionary<int, int> ResumeAt { get; init; } = new Dictionary<int, int>();

    /// <summary>Raw packets (each with its ending empty line) written, once, before the event at a position.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> RawPacketsBefore { get; init; } = new Dictionary<int, IReadOnlyList<string>>();

    public string LineEnding { get; init; } = "\r\n";

    /// <summary>Answer QueueStatus with <c>Response: Error</c> (as for a user without the permission), then play on.</summary>
    public bool RefuseQueueStatus { get; init; }
}

/// <summary>
/// A manager interface on the loopback that speaks the AMI protocol and plays a recorded session: sends the banner,
/// checks <c>Action: Login</c> (Username, Secret, ActionID), answers <c>Action: QueueStatus</c> with the state of the
/// session at the point reached, then writes the events that follow as <c>Key: Value</c> packets. One connection at a
/// time; a later connection goes on where the last one stopped, as a real Asterisk would (minus what it lost).
/// </summary>
internal sealed class ScriptedAmiServer : IAsyncDisposable
{
    private readonly ScriptOptions _options;
    private readonly IReadOnlyList<AmiMessage> _events;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _played = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<int> _dropped = [];
    private readonly HashSet<int> _rawWritten = [];
    private readonly Task _serving;
    private int _position;
    private int _connections;
    private int _loginsAccepted;
    private int _loginsRefused;
    private long _framesSent;

    public ScriptedAmiServer(ScriptOptions? options = null)
    {
        _options = options ?? new ScriptOptions();
        _events = _options.Events ?? AmiSession.StampedEvents;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _serving = ServeAsync(_stop.Token);
    }

    public int Port { get; }

    public int Connections => Volatile.Read(ref _connections);

    public int LoginsAccepted => Volatile.Read(ref _loginsAccepted);

    public int LoginsRefused => Volatile.Read(ref _loginsRefused);

    /// <summary>Packets written on connections whose login was accepted (the login response included).</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>The actions the clients sent, in order.</summary>
    public ConcurrentQueue<AmiMessage> Actions { get; } = new();

    /// <summary>Completes when every event has been written.</summary>
    public Task Played => _played.Task;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            using (client)
            {
                try
                {
                    await ServeConnectionAsync(client, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // the client went away, or the server stops
                }
            }
        }
    }

    private async Task ServeConnectionAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var writer = new Connection(stream, _options.LineEnding);
        await writer.WriteRawAsync(_options.Banner + "\r\n", cancellationToken);

        var login = await ReadActionAsync(reader, cancellationToken);
        if (login is null)
        {
            return;
        }
        var accepted = login["Action"] == "Login" && login["Username"] == _options.Username && login["Secret"] == _options.Secret
            && login.ActionId is not null && Volatile.Read(ref _loginsRefused) >= _options.RefuseFirstLogins;
        if (!accepted)
        {
            Interlocked.Increment(ref _loginsRefused);
            await writer.WriteAsync(AmiMessage.Of(("Response", "Error"), ("ActionID", login.ActionId ?? ""), ("Message", "Authentication failed")), cancellationToken);
            await writer.FlushAsync(cancellationToken);
            client.Client.Shutdown(SocketShutdown.Send);
            return; // Asterisk closes the connection after a failed login
        }
        Interlocked.Increment(ref _loginsAccepted);
        await SendAsync(writer, AmiMessage.Of(("Response", "Success"), ("ActionID", login.ActionId!), ("Message", "Authentication accepted")), cancellationToken);
        await SendAsync(writer, AmiMessage.Of(("Event", "FullyBooted"), ("Privilege", "system,all"), ("Uptime", "7"), ("LastReload", "7"), ("Status", "Fully Booted")), cancellationToken);
        await writer.FlushAsync(cancellationToken);

        var status = await ReadActionAsync(reader, cancellationToken);
        if (status is null || status["Action"] != "QueueStatus" || status.ActionId is not { } actionId)
        {
            return;
        }
        var answer = _options.RefuseQueueStatus
            ? [AmiMessage.Of(("Response", "Error"), ("ActionID", actionId), ("Message", "Permission denied"))]
            : AmiSession.QueueStatusAnswer(_position, actionId);
        foreach (var message in answer)
        {
            await SendAsync(writer, message, cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);

        while (_position < _events.Count)
        {
            if (_options.RawPacketsBefore.TryGetValue(_position, out var raw) && _rawWritten.Add(_position))
            {
                foreach (var packet in raw)
                {
                    await writer.WriteRawAsync(packet, cancellationToken);
                    Interlocked.Increment(ref _framesSent);
                }
            }
            await SendAsync(writer, _events[_position], cancellationToken);
            _position++;
            if (_options.DropAfter.Contains(_position) && _dropped.Add(_position))
            {
                await writer.FlushAsync(cancellationToken);
                _position = _options.ResumeAt.GetValueOrDefault(_position, _position);
                client.Client.Shutdown(SocketShutdown.Send);
                await DrainAsync(reader, cancellationToken);
                return;
            }
        }
        await writer.FlushAsync(cancellationToken);
        _played.TrySetResult();
        await DrainAsync(reader, cancellationToken); // keep the connection open until the client leaves
    }

    private async Task SendAsync(Connection writer, AmiMessage message, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(message, cancellationToken);
        Interlocked.Increment(ref _framesSent);
    }

    private async Task<AmiMessage?> ReadActionAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (fields.Count == 0)
                {
                    continue;
                }
                var action = new AmiMessage(fields);
                Actions.Enqueue(action);
                return action;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            fields.Add(new(line[..colon], line[(colon + 1)..].TrimStart()));
        }
        return null;
    }

    private static async Task DrainAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is not null)
        {
        }
    }

    /// <summary>Writes packets as the wire carries them: <c>Key: Value</c> lines and an empty line, buffered until flushed.</summary>
    private sealed class Connection(NetworkStream stream, string lineEnding)
    {
        private readonly StringBuilder _pending = new();

        public Task WriteAsync(AmiMessage message, CancellationToken cancellationToken)
        {
            foreach (var (key, value) in message.Fields)
            {
                _pending.Append(key).Append(": ").Append(value).Append(lineEnding);
            }
            _pending.Append(lineEnding);
            return _pending.Length > 32 * 1024 ? FlushAsync(cancellationToken) : Task.CompletedTask;
        }

        public Task WriteRawAsync(string text, CancellationToken cancellationToken)
        {
            _pending.Append(text);
            return FlushAsync(cancellationToken);
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_pending.Length == 0)
            {
                return;
            }
            var bytes = Encoding.UTF8.GetBytes(_pending.ToString());
            _pending.Clear();
            await stream.WriteAsync(bytes, cancellationToken);
        }
    }
}

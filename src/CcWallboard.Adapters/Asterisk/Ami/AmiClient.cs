using System.Reactive.Subjects;
using System.Runtime.CompilerServices;
using CcWallboard.Core.Events;

namespace CcWallboard.Adapters.Asterisk.Ami;

/// <summary>
/// Follows an Asterisk manager interface as a stream of normalized events: connects, logs in, asks for
/// <c>QueueStatus</c>, then maps every event as it comes (<see cref="AmiEventMapper"/>). On any failure (refused
/// connection, failed login, error, end of the connection) it waits and starts again, the waits growing
/// exponentially with jitter up to <see cref="AmiClientOptions.MaxReconnectDelay"/>; after every (re)connection the
/// <c>QueueStatus</c> answer resynchronises what the mapper believes (<see cref="AmiEventMapper.Resynchronise"/>),
/// since events that happened while the connection was down are not sent again.
/// <para>
/// Waits and the receipt times of events without <c>Timestamp</c> come from the injected <see cref="TimeProvider"/>.
/// The mapper keeps its state across reconnections: one reader at a time, and one client per Asterisk.
/// </para>
/// </summary>
public sealed class AmiClient : IDisposable
{
    private const string QueueStatusComplete = "QueueStatusComplete";

    private readonly AmiClientOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly AmiEventMapper _mapper;
    private readonly BehaviorSubject<AmiClientStatus> _status;
    private readonly AmiClientCounters _counters = new();
    private int _reading;

    /// <param name="random">The source of the jitter (a seeded one makes the waits repeatable).</param>
    public AmiClient(AmiClientOptions options, TimeProvider timeProvider, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"invalid AMI client options: {string.Join("; ", errors)}", nameof(options));
        }
        _options = options;
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _random = random ?? Random.Shared;
        _mapper = new AmiEventMapper(options.TimeZone, options.LeaveGrace);
        _status = new BehaviorSubject<AmiClientStatus>(new AmiClientStatus(AmiConnectionState.Stopped, 0, null, null, _time.GetUtcNow()));
    }

    /// <summary>
    /// The connection's health as a stream of states (connecting, connected, in step, waiting to reconnect, stopped),
    /// starting with the current one.
    /// </summary>
    public IObservable<AmiClientStatus> Status => _status;

    /// <summary>The current state of the connection.</summary>
    public AmiClientStatus CurrentStatus => _status.Value;

    /// <summary>What the client has done so far (a snapshot).</summary>
    public AmiClientCounters Counters => _counters.Snapshot();

    /// <summary>The mapper (for inspection: what it believes of agents and callers).</summary>
    public AmiEventMapper Mapper => _mapper;

    /// <summary>
    /// The normalized events, forever: connects, and reconnects after every failure. Ends with
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async IAsyncEnumerable<AcdEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            throw new InvalidOperationException("the client is already being read; one reader at a time");
        }
        try
        {
            var failures = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Publish(AmiConnectionState.Connecting, failures, null, null);
                var (session, error) = await OpenAsync(cancellationToken).ConfigureAwait(false);
                if (session is not null)
                {
                    using (session)
                    {
                        Publish(AmiConnectionState.Connected, failures, null, null);
                        while (true)
                        {
                            var step = await session.NextAsync(cancellationToken).ConfigureAwait(false);
                            if (step.End)
                            {
                                error = step.Error;
                                break;
                            }
                            foreach (var e in step.Events)
                            {
                                _counters.Emitted();
                                yield return e;
                            }
                            _counters.Handled(step.Frames);
                            if (step.Resynchronised)
                            {
                                failures = 0; // a healthy connection: the next failure starts the waits again
                                Publish(AmiConnectionState.InStep, 0, null, null);
                            }
                        }
                    }
                    _counters.Disconnected();
                }
                failures++;
                var delay = ReconnectDelay(failures);
                var wait = Task.Delay(delay, _time, cancellationToken);
                Publish(AmiConnectionState.WaitingToReconnect, failures, delay, error);
                await wait.ConfigureAwait(false);
            }
        }
        finally
        {
            Publish(AmiConnectionState.Stopped, 0, null, null);
            Volatile.Write(ref _reading, 0);
        }
    }

    public void Dispose()
    {
        _status.OnCompleted();
        _status.Dispose();
    }

    /// <summary>
    /// The wait after the <paramref name="failures"/>-th failure in a row: the initial delay doubled each time, at most
    /// the maximum, less a random share of up to <see cref="AmiClientOptions.ReconnectJitter"/>; in whole milliseconds
    /// (as timers count them), never less than one.
    /// </summary>
    internal TimeSpan ReconnectDelay(int failures)
    {
        var step = _options.InitialReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 40));
        var capped = Math.Min(step, _options.MaxReconnectDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Max(1, Math.Floor(capped * (1 - (_options.ReconnectJitter * _random.NextDouble())))));
    }

    private async Task<(Session? Session, string? Error)> OpenAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        AmiConnection? connection = null;
        try
        {
            connection = await AmiConnection.ConnectAsync(_options.Host, _options.Port, _options.Socket, linked.Token).ConfigureAwait(false);
            await connection.LoginAsync(_options.Username, _options.Secret, _options.EventMask, linked.Token).ConfigureAwait(false);
            _counters.LoggedIn();
            var mark = _mapper.BeginResynchronisation();
            var actionId = await connection.SendActionAsync("QueueStatus", [], linked.Token).ConfigureAwait(false);
            var session = new Session(this, connection, actionId, mark);
            connection = null;
            return (session, null);
        }
        catch (AmiLoginException ex)
        {
            _counters.LoginFailed();
            return (null, ex.Message);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _counters.ConnectFailed();
            return (null, timeout.IsCancellationRequested
                ? $"no connection and login within {_options.ConnectTimeout.TotalSeconds:0.#} s"
                : $"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private void Publish(AmiConnectionState state, int failures, TimeSpan? retryIn, string? error)
    {
        if (!_status.IsDisposed)
        {
            _status.OnNext(new AmiClientStatus(state, failures, retryIn, error, _time.GetUtcNow()));
        }
    }

    /// <summary>One logged-in connection: reads packets, gathers the QueueStatus answer, settles callers who left.</summary>
    private sealed class Session(AmiClient client, AmiConnection connection, string statusActionId, long resyncMark) : IDisposable
    {
        private readonly AmiQueueStatus _answer = new();
        private string? _statusActionId = statusActionId;
        private Task<AmiPacket>? _read;
        private long _framesCounted;

        public async Task<Step> NextAsync(CancellationToken cancellationToken)
        {
            var mapper = client._mapper;
            var time = client._time;
            while (true)
            {
                _read ??= connection.ReadPacketAsync(cancellationToken).AsTask();
                if (mapper.NextLeaveDeadline is { } deadline)
                {
                    var wait = deadline - time.GetUtcNow();
                    if (wait > TimeSpan.Zero && !_read.IsCompleted)
                    {
                        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        var timer = Task.Delay(wait, time, stop.Token);
                        await Task.WhenAny(_read, timer).ConfigureAwait(false);
                        await stop.CancelAsync().ConfigureAwait(false);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    var expired = mapper.ExpireLeaves(time.GetUtcNow());
                    if (expired.Count > 0)
                    {
                        return new Step(expired, Frames: 0, Resynchronised: false, End: false, Error: null);
                    }
                    if (!_read.IsCompleted)
                    {
                        continue;
                    }
                }
                AmiPacket packet;
                try
                {
                    packet = await _read.ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    return Ended($"{ex.GetType().Name}: {ex.Message}");
                }
                finally
                {
                    _read = null;
                }
                if (packet.EndOfStream)
                {
                    return Ended("the server closed the connection");
                }
                var frames = connection.FramesRead - _framesCounted;
                _framesCounted = connection.FramesRead;
                if (packet.Message is not { } message)
                {
                    client._counters.Malformed(packet.MalformedReason);
                    return new Step([], frames, Resynchronised: false, End: false, Error: null);
                }
                return Handle(message, frames);
            }
        }

        public void Dispose()
        {
            connection.Dispose();
            _read = null;
        }

        private Step Handle(AmiMessage message, long frames)
        {
            var now = client._time.GetUtcNow();
            if (_statusActionId is not null && message.ActionId == _statusActionId)
            {
                if (message.Response is { } response)
                {
                    if (!string.Equals(response, "Success", StringComparison.OrdinalIgnoreCase))
                    {
                        // Refused: the events still flow, unchecked against the queues.
                        _statusActionId = null;
                        client._counters.ResyncRefused($"QueueStatus refused: {message["Message"] ?? response}");
                    }
                    return new Step([], frames, Resynchronised: false, End: false, Error: null);
                }
                if (string.Equals(message.Event, QueueStatusComplete, StringComparison.OrdinalIgnoreCase))
                {
                    _statusActionId = null;
                    var resync = client._mapper.Resynchronise(_answer, now, resyncMark);
                    client._counters.Resynchronised(resync.Events.Count);
                    return new Step(resync.Events, frames, Resynchronised: true, End: false, Error: null);
                }
                _answer.Add(message);
                return new Step([], frames, Resynchronised: false, End: false, Error: null);
            }
            var mapping = client._mapper.Map(message, now);
            if (mapping.Malformed)
            {
                client._counters.Rejected(mapping.Reason);
            }
            return new Step(mapping.Events, frames, Resynchronised: false, End: false, Error: null);
        }

        private static Step Ended(string error) => new([], 0, Resynchronised: false, End: true, Error: error);
    }

    /// <summary>What one read gave: events to pass on (after <paramref name="Frames"/> packets), or the end of the connection.</summary>
    private readonly record struct Step(IReadOnlyList<AcdEvent> Events, long Frames, bool Resynchronised, bool End, string? Error);
}

/// <summary>The states of <see cref="AmiClient"/>'s connection.</summary>
public enum AmiConnectionState
{
    /// <summary>Not reading.</summary>
    Stopped,
    /// <summary>Connecting and logging in.</summary>
    Connecting,
    /// <summary>Logged in; QueueStatus asked, its answer not complete yet.</summary>
    Connected,
    /// <summary>Logged in and resynchronised with QueueStatus: events flow.</summary>
    InStep,
    /// <summary>The last attempt failed or the connection ended; the next attempt comes after <see cref="AmiClientStatus.RetryIn"/>.</summary>
    WaitingToReconnect,
}

/// <summary>
/// The connection's state at <paramref name="At"/>: <paramref name="Failures"/> in a row so far, and when waiting to
/// reconnect, how long and why (<paramref name="Error"/>: the refused login, the closed connection, ...).
/// </summary>
public sealed record AmiClientStatus(AmiConnectionState State, int Failures, TimeSpan? RetryIn, string? Error, DateTimeOffset At);

/// <summary>What an <see cref="AmiClient"/> has done: connections, failures, packets, events.</summary>
public sealed class AmiClientCounters
{
    private long _logins;
    private long _loginFailures;
    private long _connectFailures;
    private long _disconnects;
    private long _framesHandled;
    private long _malformedFrames;
    private long _rejectedEvents;
    private long _resyncs;
    private long _resyncEvents;
    private long _eventsEmitted;
    private string? _lastProblem;

    /// <summary>Successful logins (the first connection and every reconnection).</summary>
    public long Logins => Interlocked.Read(ref _logins);

    /// <summary>Logins the server refused (<c>Response: Error</c>).</summary>
    public long LoginFailures => Interlocked.Read(ref _loginFailures);

    /// <summary>Attempts that failed before the login answer (refused or timed-out connection, no banner, ...).</summary>
    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary>Logged-in connections that ended (closed by the server, reset, read error).</summary>
    public long Disconnects => Interlocked.Read(ref _disconnects);

    /// <summary>Packets read whose events have all been passed on (malformed ones included).</summary>
    public long FramesHandled => Interlocked.Read(ref _framesHandled);

    /// <summary>Packets that broke the framing (a line without colon, no Event/Response, oversized, cut short): skipped.</summary>
    public long MalformedFrames => Interlocked.Read(ref _malformedFrames);

    /// <summary>Events the mapper rejected (missing Uniqueid, queue or member; an unreadable Timestamp): skipped.</summary>
    public long RejectedEvents => Interlocked.Read(ref _rejectedEvents);

    /// <summary>QueueStatus answers compared with the mapper's state.</summary>
    public long Resyncs => Interlocked.Read(ref _resyncs);

    /// <summary>Events the resynchronisations emitted (states that differed, callers found or gone).</summary>
    public long ResyncEvents => Interlocked.Read(ref _resyncEvents);

    public long EventsEmitted => Interlocked.Read(ref _eventsEmitted);

    /// <summary>The last malformed packet, rejected event or refused QueueStatus, and why.</summary>
    public string? LastProblem => Volatile.Read(ref _lastProblem);

    internal AmiClientCounters Snapshot() => new()
    {
        _logins = Logins,
        _loginFailures = LoginFailures,
        _connectFailures = ConnectFailures,
        _disconnects = Disconnects,
        _framesHandled = FramesHandled,
        _malformedFrames = MalformedFrames,
        _rejectedEvents = RejectedEvents,
        _resyncs = Resyncs,
        _resyncEvents = ResyncEvents,
        _eventsEmitted = EventsEmitted,
        _lastProblem = LastProblem,
    };

    internal void LoggedIn() => Interlocked.Increment(ref _logins);

    internal void LoginFailed() => Interlocked.Increment(ref _loginFailures);

    internal void ConnectFailed() => Interlocked.Increment(ref _connectFailures);

    internal void Disconnected() => Interlocked.Increment(ref _disconnects);

    internal void Handled(long frames) => Interlocked.Add(ref _framesHandled, frames);

    internal void Emitted() => Interlocked.Increment(ref _eventsEmitted);

    internal void Malformed(string? reason)
    {
        Interlocked.Increment(ref _malformedFrames);
        Volatile.Write(ref _lastProblem, $"malformed packet: {reason}");
    }

    internal void Rejected(string? reason)
    {
        Interlocked.Increment(ref _rejectedEvents);
        Volatile.Write(ref _lastProblem, $"rejected event: {reason}");
    }

    internal void ResyncRefused(string reason) => Volatile.Write(ref _lastProblem, reason);

    internal void Resynchronised(int events)
    {
        Interlocked.Increment(ref _resyncs);
        Interlocked.Add(ref _resyncEvents, events);
    }
}

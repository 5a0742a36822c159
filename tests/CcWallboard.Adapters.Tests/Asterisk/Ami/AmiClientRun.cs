using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using CcWallboard.Adapters.Asterisk.Ami;
using CcWallboard.Core.Events;

namespace CcWallboard.Adapters.Tests.Asterisk.Ami;

/// <summary>Reads an <see cref="AmiClient"/> in the background, keeping its events, until disposed.</summary>
internal sealed class AmiClientRun : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly AmiClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<AcdEvent> _events = new();
    private readonly Task _reading;
    private Exception? _failure;

    private AmiClientRun(AmiClient client)
    {
        _client = client;
        _reading = Task.Run(ReadAsync);
    }

    public IReadOnlyList<AcdEvent> Events => [.. _events];

    public static AmiClientRun Start(AmiClient client) => new(client);

    /// <summary>The first status (the current one included) that satisfies <paramref name="predicate"/>.</summary>
    public Task<AmiClientStatus> StatusAsync(Func<AmiClientStatus, bool> predicate) =>
        _client.Status.FirstAsync(predicate).ToTask().WaitAsync(Patience);

    /// <summary>Waits (real time, polling) until <paramref name="condition"/> holds.</summary>
    public async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (_failure is not null)
            {
                throw new InvalidOperationException($"the client failed while waiting for {what}", _failure);
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {Patience.TotalSeconds} s for {what}; status {_client.CurrentStatus}, counters: frames {_client.Counters.FramesHandled}");
            }
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until the client has passed on the events of every packet the server sent.</summary>
    public Task CaughtUpWithAsync(ScriptedAmiServer server) =>
        UntilAsync(() => _client.Counters.FramesHandled == server.FramesSent, $"the client to handle all {server.FramesSent} packets sent");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        if (_failure is not null)
        {
            throw new InvalidOperationException("the client failed", _failure);
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var e in _client.ReadEventsAsync(_stop.Token))
            {
                _events.Enqueue(e);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _failure = ex;
        }
    }
}

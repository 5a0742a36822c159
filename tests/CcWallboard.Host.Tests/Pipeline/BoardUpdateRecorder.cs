using System.Collections.Concurrent;
using CcWallboard.Core.Metrics;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Host.Tests.Pipeline;

/// <summary>Collects the BoardUpdated pushes a real SignalR client receives, and waits for one that matches.</summary>
internal sealed class BoardUpdateRecorder : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentQueue<BoardSnapshot> _updates = new();

    private BoardUpdateRecorder(HubConnection connection)
    {
        _connection = connection;
        _connection.On<BoardSnapshot>("BoardUpdated", _updates.Enqueue);
    }

    public IReadOnlyCollection<BoardSnapshot> Updates => _updates;

    public BoardSnapshot? Joined { get; private set; }

    public static async Task<BoardUpdateRecorder> JoinAsync(HubConnection connection, string board)
    {
        var recorder = new BoardUpdateRecorder(connection);
        await connection.StartAsync();
        recorder.Joined = await connection.InvokeAsync<BoardSnapshot>("JoinBoard", board);
        return recorder;
    }

    /// <summary>
    /// Waits (up to 15 s of real time) for a pushed snapshot that satisfies <paramref name="condition"/>,
    /// advancing the host's fake clock, when it has one, so its timers fire.
    /// </summary>
    public async Task<BoardSnapshot> WaitForAsync(Func<BoardSnapshot, bool> condition, FakeTimeProvider? time = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var match = _updates.LastOrDefault(condition);
            if (match is not null)
            {
                return match;
            }
            time?.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(20);
        }
        var last = _updates.LastOrDefault();
        throw new TimeoutException($"No matching board update among {_updates.Count}; the last was {(last is null ? "none" : System.Text.Json.JsonSerializer.Serialize(last))}");
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Browser.Tests;

/// <summary>
/// Keeps the host's fake clock moving while a page is open. The host pushes only as its clock advances (conflated
/// 500 ms, 1 s heartbeat), while the page's stale timer runs on real time: so by default the clock advances
/// <see cref="Step"/> every <see cref="KeepAlivePause"/> of real time, which keeps the page live. <see cref="FastForwardAsync"/>
/// runs the clock ahead by a simulated stretch in small steps (<see cref="FastForwardStep"/>: about one push each, which
/// the page renders as they come) with tiny real pauses, so that the host's background loops (on the thread pool)
/// keep pace with it. Dispose stops the loop and rethrows what it failed with.
/// </summary>
public sealed class FakeClockDriver : IAsyncDisposable
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan FastForwardStep = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan KeepAlivePause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FastForwardPause = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan FastForwardTimeout = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private DateTimeOffset _target = DateTimeOffset.MinValue;
    private TaskCompletionSource? _reached;

    private FakeClockDriver(FakeTimeProvider time)
    {
        _time = time;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Starts advancing <paramref name="time"/> in the background.</summary>
    public static FakeClockDriver Start(FakeTimeProvider time) => new(time);

    /// <summary>
    /// Without a driver: moves <paramref name="time"/> to <paramref name="at"/> in steps of at most 5 s, letting the host's
    /// readers catch up on the way, then pauses so that the host's loops settle at that instant.
    /// </summary>
    public static async Task StepToAsync(FakeTimeProvider time, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(time);
        while (time.GetUtcNow() < at)
        {
            var left = at - time.GetUtcNow();
            time.Advance(left < TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5));
            await Task.Delay(2);
        }
        await Task.Delay(200);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await Task.Delay(200);
    }

    /// <summary>Advances the clock by <paramref name="span"/> of simulated time as fast as the host keeps up, then keeps it alive again.</summary>
    public async Task FastForwardAsync(TimeSpan span)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _target = _time.GetUtcNow() + span;
            _reached = reached;
        }
        var done = await Task.WhenAny(reached.Task, _loop).WaitAsync(FastForwardTimeout);
        await done; // the loop's failure, if it ended
        if (done == _loop)
        {
            throw new InvalidOperationException("The clock was stopped before it reached the target.");
        }
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TimeSpan pause;
            lock (_gate)
            {
                var behind = _target - _time.GetUtcNow();
                if (behind > TimeSpan.Zero)
                {
                    pause = FastForwardPause;
                    _time.Advance(behind < FastForwardStep ? behind : FastForwardStep);
                }
                else
                {
                    pause = KeepAlivePause;
                    _reached?.TrySetResult();
                    _reached = null;
                    _time.Advance(Step);
                }
            }
            try
            {
                await Task.Delay(pause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        finally
        {
            _stop.Dispose();
        }
    }
}

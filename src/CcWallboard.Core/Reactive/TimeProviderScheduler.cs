using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace CcWallboard.Core.Reactive;

/// <summary>
/// An Rx scheduler whose clock and timers are a <see cref="TimeProvider"/>, so one
/// <c>FakeTimeProvider.Advance</c> drives the host's timers and its Rx pipelines together.
/// Immediate work runs on the thread pool.
/// </summary>
public sealed class TimeProviderScheduler(TimeProvider timeProvider) : IScheduler
{
    private readonly TimeProvider _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    public DateTimeOffset Now => _timeProvider.GetUtcNow();

    public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var work = new SingleAssignmentDisposable();
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            if (!work.IsDisposed)
            {
                work.Disposable = action(this, state);
            }
        }, null);
        return work;
    }

    public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (dueTime <= TimeSpan.Zero)
        {
            return Schedule(state, action);
        }
        var work = new SingleAssignmentDisposable();
        var timer = _timeProvider.CreateTimer(_ =>
        {
            if (!work.IsDisposed)
            {
                work.Disposable = action(this, state);
            }
        }, null, dueTime, Timeout.InfiniteTimeSpan);
        return StableCompositeDisposable.Create(timer, work);
    }

    public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) =>
        Schedule(state, dueTime - Now, action);
}

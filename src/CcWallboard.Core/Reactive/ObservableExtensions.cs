using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace CcWallboard.Core.Reactive;

/// <summary>Rx operators of the live pipelines; every time-based one takes its scheduler.</summary>
public static class ObservableExtensions
{
    /// <summary>
    /// Passes at most one value per <paramref name="minimumGap"/>: the first value at once, then the latest
    /// value of each gap at the gap's end. Nothing is dropped at the end: the last value always comes out.
    /// </summary>
    public static IObservable<T> Conflate<T>(this IObservable<T> source, TimeSpan minimumGap, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(scheduler);
        return Observable.Create<T>(observer =>
        {
            var gate = new object();
            var lastEmitted = DateTimeOffset.MinValue;
            var hasPending = false;
            var pending = default(T);
            var timer = new SerialDisposable();

            void EmitPending(IScheduler s)
            {
                lock (gate)
                {
                    if (!hasPending)
                    {
                        return;
                    }
                    hasPending = false;
                    lastEmitted = s.Now;
                    observer.OnNext(pending!);
                    pending = default;
                }
            }

            var subscription = source.Subscribe(
                value =>
                {
                    lock (gate)
                    {
                        var now = scheduler.Now;
                        if (hasPending)
                        {
                            pending = value;
                            return;
                        }
                        var due = lastEmitted + minimumGap;
                        if (now >= due)
                        {
                            lastEmitted = now;
                            observer.OnNext(value);
                            return;
                        }
                        hasPending = true;
                        pending = value;
                        timer.Disposable = scheduler.Schedule(due - now, () => EmitPending(scheduler));
                    }
                },
                error =>
                {
                    lock (gate)
                    {
                        observer.OnError(error);
                    }
                },
                () =>
                {
                    lock (gate)
                    {
                        if (hasPending)
                        {
                            hasPending = false;
                            observer.OnNext(pending!);
                        }
                        observer.OnCompleted();
                    }
                });
            return new CompositeDisposable(subscription, timer);
        });
    }
}

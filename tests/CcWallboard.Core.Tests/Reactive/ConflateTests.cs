using System.Reactive.Linq;
using System.Reactive.Subjects;
using CcWallboard.Core.Reactive;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Core.Tests.Reactive;

public class ConflateTests
{
    [Fact]
    public void First_value_passes_at_once_then_only_the_latest_of_each_gap()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var scheduler = new TimeProviderScheduler(time);
        using var source = new Subject<int>();
        var received = new List<int>();
        using var _ = source.Conflate(TimeSpan.FromMilliseconds(500), scheduler).Subscribe(received.Add);

        source.OnNext(1);
        source.OnNext(2);
        source.OnNext(3);
        Assert.Equal([1], received);

        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal([1, 3], received);

        time.Advance(TimeSpan.FromSeconds(2));
        source.OnNext(4);
        Assert.Equal([1, 3, 4], received);
    }

    [Fact]
    public void At_most_one_value_per_gap_under_a_steady_flood()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var scheduler = new TimeProviderScheduler(time);
        using var source = new Subject<int>();
        var received = new List<(DateTimeOffset At, int Value)>();
        using var _ = source.Conflate(TimeSpan.FromMilliseconds(500), scheduler).Subscribe(v => received.Add((time.GetUtcNow(), v)));

        for (var i = 0; i < 100; i++)
        {
            source.OnNext(i);
            time.Advance(TimeSpan.FromMilliseconds(50));
        }

        Assert.InRange(received.Count, 9, 11);
        Assert.All(received.Zip(received.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromMilliseconds(500)));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(99, received[^1].Value);
    }

    [Fact]
    public void The_last_value_is_delivered_when_the_source_completes()
    {
        var time = new FakeTimeProvider();
        using var source = new Subject<int>();
        var received = new List<int>();
        var completed = false;
        using var _ = source.Conflate(TimeSpan.FromSeconds(1), new TimeProviderScheduler(time)).Subscribe(received.Add, () => completed = true);

        source.OnNext(1);
        source.OnNext(2);
        source.OnCompleted();

        Assert.Equal([1, 2], received);
        Assert.True(completed);
    }
}

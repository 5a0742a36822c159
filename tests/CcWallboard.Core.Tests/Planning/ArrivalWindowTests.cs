using CcWallboard.Core.Planning;

namespace CcWallboard.Core.Tests.Planning;

public sealed class ArrivalWindowTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(double minutes) => Nine.AddMinutes(minutes);

    [Fact]
    public void Counts_arrivals_from_an_instant_inclusive_and_between_two_instants_end_exclusive()
    {
        var window = new ArrivalWindow(TimeSpan.FromMinutes(10));
        foreach (var minute in new[] { 0, 1, 1, 2.5, 4, 5 })
        {
            window.Add(At(minute));
        }

        Assert.Equal(6, window.CountSince(At(0)));
        Assert.Equal(5, window.CountSince(At(1)));
        Assert.Equal(1, window.CountSince(At(5)));
        Assert.Equal(0, window.CountSince(At(5.001)));
        Assert.Equal(4, window.CountBetween(At(1), At(5)));
        Assert.Equal(0, window.CountBetween(At(5), At(1)));
    }

    [Fact]
    public void Forgets_arrivals_older_than_the_retention_before_the_newest()
    {
        var window = new ArrivalWindow(TimeSpan.FromMinutes(5));
        window.Add(At(0));
        window.Add(At(3));
        window.Add(At(5));

        window.Add(At(7));

        Assert.Equal(3, window.Count);
        Assert.Equal(3, window.CountSince(At(0)));
        Assert.Equal(0, window.CountBetween(At(0), At(2)));
    }

    [Fact]
    public void A_late_arrival_takes_its_place_in_time_order_and_one_beyond_the_retention_is_ignored()
    {
        var window = new ArrivalWindow(TimeSpan.FromMinutes(5));
        window.Add(At(1));
        window.Add(At(4));
        window.Add(At(10));

        window.Add(At(6));
        window.Add(At(2));

        Assert.Equal(2, window.Count);
        Assert.Equal(1, window.CountBetween(At(5), At(7)));
        Assert.Equal(2, window.CountSince(At(5)));
    }

    [Fact]
    public void Grows_past_its_first_capacity_and_wraps_around_keeping_time_order()
    {
        var window = new ArrivalWindow(TimeSpan.FromMinutes(1));
        for (var second = 0; second < 3600; second++)
        {
            for (var i = 0; i < second % 5; i++)
            {
                window.Add(Nine.AddSeconds(second));
            }
            if (second >= 60)
            {
                var expected = Enumerable.Range(second - 59, 60).Sum(s => s % 5);
                Assert.Equal(expected, window.CountBetween(Nine.AddSeconds(second - 59), Nine.AddSeconds(second + 1)));
            }
        }
        Assert.InRange(window.Count, 100, 140);
    }

    [Fact]
    public void Evicting_before_an_instant_forgets_only_the_older_arrivals()
    {
        var window = new ArrivalWindow(TimeSpan.FromHours(1));
        window.Add(At(1));
        window.Add(At(2));
        window.Add(At(3));

        window.EvictBefore(At(2));

        Assert.Equal(2, window.Count);
        Assert.Equal(2, window.CountSince(Nine));
    }
}

using CcWallboard.Core.Time;

namespace CcWallboard.Core.Tests.Time;

public class CentreCalendarTests
{
    private static CentreCalendar London(string dayStart = "00:00", int interval = 15)
    {
        Assert.True(CentreCalendar.TryFindTimeZone("Europe/London", out var zone));
        return new CentreCalendar(zone, TimeOnly.Parse(dayStart, System.Globalization.CultureInfo.InvariantCulture), interval);
    }

    [Fact]
    public void Spring_forward_day_in_London_has_23_hours_and_92_quarter_hours()
    {
        var day = London().DayOf(new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 3, 29), day.Date);
        Assert.Equal(TimeSpan.FromHours(23), day.Length);
        Assert.Equal(92, day.IntervalCount(TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void Fall_back_day_in_London_has_25_hours_and_100_quarter_hours()
    {
        var day = London().DayOf(new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(TimeSpan.FromHours(25), day.Length);
        Assert.Equal(100, day.IntervalCount(TimeSpan.FromMinutes(15)));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.FromHours(1)), day.Start);
    }

    [Fact]
    public void Intervals_stay_on_the_local_wall_clock_across_the_spring_change()
    {
        var calendar = London();
        // 01:05 UTC on 29 March 2026 is 02:05 BST: the 02:00 local interval.
        var start = calendar.IntervalStartOf(new DateTimeOffset(2026, 3, 29, 1, 5, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 2, 0, 0, TimeSpan.FromHours(1)), start);
    }

    [Fact]
    public void The_repeated_hour_of_the_autumn_change_gives_two_distinct_intervals()
    {
        var calendar = London();
        var first = calendar.IntervalStartOf(new DateTimeOffset(2026, 10, 25, 0, 10, 0, TimeSpan.Zero));  // 01:10 BST
        var second = calendar.IntervalStartOf(new DateTimeOffset(2026, 10, 25, 1, 10, 0, TimeSpan.Zero)); // 01:10 GMT

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.FromHours(1)), first);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero), second);
        Assert.NotEqual(first.UtcDateTime, second.UtcDateTime);
    }

    [Fact]
    public void A_configured_day_start_puts_early_hours_in_the_previous_day()
    {
        var calendar = London("06:00");

        var day = calendar.DayOf(new DateTimeOffset(2026, 11, 24, 5, 59, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 11, 23), day.Date);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), day.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero), day.End);
    }

    [Fact]
    public void A_day_start_inside_the_skipped_hour_moves_forward_by_the_gap()
    {
        var calendar = London("01:30");

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 2, 30, 0, TimeSpan.FromHours(1)), calendar.StartOf(new DateOnly(2026, 3, 29)));
    }

    [Fact]
    public void Half_hour_intervals_align_to_the_local_clock_in_a_non_utc_zone()
    {
        Assert.True(CentreCalendar.TryFindTimeZone("America/New_York", out var zone));
        var calendar = new CentreCalendar(zone, new TimeOnly(0, 0), 30);

        var start = calendar.IntervalStartOf(new DateTimeOffset(2026, 11, 23, 14, 44, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(-5)), start);
    }

    [Fact]
    public void Unknown_time_zone_is_not_found()
    {
        Assert.False(CentreCalendar.TryFindTimeZone("Mars/Olympus_Mons", out _));
        Assert.False(CentreCalendar.TryFindTimeZone("", out _));
    }
}

namespace CcWallboard.Core.Time;

/// <summary>
/// The centre's calendar: which local day and which interval an instant belongs to, in the centre's IANA
/// time zone. Intervals are fixed lengths of elapsed time from the day's start, so they stay aligned to the
/// local wall clock across a daylight-saving change (whose shift is a whole number of intervals), and a
/// day with a change has 23 or 25 hours.
/// </summary>
public sealed class CentreCalendar
{
    private readonly TimeOnly _dayStartsAt;

    public CentreCalendar(TimeZoneInfo timeZone, TimeOnly dayStartsAt, int intervalMinutes)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalMinutes);
        TimeZone = timeZone;
        _dayStartsAt = dayStartsAt;
        IntervalLength = TimeSpan.FromMinutes(intervalMinutes);
    }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The calendar of a validated configuration (see <c>CentreOptionsValidator</c>).</summary>
    public static CentreCalendar For(CcWallboard.Core.Configuration.CentreSettings centre)
    {
        ArgumentNullException.ThrowIfNull(centre);
        if (!TryFindTimeZone(centre.TimeZone, out var zone))
        {
            throw new ArgumentException($"Centre:TimeZone: '{centre.TimeZone}' is not a known IANA time zone", nameof(centre));
        }
        if (!CcWallboard.Core.Configuration.CentreOptionsValidator.TryParseLocalTime(centre.DayStartsAt, out var dayStartsAt))
        {
            throw new ArgumentException($"Centre:DayStartsAt: '{centre.DayStartsAt}' is not a local time HH:mm", nameof(centre));
        }
        return new CentreCalendar(zone, dayStartsAt, centre.IntervalMinutes);
    }

    public TimeSpan IntervalLength { get; }

    /// <summary>The centre's day that contains <paramref name="instant"/>.</summary>
    public CentreDay DayOf(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) < _dayStartsAt)
        {
            date = date.AddDays(-1);
        }
        var start = StartOf(date);
        if (instant < start)
        {
            // The day start fell in a skipped or repeated local hour; step back one day.
            date = date.AddDays(-1);
            start = StartOf(date);
        }
        var end = StartOf(date.AddDays(1));
        if (instant >= end)
        {
            date = date.AddDays(1);
            start = end;
            end = StartOf(date.AddDays(1));
        }
        return new CentreDay(date, start, end);
    }

    /// <summary>The instant the centre's day of <paramref name="date"/> starts, with the local offset then.</summary>
    public DateTimeOffset StartOf(DateOnly date) => ToInstant(date.ToDateTime(_dayStartsAt));

    /// <summary>
    /// The instant of a local wall-clock time: a time in a skipped hour moves forward by the gap; a repeated
    /// (ambiguous) time takes its first occurrence.
    /// </summary>
    public DateTimeOffset ToInstant(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(local))
        {
            var before = TimeZone.GetUtcOffset(local.AddHours(-3));
            var utc = local - before;
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), TimeZone);
        }
        if (TimeZone.IsAmbiguousTime(local))
        {
            var offset = TimeZone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset);
        }
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }

    /// <summary>The start of the interval containing <paramref name="instant"/>, in local time with its offset.</summary>
    public DateTimeOffset IntervalStartOf(DateTimeOffset instant)
    {
        var day = DayOf(instant);
        return day.IntervalStart(day.IntervalIndexOf(instant, IntervalLength), IntervalLength, TimeZone);
    }

    public static bool TryFindTimeZone(string? id, out TimeZoneInfo timeZone)
    {
        timeZone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }
        try
        {
            timeZone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }
}

/// <summary>One centre day: its local date and its start and end instants (end exclusive).</summary>
public readonly record struct CentreDay(DateOnly Date, DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Length => End - Start;

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public int IntervalCount(TimeSpan intervalLength) => (int)Math.Ceiling(Length / intervalLength);

    /// <summary>The index of the interval of this day holding <paramref name="instant"/> (which must lie in the day).</summary>
    public int IntervalIndexOf(DateTimeOffset instant, TimeSpan intervalLength) => (int)((instant - Start).Ticks / intervalLength.Ticks);

    /// <summary>The start of interval <paramref name="index"/>, in local time with its offset.</summary>
    public DateTimeOffset IntervalStart(int index, TimeSpan intervalLength, TimeZoneInfo timeZone) =>
        TimeZoneInfo.ConvertTime(Start + (intervalLength * index), timeZone);
}

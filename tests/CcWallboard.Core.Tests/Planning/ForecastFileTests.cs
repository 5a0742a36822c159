using System.Globalization;
using CcWallboard.Core.Planning;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Tests.Planning;

public sealed class ForecastFileTests
{
    private static readonly CentreCalendar London = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), TimeOnly.MinValue, 15);
    private static readonly DateOnly Day = new(2026, 11, 23); // GMT: local times equal UTC
    private static readonly ForecastRules Rules = new(["sales", "service"]);

    private static string Csv(params string[] rows) => string.Join("\n", ["queueId,intervalStart,offered,ahtSeconds", .. rows]) + "\n";

    private static ForecastParseResult ParseCsv(string text, DateOnly? date = null) =>
        ForecastFile.Parse(text, ForecastFormat.Csv, date ?? Day, London, Rules);

    private static ForecastParseResult ParseJson(string text) => ForecastFile.Parse(text, ForecastFormat.Json, Day, London, Rules);

    private static DayForecast Valid(ForecastParseResult result)
    {
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Errors);
        return result.Forecast!;
    }

    private static ForecastError SingleError(ForecastParseResult result)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Forecast);
        return Assert.Single(result.Errors);
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private const string MorningCsv = """
        queueId,intervalStart,offered,ahtSeconds
        sales,2026-11-23T09:00:00+00:00,12,240
        sales,2026-11-23T09:15:00Z,14.5,250.5
        service,2026-11-23T09:00:00+00:00,0,300
        """;

    private const string MorningJson = """
        [
          { "queueId": "sales", "intervalStart": "2026-11-23T09:00:00+00:00", "offered": 12, "ahtSeconds": 240 },
          { "QUEUEID": "sales", "IntervalStart": "2026-11-23T09:15:00Z", "offered": "14.5", "ahtSeconds": 250.5 },
          { "ahtSeconds": 300, "offered": 0, "intervalStart": "2026-11-23T09:00:00+00:00", "queueId": "service" }
        ]
        """;

    [Fact]
    public void Csv_and_json_with_the_same_rows_read_into_the_same_imported_forecast()
    {
        var fromCsv = Valid(ParseCsv(MorningCsv));
        var fromJson = Valid(ParseJson(MorningJson));

        Assert.Equal(Day, fromCsv.Day);
        Assert.Equal(ForecastSources.Imported, fromCsv.Source);
        Assert.Equal(["sales", "service"], fromCsv.QueueIds.Order(StringComparer.Ordinal));
        Assert.Equal(
            [
                new ForecastInterval(Utc(11, 23, 9), Utc(11, 23, 9, 15), 12, 240),
                new ForecastInterval(Utc(11, 23, 9, 15), Utc(11, 23, 9, 30), 14.5, 250.5),
            ],
            fromCsv.IntervalsOf("sales"));
        Assert.Equal([new ForecastInterval(Utc(11, 23, 9), Utc(11, 23, 9, 15), 0, 300)], fromCsv.IntervalsOf("service"));
        Assert.Equal(fromCsv.IntervalsOf("sales"), fromJson.IntervalsOf("sales"));
        Assert.Equal(fromCsv.IntervalsOf("service"), fromJson.IntervalsOf("service"));
    }

    [Theory]
    [InlineData(ForecastFormat.Csv)]
    [InlineData(ForecastFormat.Json)]
    public void A_written_forecast_reads_back_unchanged(ForecastFormat format)
    {
        var forecast = Valid(ParseCsv(Csv("sales,2026-11-23T09:00:00Z,0.1,240.3333333333333", "service,2026-11-23T23:45:00Z,7,1")));

        var again = Valid(ForecastFile.Parse(ForecastFile.Write(forecast, format), format, Day, London, Rules));

        Assert.Equal(forecast.IntervalsOf("sales"), again.IntervalsOf("sales"));
        Assert.Equal(forecast.IntervalsOf("service"), again.IntervalsOf("service"));
    }

    [Fact]
    public void The_csv_written_is_the_header_then_queue_by_queue_in_time_order()
    {
        var forecast = Valid(ParseCsv(Csv("service,2026-11-23T10:00:00Z,3,200", "sales,2026-11-23T10:15:00Z,2,100", "sales,2026-11-23T10:00:00Z,1,100")));

        Assert.Equal(
            "queueId,intervalStart,offered,ahtSeconds\r\n" +
            "sales,2026-11-23T10:00:00+00:00,1,100\r\n" +
            "sales,2026-11-23T10:15:00+00:00,2,100\r\n" +
            "service,2026-11-23T10:00:00+00:00,3,200\r\n",
            ForecastFile.Write(forecast, ForecastFormat.Csv));
    }

    [Theory]
    [InlineData("nosuch,2026-11-23T09:00:00Z,1,100", "queueId", "queue 'nosuch' is not configured under Queues")]
    [InlineData(",2026-11-23T09:00:00Z,1,100", "queueId", "is required")]
    [InlineData("sales,2026-11-23T09:07:00Z,1,100", "intervalStart", "is not the start of an interval of 15 minutes; the interval holding it starts at 2026-11-23T09:00:00+00:00")]
    [InlineData("sales,2026-11-24T00:00:00Z,1,100", "intervalStart", "is outside the centre day 2026-11-23")]
    [InlineData("sales,2026-11-22T23:45:00Z,1,100", "intervalStart", "is outside the centre day 2026-11-23")]
    [InlineData("sales,2026-11-23T09:00:00,1,100", "intervalStart", "has no offset")]
    [InlineData("sales,23/11/2026 09:00,1,100", "intervalStart", "is not an ISO 8601 time with an offset")]
    [InlineData("sales,2026-11-23T09:00:00Z,-1,100", "offered", "'-1' is negative")]
    [InlineData("sales,2026-11-23T09:00:00Z,many,100", "offered", "'many' is not a number")]
    [InlineData("sales,2026-11-23T09:00:00Z,NaN,100", "offered", "'NaN' is not a number")]
    [InlineData("sales,2026-11-23T09:00:00Z,,100", "offered", "is required")]
    [InlineData("sales,2026-11-23T09:00:00Z,1,0", "ahtSeconds", "'0' is not an AHT: it must be more than 0 and at most 86,400 seconds")]
    [InlineData("sales,2026-11-23T09:00:00Z,1,-5", "ahtSeconds", "'-5' is not an AHT")]
    [InlineData("sales,2026-11-23T09:00:00Z,1,86401", "ahtSeconds", "'86401' is not an AHT")]
    [InlineData("sales,2026-11-23T09:00:00Z,1,4m", "ahtSeconds", "'4m' is not a number")]
    [InlineData("sales,2026-11-23T09:00:00Z,1", "$", "has 3 fields; expected 4 (queueId,intervalStart,offered,ahtSeconds)")]
    public void A_bad_row_is_named_with_its_line_and_field_and_rejects_the_file(string row, string field, string reason)
    {
        var error = SingleError(ParseCsv(Csv("sales,2026-11-23T08:45:00Z,3,200", row)));

        Assert.Equal(3, error.Row);
        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_aht_of_a_whole_day_is_the_largest_accepted()
    {
        var forecast = Valid(ParseCsv(Csv("sales,2026-11-23T09:00:00Z,1,86400")));

        Assert.Equal(ForecastRules.MaxAhtSeconds, forecast.IntervalsOf("sales")[0].AhtSeconds);
    }

    [Fact]
    public void The_same_interval_of_a_queue_twice_is_named_at_the_repeat_even_written_with_another_offset()
    {
        var error = SingleError(ParseCsv(Csv("sales,2026-11-23T09:00:00Z,1,100", "service,2026-11-23T09:00:00Z,1,100", "sales,2026-11-23T10:00:00+01:00,2,100")));

        Assert.Equal(new ForecastError(4, "intervalStart",
            "repeats row 2: the interval 2026-11-23T09:00:00+00:00 of queue 'sales' is given twice"), error);
    }

    [Fact]
    public void Every_error_of_every_row_is_reported_at_once_in_row_order()
    {
        var result = ParseCsv(Csv("sales,2026-11-23T09:00:00Z,1,100", "nosuch,2026-11-23T09:05:00Z,-1,0"));

        Assert.Null(result.Forecast);
        Assert.Equal(
            [(3, "queueId"), (3, "intervalStart"), (3, "offered"), (3, "ahtSeconds")],
            result.Errors.Select(e => (e.Row ?? -1, e.Field)));
    }

    [Theory]
    [InlineData("", 1, "the file is empty; it needs at least the header queueId,intervalStart,offered,ahtSeconds")]
    [InlineData("queueId,intervalStart,offered\nsales,2026-11-23T09:00:00Z,1\n", 1, "the first line must be the header queueId,intervalStart,offered,ahtSeconds")]
    [InlineData("queueId,intervalStart,offered,ahtSeconds\n", null, "the file gives no intervals; a forecast needs at least one row")]
    public void A_file_without_the_header_or_without_rows_is_rejected(string text, int? row, string reason)
    {
        var error = SingleError(ParseCsv(text));

        Assert.Equal(row, error.Row);
        Assert.Equal("$", error.Field);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", null, "$", "the file gives no intervals")]
    [InlineData("{}", null, "$", "a forecast must be a JSON array of objects with queueId, intervalStart, offered, ahtSeconds")]
    [InlineData("[ { \"queueId\": \"sales\", ", null, "$", "not valid JSON")]
    [InlineData("[ 5 ]", 0, "$", "must be an object with queueId, intervalStart, offered, ahtSeconds")]
    [InlineData("[ { \"queueId\": \"sales\", \"intervalStart\": \"2026-11-23T09:00:00Z\", \"offered\": 1 } ]", 0, "ahtSeconds", "is required")]
    [InlineData("[ { \"queueId\": \"sales\", \"intervalStart\": \"2026-11-23T09:00:00Z\", \"offered\": true, \"ahtSeconds\": 1 } ]", 0, "offered", "must be a number, not true")]
    [InlineData("[ { \"queueId\": 7, \"intervalStart\": \"2026-11-23T09:00:00Z\", \"offered\": 1, \"ahtSeconds\": 1 } ]", 0, "queueId", "must be a string, not number")]
    [InlineData("[ { \"queueId\": \"sales\", \"intervalStart\": \"2026-11-23T09:00:00Z\", \"offered\": 1, \"ahtSeconds\": 1, \"aht\": 2 } ]", 0, "aht", "is not a forecast property")]
    public void A_bad_json_file_names_the_array_index_and_the_property(string json, int? row, string field, string reason)
    {
        var error = SingleError(ParseJson(json));

        Assert.Equal(row, error.Row);
        Assert.Equal(field, error.Field);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_spring_day_of_23_hours_has_92_intervals_and_the_one_before_the_gap_ends_an_hour_later_on_the_clock()
    {
        var day = new DateOnly(2026, 3, 29); // clocks go forward at 01:00 GMT to 02:00 BST
        var rows = Enumerable.Range(0, 92).Select(i => $"sales,{Utc(3, 29, 0).AddMinutes(15 * i):yyyy-MM-dd'T'HH:mm:ss'Z'},1,100");

        var forecast = Valid(ParseCsv(Csv([.. rows]), day));

        var intervals = forecast.IntervalsOf("sales");
        Assert.Equal(92, intervals.Count);
        var beforeGap = intervals[3];
        Assert.Equal(DateTimeOffset.Parse("2026-03-29T00:45:00+00:00", CultureInfo.InvariantCulture), beforeGap.Start);
        Assert.Equal(TimeSpan.Zero, beforeGap.Start.Offset);
        Assert.Equal(TimeSpan.FromHours(1), beforeGap.End.Offset);
        Assert.Equal(new DateTime(2026, 3, 29, 2, 0, 0), beforeGap.End.DateTime);
        Assert.All(intervals, i => Assert.Equal(TimeSpan.FromMinutes(15), i.End - i.Start));
        Assert.Equal(London.StartOf(day.AddDays(1)), intervals[^1].End);
        Assert.Equal(23, forecast.ExpectedArrivals("sales", London.StartOf(day), London.StartOf(day.AddDays(1)))!.Value / 4, 9);
    }

    [Fact]
    public void The_spring_day_has_no_interval_past_its_end()
    {
        var error = SingleError(ParseCsv(Csv("sales,2026-03-29T23:00:00Z,1,100"), new DateOnly(2026, 3, 29)));

        Assert.Equal(("intervalStart", 2), (error.Field, error.Row));
        Assert.Contains("outside the centre day 2026-03-29 (2026-03-29T00:00:00+00:00 to 2026-03-30T00:00:00+01:00)", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_autumn_day_of_25_hours_has_100_intervals_and_its_repeated_hour_is_told_apart_by_the_offset()
    {
        var day = new DateOnly(2026, 10, 25); // clocks go back at 02:00 BST to 01:00 GMT
        var rows = Enumerable.Range(0, 100).Select(i => $"sales,{Utc(10, 24, 23).AddMinutes(15 * i):yyyy-MM-dd'T'HH:mm:ss'Z'},1,100");

        var forecast = Valid(ParseCsv(Csv([.. rows]), day));

        var intervals = forecast.IntervalsOf("sales");
        Assert.Equal(100, intervals.Count);
        Assert.Equal(London.StartOf(day.AddDays(1)), intervals[^1].End);
        var firstOneThirty = forecast.At("sales", DateTimeOffset.Parse("2026-10-25T01:30:00+01:00", CultureInfo.InvariantCulture))!;
        var secondOneThirty = forecast.At("sales", DateTimeOffset.Parse("2026-10-25T01:30:00+00:00", CultureInfo.InvariantCulture))!;
        Assert.Equal(TimeSpan.FromHours(1), secondOneThirty.Start - firstOneThirty.Start);
        Assert.Equal(new DateTime(2026, 10, 25, 1, 30, 0), firstOneThirty.Start.DateTime);
        Assert.Equal(new DateTime(2026, 10, 25, 1, 30, 0), secondOneThirty.Start.DateTime);
    }

    [Fact]
    public void A_half_hour_centre_takes_only_half_hours()
    {
        var halfHours = new CentreCalendar(London.TimeZone, TimeOnly.MinValue, 30);

        var result = ForecastFile.Parse(Csv("sales,2026-11-23T09:30:00Z,1,100", "sales,2026-11-23T09:15:00Z,1,100"), ForecastFormat.Csv, Day, halfHours, Rules);

        var error = SingleError(result);
        Assert.Equal((3, "intervalStart"), (error.Row ?? -1, error.Field));
        Assert.Contains("interval of 30 minutes", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_centre_day_starting_at_six_holds_the_night_until_six_the_next_morning()
    {
        var fromSix = new CentreCalendar(London.TimeZone, new TimeOnly(6, 0), 15);

        var result = ForecastFile.Parse(Csv("sales,2026-11-24T05:45:00Z,1,100", "sales,2026-11-23T05:45:00Z,1,100"), ForecastFormat.Csv, Day, fromSix, Rules);

        var error = SingleError(result);
        Assert.Equal((3, "intervalStart"), (error.Row ?? -1, error.Field));
        Assert.Contains("outside the centre day", error.Reason, StringComparison.Ordinal);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using CcWallboard.Core.Adherence;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Simulation;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Tests.Adherence;

public sealed class ScheduleFileTests
{
    private static readonly CentreCalendar London = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), TimeOnly.MinValue, 15);
    private static readonly DateOnly Day = new(2026, 11, 23); // GMT: local times equal UTC
    private static readonly ScheduleRules Rules = new(StateMatcher.DefaultMapping.Keys, ["a01", "a02", "n01"]);

    private static string Csv(params string[] rows) => string.Join("\n", ["agentId,activity,start,end", .. rows]) + "\n";

    private static ScheduleParseResult ParseCsv(string text, DateOnly? date = null, ScheduleRules? rules = null) =>
        ScheduleFile.Parse(text, ScheduleFormat.Csv, date ?? Day, London, rules ?? Rules);

    private static ScheduleParseResult ParseJson(string text, DateOnly? date = null) =>
        ScheduleFile.Parse(text, ScheduleFormat.Json, date ?? Day, London, Rules);

    private static DaySchedule Valid(ScheduleParseResult result)
    {
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Errors);
        return result.Schedule!;
    }

    private static ScheduleError SingleError(ScheduleParseResult result)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Schedule);
        return Assert.Single(result.Errors);
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private const string MorningCsv = """
        agentId,activity,start,end
        a01,open,2026-11-23T09:00:00+00:00,2026-11-23T11:00:00+00:00
        a01,break,2026-11-23T11:00:00+00:00,2026-11-23T11:15:00+00:00
        a02,open,2026-11-23T10:00Z,2026-11-23T12:00Z
        a01,open,2026-11-23T11:15:00+00:00,2026-11-23T13:00:00+00:00
        """;

    private const string MorningJson = """
        [
          { "agentId": "a01", "activity": "open", "start": "2026-11-23T09:00:00+00:00", "end": "2026-11-23T11:00:00+00:00" },
          { "AGENTID": "a01", "Activity": "break", "Start": "2026-11-23T11:00:00+00:00", "End": "2026-11-23T11:15:00+00:00" },
          { "agentId": "a02", "activity": "open", "start": "2026-11-23T10:00Z", "end": "2026-11-23T12:00Z" },
          { "end": "2026-11-23T13:00:00+00:00", "start": "2026-11-23T11:15:00+00:00", "activity": "open", "agentId": "a01" }
        ]
        """;

    [Fact]
    public void Csv_and_json_with_the_same_rows_read_into_the_same_schedule()
    {
        var fromCsv = Valid(ParseCsv(MorningCsv));
        var fromJson = Valid(ParseJson(MorningJson));

        Assert.Equal(Day, fromCsv.Date);
        Assert.Equal(["a01", "a02"], fromCsv.Agents);
        Assert.Equal(
            [
                new ScheduledActivity("a01", "open", Utc(11, 23, 9), Utc(11, 23, 11)),
                new ScheduledActivity("a01", "break", Utc(11, 23, 11), Utc(11, 23, 11, 15)),
                new ScheduledActivity("a01", "open", Utc(11, 23, 11, 15), Utc(11, 23, 13)),
                new ScheduledActivity("a02", "open", Utc(11, 23, 10), Utc(11, 23, 12)),
            ],
            fromCsv.Activities);
        Assert.Equal(fromCsv.Activities, fromJson.Activities);
        Assert.Equal(fromCsv.Agents, fromJson.Agents);
    }

    [Theory]
    [InlineData(ScheduleFormat.Csv)]
    [InlineData(ScheduleFormat.Json)]
    public void A_written_schedule_reads_back_unchanged(ScheduleFormat format)
    {
        var schedule = Valid(ParseCsv(MorningCsv));

        var text = ScheduleFile.Write(schedule, format);
        var reread = Valid(ScheduleFile.Parse(text, format, Day, London, Rules));

        Assert.Equal(schedule.Activities, reread.Activities);
        Assert.Equal(text, ScheduleFile.Write(reread, format));
    }

    [Fact]
    public void Header_is_matched_case_insensitively_after_a_byte_order_mark_with_crlf_line_ends()
    {
        var text = "\uFEFFAGENTID,Activity,START,End\r\na01,open,2026-11-23T09:00:00Z,2026-11-23T10:00:00Z\r\n";

        var schedule = Valid(ParseCsv(text));

        Assert.Equal([new ScheduledActivity("a01", "open", Utc(11, 23, 9), Utc(11, 23, 10))], schedule.Activities);
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_doubled_quotes_and_line_breaks()
    {
        var text = "\"agentId\",\"activity\",start,end\n" +
                   "\"smith, j\",\"open\",\"2026-11-23T09:00:00Z\",2026-11-23T10:00:00Z\n" +
                   "\"o\"\"brien\",open,2026-11-23T09:00:00Z,2026-11-23T10:00:00Z\n" +
                   "\"two\nlines\",open,2026-11-23T09:00:00Z,2026-11-23T10:00:00Z\n" +
                   "a01,lunch,2026-11-23T12:00:00Z,2026-11-23T11:00:00Z\n";

        var error = SingleError(ParseCsv(text, rules: ScheduleRules.Default));
        var valid = Valid(ParseCsv(text[..text.IndexOf("a01,", StringComparison.Ordinal)], rules: ScheduleRules.Default));

        Assert.Equal(6, error.Row); // the line number counts the line break inside the quoted field
        Assert.Equal(["o\"brien", "smith, j", "two\nlines"], valid.Agents);
    }

    [Fact]
    public void A_header_only_file_is_a_valid_empty_schedule()
    {
        var fromCsv = Valid(ParseCsv("agentId,activity,start,end"));
        var fromJson = Valid(ParseJson("[]"));

        Assert.Empty(fromCsv.Agents);
        Assert.Empty(fromJson.ByAgent);
        Assert.Null(fromCsv.ActivityAt("a01", Utc(11, 23, 9)));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("agent,activity,start,end\n", "the first line must be the header agentId,activity,start,end")]
    [InlineData("agentId,activity,start\n", "the first line must be the header")]
    [InlineData("agentId;activity;start;end\n", "the first line must be the header")]
    [InlineData("\nagentId,activity,start,end\n", "the first line must be the header")]
    public void A_file_without_the_header_is_rejected_at_row_1(string text, string reason)
    {
        var error = SingleError(ParseCsv(text));

        Assert.Equal(1, error.Row);
        Assert.Equal("$", error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a09,open,2026-11-23T09:00Z,2026-11-23T10:00Z", "agentId", "agent 'a09' is not configured under Agents")]
    [InlineData(",open,2026-11-23T09:00Z,2026-11-23T10:00Z", "agentId", "is required")]
    [InlineData("a01,coffee,2026-11-23T09:00Z,2026-11-23T10:00Z", "activity", "'coffee' is not an activity of the state mapping; expected one of break, lunch, meeting, open, training")]
    [InlineData("a01,off,2026-11-23T09:00Z,2026-11-23T10:00Z", "activity", "'off' is not scheduled: the gaps between activities are off")]
    [InlineData("a01,  ,2026-11-23T09:00Z,2026-11-23T10:00Z", "activity", "is required")]
    [InlineData("a01,open,2026-11-23T09:00:00,2026-11-23T10:00Z", "start", "'2026-11-23T09:00:00' has no offset; write it as e.g. 2026-11-23T09:00:00+00:00")]
    [InlineData("a01,open,2026-11-23 09:00Z,2026-11-23T10:00Z", "start", "is not an ISO 8601 time with an offset")]
    [InlineData("a01,open,23/11/2026 09:00,2026-11-23T10:00Z", "start", "is not an ISO 8601 time with an offset")]
    [InlineData("a01,open,2026-11-23T09:00Z,", "end", "is required")]
    [InlineData("a01,open,2026-11-23T09:00Z,2026-11-23T10:00", "end", "has no offset")]
    [InlineData("a01,open,2026-11-23T10:00Z,2026-11-23T09:00Z", "end", "'2026-11-23T09:00Z' is not after the start '2026-11-23T10:00Z'")]
    [InlineData("a01,open,2026-11-23T10:00Z,2026-11-23T11:00+01:00", "end", "is not after the start")]
    [InlineData("a01,open,2026-11-23T09:00Z", "$", "has 3 fields; expected 4")]
    [InlineData("a01,open,2026-11-23T09:00Z,2026-11-23T10:00Z,x", "$", "has 5 fields; expected 4")]
    [InlineData("a01,\"open,2026-11-23T09:00Z,2026-11-23T10:00Z", "$", "a quoted field is not closed")]
    [InlineData("a01,op\"en,2026-11-23T09:00Z,2026-11-23T10:00Z", "$", "a quote inside a field that does not start with one")]
    [InlineData("a01,\"open\"x,2026-11-23T09:00Z,2026-11-23T10:00Z", "$", "text after the closing quote of a field")]
    [InlineData("a01,open,2026-11-22T09:00Z,2026-11-22T17:00Z", "start", "is outside the centre day 2026-11-23 (2026-11-23T00:00:00+00:00 to 2026-11-24T00:00:00+00:00)")]
    public void A_bad_csv_row_rejects_the_file_with_its_line_number_field_and_reason(string row, string field, string reason)
    {
        var text = Csv("a02,open,2026-11-23T09:00Z,2026-11-23T10:00Z", row, "a02,lunch,2026-11-23T12:00Z,2026-11-23T12:30Z");

        var error = SingleError(ParseCsv(text));

        Assert.Equal(3, error.Row);
        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "agentId": "a09", "activity": "open", "start": "2026-11-23T09:00Z", "end": "2026-11-23T10:00Z" }""", "agentId", "is not configured under Agents")]
    [InlineData("""{ "activity": "open", "start": "2026-11-23T09:00Z", "end": "2026-11-23T10:00Z" }""", "agentId", "is required")]
    [InlineData("""{ "agentId": null, "activity": "open", "start": "2026-11-23T09:00Z", "end": "2026-11-23T10:00Z" }""", "agentId", "is required")]
    [InlineData("""{ "agentId": 7, "activity": "open", "start": "2026-11-23T09:00Z", "end": "2026-11-23T10:00Z" }""", "agentId", "must be a string, not number")]
    [InlineData("""{ "agentId": "a01", "activity": "off", "start": "2026-11-23T09:00Z", "end": "2026-11-23T10:00Z" }""", "activity", "'off' is not scheduled")]
    [InlineData("""{ "agentId": "a01", "activity": "open", "start": "2026-11-23T09:00", "end": "2026-11-23T10:00Z" }""", "start", "has no offset")]
    [InlineData("""{ "agentId": "a01", "activity": "open", "start": "2026-11-23T10:00Z", "end": "2026-11-23T10:00Z" }""", "end", "is not after the start")]
    [InlineData("""{ "agentId": "a01", "activity": "open", "start": "2026-11-23T09:00Z", "end": "2026-11-23T10:00Z", "team": "t1" }""", "team", "is not a schedule property; expected agentId, activity, start, end")]
    [InlineData("""{ "agentId": "a01", "AgentId": "a02", "activity": "open", "start": "2026-11-23T09:00Z", "end": "2026-11-23T10:00Z" }""", "agentId", "is given twice")]
    [InlineData("""["a01", "open", "2026-11-23T09:00Z", "2026-11-23T10:00Z"]""", "$", "must be an object with agentId, activity, start, end")]
    public void A_bad_json_row_rejects_the_file_with_its_array_index_field_and_reason(string row, string field, string reason)
    {
        var text = $$"""
            [
              { "agentId": "a02", "activity": "open", "start": "2026-11-23T09:00Z", "end": "2026-11-23T10:00Z" },
              {{row}}
            ]
            """;

        var error = SingleError(ParseJson(text));

        Assert.Equal(1, error.Row);
        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "agentId": "a01" }""", "a schedule must be a JSON array of objects")]
    [InlineData("""[ { "agentId": "a01", """, "not valid JSON")]
    [InlineData("", "not valid JSON")]
    public void A_json_file_that_is_not_an_array_of_rows_is_rejected_as_a_whole(string text, string reason)
    {
        var error = SingleError(ParseJson(text));

        Assert.Null(error.Row);
        Assert.Equal("$", error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_activities_of_one_agent_are_an_error_naming_both_rows()
    {
        var text = Csv(
            "a01,open,2026-11-23T09:00Z,2026-11-23T13:00Z",
            "a01,lunch,2026-11-23T12:00Z,2026-11-23T12:30Z",
            "a02,open,2026-11-23T09:00Z,2026-11-23T13:00Z");

        var error = SingleError(ParseCsv(text));

        Assert.Equal(3, error.Row);
        Assert.Equal("$", error.Field);
        Assert.Equal(
            "'lunch' 2026-11-23T12:00:00+00:00 to 2026-11-23T12:30:00+00:00 overlaps row 2 " +
            "('open' 2026-11-23T09:00:00+00:00 to 2026-11-23T13:00:00+00:00) of agent 'a01'",
            error.Reason);
    }

    [Fact]
    public void An_overlap_is_reported_on_the_later_row_of_the_file_whatever_the_order_of_the_times()
    {
        var text = Csv(
            "a01,lunch,2026-11-23T12:00Z,2026-11-23T12:30Z",
            "a01,open,2026-11-23T09:00Z,2026-11-23T13:00Z",
            "a01,break,2026-11-23T12:15Z,2026-11-23T12:45Z");

        var errors = ParseCsv(text).Errors;

        Assert.Equal([(3, 2), (4, 2), (4, 3)],
            errors.Select(e => (e.Row!.Value, int.Parse(Regex.Match(e.Reason, @"overlaps row (\d+)").Groups[1].Value, CultureInfo.InvariantCulture))).Order());
    }

    [Fact]
    public void Activities_that_touch_end_to_start_do_not_overlap()
    {
        var text = Csv(
            "a01,open,2026-11-23T09:00Z,2026-11-23T12:00Z",
            "a01,lunch,2026-11-23T12:00Z,2026-11-23T12:30Z");

        Assert.Equal(2, Valid(ParseCsv(text)).ForAgent("a01").Count);
    }

    [Fact]
    public void A_repeated_row_is_an_error_naming_the_row_it_repeats()
    {
        var text = Csv(
            "a01,open,2026-11-23T09:00Z,2026-11-23T13:00Z",
            "a02,open,2026-11-23T09:00Z,2026-11-23T13:00Z",
            "a01,OPEN,2026-11-23T09:00:00+00:00,2026-11-23T13:00:00.000Z");

        var error = SingleError(ParseCsv(text));

        Assert.Equal(4, error.Row);
        Assert.Equal("$", error.Field);
        Assert.StartsWith("repeats row 2:", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_of_every_row_is_reported_at_once_in_row_order()
    {
        var text = Csv(
            "a01,open,2026-11-23T09:00Z,2026-11-23T13:00Z",
            "a09,coffee,2026-11-23T09:00,2026-11-23T08:00Z",
            "a01,lunch,2026-11-23T12:00Z,2026-11-23T12:30Z",
            "a02,open",
            "a02,break,2026-11-23T10:00Z,2026-11-23T09:45Z",
            "a01,open,2026-11-23T09:00Z,2026-11-23T13:00Z");

        var result = ParseCsv(text);

        Assert.False(result.IsValid);
        Assert.Equal(
            [(3, "agentId"), (3, "activity"), (3, "start"), (4, "$"), (5, "$"), (6, "end"), (7, "$")],
            result.Errors.Select(e => (e.Row!.Value, e.Field)));
        Assert.Equal("row 3, agentId: agent 'a09' is not configured under Agents", result.Errors[0].ToString());
    }

    [Fact]
    public void Every_error_of_a_json_file_is_reported_at_once_with_array_indexes()
    {
        var text = """
            [
              { "agentId": "a01", "activity": "open", "start": "2026-11-23T09:00Z", "end": "2026-11-23T13:00Z" },
              { "agentId": "a01", "activity": "lunch", "start": "2026-11-23T12:00Z", "end": "2026-11-23T12:30Z" },
              42,
              { "agentId": "a02", "activity": "nap", "start": "2026-11-23T09:00Z", "end": 1 }
            ]
            """;

        var result = ParseJson(text);

        Assert.Equal([(1, "$"), (2, "$"), (3, "activity"), (3, "end")], result.Errors.Select(e => (e.Row!.Value, e.Field)));
    }

    [Fact]
    public void Activity_names_are_matched_case_insensitively_and_kept_as_the_mapping_spells_them()
    {
        var rules = new ScheduleRules(["Open", "Coaching"], null);
        var text = Csv(
            "a01,OPEN,2026-11-23T09:00Z,2026-11-23T10:00Z",
            "a01,coaching,2026-11-23T10:00Z,2026-11-23T11:00Z");

        var schedule = Valid(ParseCsv(text, rules: rules));

        Assert.Equal(["Open", "Coaching"], schedule.ForAgent("a01").Select(a => a.Activity));
        Assert.True(schedule.ForAgent("a01")[0].IsOpen);
    }

    [Fact]
    public void Rules_of_a_centre_take_its_state_mapping_and_its_agents()
    {
        var centre = new CentreOptions
        {
            Agents = [new AgentSettings { Id = "a01" }],
            StateMapping = new(StringComparer.OrdinalIgnoreCase) { ["open"] = ["available"], ["coaching"] = ["not_ready:coaching"], ["off"] = ["logged_out"] },
        };

        var rules = ScheduleRules.For(centre);
        var unlisted = ScheduleRules.For(new CentreOptions());

        Assert.Equal(["coaching", "open"], rules.Activities);
        Assert.True(rules.IsKnownAgent("a01"));
        Assert.False(rules.IsKnownAgent("a02"));
        Assert.Equal(["break", "lunch", "meeting", "open", "training"], unlisted.Activities);
        Assert.True(unlisted.AcceptsAnyAgent);
        Assert.True(unlisted.IsKnownAgent("anyone"));
    }

    [Fact]
    public void A_centre_that_lists_no_agents_accepts_any_agent_id()
    {
        var text = Csv("temp-17,open,2026-11-23T09:00Z,2026-11-23T10:00Z");

        Assert.Equal(["temp-17"], Valid(ParseCsv(text, rules: ScheduleRules.Default)).Agents);
    }

    [Fact]
    public void Times_keep_their_instant_and_take_the_centres_offset()
    {
        // 2026-06-01: London is on BST (+01:00).
        var text = Csv("a01,open,2026-06-01T08:00:00Z,2026-06-01T07:00:00-03:00");

        var activity = Assert.Single(Valid(ParseCsv(text, new DateOnly(2026, 6, 1))).Activities);

        Assert.Equal(Utc(6, 1, 8), activity.Start);
        Assert.Equal(Utc(6, 1, 10), activity.End);
        Assert.Equal(TimeSpan.FromHours(1), activity.Start.Offset);
        Assert.Equal("2026-06-01T09:00:00+01:00", ScheduleFile.FormatTime(activity.Start));
    }

    [Fact]
    public void A_night_shift_running_past_the_day_end_is_kept_whole()
    {
        var text = Csv(
            "n01,open,2026-11-23T22:00Z,2026-11-24T00:30Z",
            "n01,break,2026-11-24T00:30Z,2026-11-24T00:45Z",
            "n01,open,2026-11-24T00:45Z,2026-11-24T06:00Z");

        var schedule = Valid(ParseCsv(text));

        Assert.Equal(3, schedule.ForAgent("n01").Count);
        Assert.Equal("break", schedule.ActivityAt("n01", Utc(11, 24, 0, 40))?.Activity);
    }

    [Fact]
    public void An_activity_after_the_day_end_is_rejected_when_a_gap_parts_it_from_the_shift_in_the_day()
    {
        var text = Csv(
            "n01,open,2026-11-23T22:00Z,2026-11-24T00:30Z",
            "n01,meeting,2026-11-24T01:00Z,2026-11-24T02:00Z");

        var error = SingleError(ParseCsv(text));

        Assert.Equal(3, error.Row);
        Assert.Equal("start", error.Field);
        Assert.EndsWith("and not part of a shift that overlaps it", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shift_from_the_evening_before_reaching_into_the_day_is_accepted_whole()
    {
        var text = Csv(
            "n01,open,2026-11-22T22:00Z,2026-11-22T23:30Z",
            "n01,break,2026-11-22T23:30Z,2026-11-23T00:15Z",
            "n01,open,2026-11-23T00:15Z,2026-11-23T06:00Z");

        Assert.Equal(3, Valid(ParseCsv(text)).ForAgent("n01").Count);
    }

    [Fact]
    public void Autumn_change_day_schedule_takes_the_offsets_changing_mid_shift()
    {
        // 25 October 2026: at 02:00 BST London clocks go back to 01:00 GMT, so 01:00-02:00 local happens twice
        // and the centre day lasts 25 hours. The night shift starts at 22:00 BST the evening before.
        var text = Csv(
            "n01,open,2026-10-24T22:00:00+01:00,2026-10-25T01:30:00+01:00",
            "n01,break,2026-10-25T01:30:00+01:00,2026-10-25T01:45:00+01:00",
            "n01,open,2026-10-25T01:45:00+01:00,2026-10-25T01:15:00+00:00",
            "n01,lunch,2026-10-25T01:15:00+00:00,2026-10-25T01:45:00+00:00",
            "n01,open,2026-10-25T01:45:00+00:00,2026-10-25T06:00:00+00:00",
            "a01,open,2026-10-25T09:00:00+00:00,2026-10-25T17:00:00+00:00");
        var date = new DateOnly(2026, 10, 25);

        var schedule = Valid(ParseCsv(text, date));
        var shift = schedule.ForAgent("n01");

        Assert.Equal(TimeSpan.FromHours(9), shift[^1].End - shift[0].Start);
        Assert.Equal(TimeSpan.FromMinutes(30), shift[2].Duration); // 01:45 BST to 01:15 GMT
        Assert.Equal(
            [TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.Zero, TimeSpan.Zero],
            shift.Select(a => a.Start.Offset));
        // 01:45 local comes twice: first in the shift's open time (BST), then at the end of lunch (GMT).
        Assert.Equal("open", schedule.ActivityAt("n01", Utc(10, 25, 0, 45))?.Activity);
        Assert.Equal("lunch", schedule.ActivityAt("n01", Utc(10, 25, 1, 30))?.Activity);
        Assert.Equal("open", schedule.ActivityAt("n01", Utc(10, 25, 1, 45))?.Activity);
    }

    [Fact]
    public void Autumn_change_day_is_25_hours_long_for_the_day_window()
    {
        // The centre day of 25 October runs from 23:00 UTC on the 24th to 00:00 UTC on the 26th.
        var inside = Csv("a01,open,2026-10-25T23:00:00+00:00,2026-10-25T23:59:00+00:00");
        var before = Csv("a01,open,2026-10-24T21:00:00+00:00,2026-10-24T23:00:00+00:00");
        var date = new DateOnly(2026, 10, 25);

        Assert.True(ParseCsv(inside, date).IsValid);
        Assert.Contains("(2026-10-25T00:00:00+01:00 to 2026-10-26T00:00:00+00:00)", SingleError(ParseCsv(before, date)).Reason, StringComparison.Ordinal);
    }
}

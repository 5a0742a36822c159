using System.Text;
using CcWallboard.Core.Files;
using CcWallboard.Core.Simulation;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Adherence;

/// <summary>The two forms of a WFM schedule export.</summary>
public enum ScheduleFormat
{
    /// <summary>RFC 4180 CSV with the header <c>agentId,activity,start,end</c>.</summary>
    Csv,
    /// <summary>A JSON array of objects with the properties <c>agentId</c>, <c>activity</c>, <c>start</c>, <c>end</c>.</summary>
    Json,
}

/// <summary>
/// Why a schedule file was rejected: the row (the CSV line number counted from 1 with the header, or the JSON array
/// index; null for the file as a whole), the field (<c>$</c> for the row as a whole) and the reason.
/// </summary>
public sealed record ScheduleError(int? Row, string Field, string Reason)
{
    public override string ToString() => Row is { } row ? $"row {row}, {Field}: {Reason}" : $"{Field}: {Reason}";
}

/// <summary>The outcome of reading a schedule file: the schedule, or every reason the file was rejected.</summary>
public sealed record ScheduleParseResult(DaySchedule? Schedule, IReadOnlyList<ScheduleError> Errors)
{
    public bool IsValid => Schedule is not null;
}

/// <summary>
/// Reads a day's schedule exported by a WFM system, as CSV or JSON (docs/adherence.md, "Schedules"), and writes one.
/// The file is read whole and checked whole: one bad row rejects it, and every error of every row is reported at
/// once, so the schedule in force stays until a good file replaces it.
/// </summary>
public static class ScheduleFile
{
    /// <summary>The CSV header (matched case-insensitively).</summary>
    public const string Header = "agentId,activity,start,end";

    private static readonly string[] Columns = ["agentId", "activity", "start", "end"];

    private static readonly HashSet<string> NoNumberColumns = [];

    /// <summary>
    /// Reads the schedule of the centre day of <paramref name="date"/>: every row must name a known agent and a
    /// schedulable activity, with ISO 8601 times carrying an offset, the end after the start; no two rows of an
    /// agent may overlap or repeat each other; and each activity must overlap the centre day or belong to a shift
    /// (activities following one another without a gap) that does — a night shift is kept whole. Times are kept as
    /// the same instants in the centre's time zone.
    /// </summary>
    public static ScheduleParseResult Parse(string text, ScheduleFormat format, DateOnly date, CentreCalendar calendar, ScheduleRules rules)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(rules);
        text = RowFile.WithoutByteOrderMark(text);

        var errors = new List<ScheduleError>();
        RowFile.Report report = (row, field, reason) => errors.Add(new ScheduleError(row, field, reason));
        var rawRows = format switch
        {
            ScheduleFormat.Csv => RowFile.ReadCsv(text, Columns, report),
            ScheduleFormat.Json => RowFile.ReadJson(text, Columns, "schedule", NoNumberColumns, report),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown schedule format"),
        };

        var rows = new List<Row>(rawRows.Count);
        foreach (var raw in rawRows)
        {
            if (ReadActivity(raw, calendar, rules, errors, report) is { } activity)
            {
                rows.Add(new Row(raw.Number, activity));
            }
        }
        rows = WithoutRepeatedRows(rows, errors);
        CheckOverlaps(rows, errors);
        CheckInsideTheDay(rows, calendar.DayOf(calendar.StartOf(date)), errors);

        return errors.Count > 0
            ? new ScheduleParseResult(null, [.. errors.OrderBy(e => e.Row ?? -1)])
            : new ScheduleParseResult(DaySchedule.Create(date, rows.Select(r => r.Activity)), []);
    }

    /// <summary>Writes a schedule in the form <see cref="Parse"/> reads: agent by agent, each agent's activities in time order.</summary>
    public static string Write(DaySchedule schedule, ScheduleFormat format)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return format switch
        {
            ScheduleFormat.Csv => WriteCsv(schedule),
            ScheduleFormat.Json => WriteJson(schedule),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown schedule format"),
        };
    }

    /// <summary>A time as the files carry it: ISO 8601 with its offset, seconds always, fractions only when present.</summary>
    public static string FormatTime(DateTimeOffset time) => RowFile.FormatTime(time);

    /// <summary>A row read into an activity without error.</summary>
    private sealed record Row(int Number, ScheduledActivity Activity);

    // ---- checking one row ----

    private static ScheduledActivity? ReadActivity(RawRow raw, CentreCalendar calendar, ScheduleRules rules, List<ScheduleError> errors, RowFile.Report report)
    {
        var before = errors.Count;
        var (agentField, activityField, startField, endField) = (raw.Fields[0], raw.Fields[1], raw.Fields[2], raw.Fields[3]);
        var agentId = RowFile.Required(agentField, raw.Number, "agentId", report);
        if (agentId is not null && !rules.IsKnownAgent(agentId))
        {
            errors.Add(new ScheduleError(raw.Number, "agentId", $"agent '{agentId}' is not configured under Agents"));
        }

        var activityText = RowFile.Required(activityField, raw.Number, "activity", report);
        string? activity = null;
        if (activityText is not null)
        {
            if (string.Equals(activityText, ScheduleRules.Off, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new ScheduleError(raw.Number, "activity", "'off' is not scheduled: the gaps between activities are off"));
            }
            else if (!rules.TryGetActivity(activityText, out activity))
            {
                errors.Add(new ScheduleError(raw.Number, "activity",
                    $"'{activityText}' is not an activity of the state mapping; expected one of {string.Join(", ", rules.Activities)}"));
            }
        }

        var start = RowFile.Time(startField, raw.Number, "start", calendar, report);
        var end = RowFile.Time(endField, raw.Number, "end", calendar, report);
        if (start is { } s && end is { } e && e <= s)
        {
            errors.Add(new ScheduleError(raw.Number, "end", $"'{endField.Text!.Trim()}' is not after the start '{startField.Text!.Trim()}'"));
        }

        return errors.Count == before && !raw.Flawed
            ? new ScheduledActivity(agentId!, activity!, start!.Value, end!.Value)
            : null;
    }

    // ---- checking rows against each other ----

    private static List<Row> WithoutRepeatedRows(List<Row> rows, List<ScheduleError> errors)
    {
        var firstRow = new Dictionary<(string, string, DateTimeOffset, DateTimeOffset), int>();
        var distinct = new List<Row>(rows.Count);
        foreach (var row in rows)
        {
            var a = row.Activity;
            var key = (a.AgentId, a.Activity, a.Start.ToUniversalTime(), a.End.ToUniversalTime());
            if (firstRow.TryGetValue(key, out var first))
            {
                errors.Add(new ScheduleError(row.Number, "$", $"repeats row {first}: {Describe(a)} of agent '{a.AgentId}' is given twice"));
            }
            else
            {
                firstRow[key] = row.Number;
                distinct.Add(row);
            }
        }
        return distinct;
    }

    private static void CheckOverlaps(List<Row> rows, List<ScheduleError> errors)
    {
        foreach (var agentRows in AgentByAgent(rows))
        {
            // Sorted by start, a row overlaps a later one exactly when that one starts before it ends.
            for (var i = 0; i < agentRows.Count; i++)
            {
                for (var j = i + 1; j < agentRows.Count && agentRows[j].Activity.Start < agentRows[i].Activity.End; j++)
                {
                    var (earlier, later) = agentRows[i].Number < agentRows[j].Number ? (agentRows[i], agentRows[j]) : (agentRows[j], agentRows[i]);
                    errors.Add(new ScheduleError(later.Number, "$",
                        $"{Describe(later.Activity)} overlaps row {earlier.Number} ({Describe(earlier.Activity)}) of agent '{later.Activity.AgentId}'"));
                }
            }
        }
    }

    private static void CheckInsideTheDay(List<Row> rows, CentreDay day, List<ScheduleError> errors)
    {
        foreach (var agentRows in AgentByAgent(rows))
        {
            // A shift is a run of activities with no gap between them; it is kept whole when any of it is in the day.
            var shiftStart = 0;
            var shiftEnd = agentRows[0].Activity.End;
            for (var i = 1; i <= agentRows.Count; i++)
            {
                if (i < agentRows.Count && agentRows[i].Activity.Start <= shiftEnd)
                {
                    shiftEnd = agentRows[i].Activity.End > shiftEnd ? agentRows[i].Activity.End : shiftEnd;
                    continue;
                }
                if (!(agentRows[shiftStart].Activity.Start < day.End && shiftEnd > day.Start))
                {
                    for (var k = shiftStart; k < i; k++)
                    {
                        errors.Add(new ScheduleError(agentRows[k].Number, "start",
                            $"{Describe(agentRows[k].Activity)} is outside the centre day {day.Date:yyyy-MM-dd} " +
                            $"({FormatTime(day.Start)} to {FormatTime(day.End)}) and not part of a shift that overlaps it"));
                    }
                }
                if (i < agentRows.Count)
                {
                    shiftStart = i;
                    shiftEnd = agentRows[i].Activity.End;
                }
            }
        }
    }

    /// <summary>The rows of each agent, sorted by start (then row).</summary>
    private static IEnumerable<List<Row>> AgentByAgent(List<Row> rows) =>
        rows.GroupBy(r => r.Activity.AgentId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => r.Activity.Start).ThenBy(r => r.Number).ToList());

    private static string Describe(ScheduledActivity a) => $"'{a.Activity}' {FormatTime(a.Start)} to {FormatTime(a.End)}";

    // ---- writing ----

    private static string WriteCsv(DaySchedule schedule)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var a in schedule.Activities)
        {
            csv.Append(RowFile.CsvField(a.AgentId)).Append(',').Append(RowFile.CsvField(a.Activity)).Append(',')
                .Append(FormatTime(a.Start)).Append(',').Append(FormatTime(a.End)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string WriteJson(DaySchedule schedule) =>
        RowFile.WriteJson(schedule.Activities, (writer, a) =>
        {
            writer.WriteString("agentId", a.AgentId);
            writer.WriteString("activity", a.Activity);
            writer.WriteString("start", FormatTime(a.Start));
            writer.WriteString("end", FormatTime(a.End));
        });
}

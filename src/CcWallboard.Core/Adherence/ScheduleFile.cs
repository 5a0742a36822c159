using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
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

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
    ];

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        var errors = new List<ScheduleError>();
        var rawRows = format switch
        {
            ScheduleFormat.Csv => ReadCsv(text, errors),
            ScheduleFormat.Json => ReadJson(text, errors),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown schedule format"),
        };

        var rows = new List<Row>(rawRows.Count);
        foreach (var raw in rawRows)
        {
            if (ReadActivity(raw, calendar, rules, errors) is { } activity)
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
    public static string FormatTime(DateTimeOffset time) =>
        time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    // ---- reading: rows and fields as written ----

    /// <summary>A field as read: its text (null when absent), or the reason it could not be read.</summary>
    private readonly record struct RawField(string? Text, string? Problem = null);

    /// <summary>A row as read; <see cref="Flawed"/> when the reader already reported an error of it.</summary>
    private sealed record RawRow(int Number, RawField AgentId, RawField Activity, RawField Start, RawField End, bool Flawed);

    /// <summary>A row read into an activity without error.</summary>
    private sealed record Row(int Number, ScheduledActivity Activity);

    private static List<RawRow> ReadCsv(string text, List<ScheduleError> errors)
    {
        var rows = new List<RawRow>();
        var reader = new CsvReader(text);
        var header = reader.Next();
        if (header is null)
        {
            errors.Add(new ScheduleError(1, "$", $"the file is empty; it needs at least the header {Header}"));
            return rows;
        }
        if (header.Line != 1)
        {
            errors.Add(new ScheduleError(1, "$", $"the first line must be the header {Header}, not a blank line"));
            return rows;
        }
        if (header.Problem is not null)
        {
            errors.Add(new ScheduleError(1, "$", header.Problem));
            return rows;
        }
        if (header.Fields.Count != Columns.Length
            || !header.Fields.Select((name, i) => string.Equals(name, Columns[i], StringComparison.OrdinalIgnoreCase)).All(match => match))
        {
            errors.Add(new ScheduleError(1, "$", $"the first line must be the header {Header}, not '{string.Join(',', header.Fields)}'"));
            return rows;
        }

        while (reader.Next() is { } record)
        {
            if (record.Problem is not null)
            {
                errors.Add(new ScheduleError(record.Line, "$", record.Problem));
            }
            else if (record.Fields.Count != Columns.Length)
            {
                errors.Add(new ScheduleError(record.Line, "$", $"has {record.Fields.Count} fields; expected {Columns.Length} ({Header})"));
            }
            else
            {
                var f = record.Fields;
                rows.Add(new RawRow(record.Line, new(f[0]), new(f[1]), new(f[2]), new(f[3]), Flawed: false));
            }
        }
        return rows;
    }

    private static List<RawRow> ReadJson(string text, List<ScheduleError> errors)
    {
        var rows = new List<RawRow>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            errors.Add(new ScheduleError(null, "$", $"not valid JSON: {ex.Message}"));
            return rows;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new ScheduleError(null, "$", $"a schedule must be a JSON array of objects with {string.Join(", ", Columns)}"));
                return rows;
            }
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (ReadJsonRow(element, index, errors) is { } row)
                {
                    rows.Add(row);
                }
                index++;
            }
        }
        return rows;
    }

    private static RawRow? ReadJsonRow(JsonElement element, int index, List<ScheduleError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ScheduleError(index, "$", $"must be an object with {string.Join(", ", Columns)}"));
            return null;
        }
        var fields = new RawField?[Columns.Length];
        var flawed = false;
        foreach (var property in element.EnumerateObject())
        {
            var column = Array.FindIndex(Columns, c => string.Equals(c, property.Name, StringComparison.OrdinalIgnoreCase));
            if (column < 0)
            {
                errors.Add(new ScheduleError(index, property.Name, $"is not a schedule property; expected {string.Join(", ", Columns)}"));
                flawed = true;
            }
            else if (fields[column] is not null)
            {
                errors.Add(new ScheduleError(index, Columns[column], "is given twice"));
                flawed = true;
            }
            else
            {
                fields[column] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => new RawField(property.Value.GetString()),
                    JsonValueKind.Null => new RawField(null),
                    var kind => new RawField(null, $"must be a string, not {kind.ToString().ToLowerInvariant()}"),
                };
            }
        }
        return new RawRow(index, fields[0] ?? default, fields[1] ?? default, fields[2] ?? default, fields[3] ?? default, flawed);
    }

    // ---- checking one row ----

    private static ScheduledActivity? ReadActivity(RawRow raw, CentreCalendar calendar, ScheduleRules rules, List<ScheduleError> errors)
    {
        var before = errors.Count;
        var agentId = Required(raw.AgentId, raw.Number, "agentId", errors);
        if (agentId is not null && !rules.IsKnownAgent(agentId))
        {
            errors.Add(new ScheduleError(raw.Number, "agentId", $"agent '{agentId}' is not configured under Agents"));
        }

        var activityText = Required(raw.Activity, raw.Number, "activity", errors);
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

        var start = Time(raw.Start, raw.Number, "start", calendar, errors);
        var end = Time(raw.End, raw.Number, "end", calendar, errors);
        if (start is { } s && end is { } e && e <= s)
        {
            errors.Add(new ScheduleError(raw.Number, "end", $"'{raw.End.Text!.Trim()}' is not after the start '{raw.Start.Text!.Trim()}'"));
        }

        return errors.Count == before && !raw.Flawed
            ? new ScheduledActivity(agentId!, activity!, start!.Value, end!.Value)
            : null;
    }

    private static string? Required(RawField field, int row, string name, List<ScheduleError> errors)
    {
        if (field.Problem is not null)
        {
            errors.Add(new ScheduleError(row, name, field.Problem));
            return null;
        }
        var text = field.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new ScheduleError(row, name, "is required"));
            return null;
        }
        return text;
    }

    private static DateTimeOffset? Time(RawField field, int row, string name, CentreCalendar calendar, List<ScheduleError> errors)
    {
        var text = Required(field, row, name, errors);
        if (text is null)
        {
            return null;
        }
        if (!DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            errors.Add(new ScheduleError(row, name, $"'{text}' is not an ISO 8601 time with an offset (e.g. 2026-11-23T09:00:00+00:00)"));
            return null;
        }
        if (!HasOffset(text))
        {
            errors.Add(new ScheduleError(row, name, $"'{text}' has no offset; write it as e.g. {FormatTime(calendar.ToInstant(time.DateTime))}"));
            return null;
        }
        return TimeZoneInfo.ConvertTime(time, calendar.TimeZone);
    }

    /// <summary>True when the time of an ISO 8601 date-time ends in <c>Z</c> or a signed offset.</summary>
    private static bool HasOffset(string text) => text.AsSpan(text.IndexOf('T', StringComparison.Ordinal)).IndexOfAny("+-Zz") >= 0;

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
            csv.Append(CsvField(a.AgentId)).Append(',').Append(CsvField(a.Activity)).Append(',')
                .Append(FormatTime(a.Start)).Append(',').Append(FormatTime(a.End)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static string WriteJson(DaySchedule schedule)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var a in schedule.Activities)
            {
                writer.WriteStartObject();
                writer.WriteString("agentId", a.AgentId);
                writer.WriteString("activity", a.Activity);
                writer.WriteString("start", FormatTime(a.Start));
                writer.WriteString("end", FormatTime(a.End));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Reads RFC 4180 records: fields separated by commas, records by CRLF, LF or CR; a field in double quotes may
    /// hold commas, line breaks and doubled quotes. Blank lines are skipped. Each record carries the line it starts on.
    /// </summary>
    private sealed class CsvReader(string text)
    {
        private readonly StringBuilder _field = new();
        private int _position;
        private int _line = 1;

        public sealed record Record(int Line, IReadOnlyList<string> Fields, string? Problem);

        /// <summary>The next record that is not a blank line, or null at the end of the text.</summary>
        public Record? Next()
        {
            while (_position < text.Length)
            {
                var record = ReadRecord();
                if (record.Problem is not null || record.Fields.Count > 1 || !string.IsNullOrWhiteSpace(record.Fields[0]))
                {
                    return record;
                }
            }
            return null;
        }

        private Record ReadRecord()
        {
            var line = _line;
            var fields = new List<string>();
            while (true)
            {
                var problem = _position < text.Length && text[_position] == '"' ? ReadQuotedField() : ReadField();
                if (problem is not null)
                {
                    SkipRestOfLine();
                    return new Record(line, fields, problem);
                }
                fields.Add(_field.ToString());
                if (_position < text.Length && text[_position] == ',')
                {
                    _position++;
                    continue;
                }
                EndLine();
                return new Record(line, fields, null);
            }
        }

        private string? ReadField()
        {
            _field.Clear();
            while (_position < text.Length && text[_position] is not (',' or '\r' or '\n'))
            {
                if (text[_position] == '"')
                {
                    return "a quote inside a field that does not start with one; enclose the whole field in quotes and double the quote";
                }
                _field.Append(text[_position++]);
            }
            return null;
        }

        private string? ReadQuotedField()
        {
            _field.Clear();
            _position++;
            while (true)
            {
                if (_position >= text.Length)
                {
                    return "a quoted field is not closed";
                }
                var c = text[_position++];
                if (c == '"')
                {
                    if (_position < text.Length && text[_position] == '"')
                    {
                        _field.Append('"');
                        _position++;
                        continue;
                    }
                    return _position < text.Length && text[_position] is not (',' or '\r' or '\n')
                        ? "text after the closing quote of a field"
                        : null;
                }
                if (c == '\n' || (c == '\r' && (_position >= text.Length || text[_position] != '\n')))
                {
                    _line++;
                }
                _field.Append(c);
            }
        }

        private void SkipRestOfLine()
        {
            while (_position < text.Length && text[_position] is not ('\r' or '\n'))
            {
                _position++;
            }
            EndLine();
        }

        private void EndLine()
        {
            if (_position >= text.Length)
            {
                return;
            }
            if (text[_position] == '\r' && _position + 1 < text.Length && text[_position + 1] == '\n')
            {
                _position++;
            }
            _position++;
            _line++;
        }
    }
}

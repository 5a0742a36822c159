using System.Globalization;
using System.Text;
using System.Text.Json;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Files;

/// <summary>A field as read: its text (null when absent), or the reason it could not be read.</summary>
internal readonly record struct RawField(string? Text, string? Problem = null);

/// <summary>
/// A row as read: its number (the CSV line from 1, the header included, or the JSON array index), its fields in the
/// order of the columns, and <see cref="Flawed"/> when the reader already reported an error of it.
/// </summary>
internal sealed record RawRow(int Number, RawField[] Fields, bool Flawed);

/// <summary>
/// Reads the row files of WFM exports (schedules, forecasts): RFC 4180 CSV with a fixed header, or a JSON array of
/// objects with the same properties. Every problem is reported with its row (null for the file as a whole), the field
/// (<c>$</c> for the row as a whole) and the reason; the rows read without a problem are returned.
/// </summary>
internal static class RowFile
{
    public delegate void Report(int? row, string field, string reason);

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
    ];

    /// <summary>The text without a leading UTF-8 byte-order mark.</summary>
    public static string WithoutByteOrderMark(string text) => text.StartsWith('\uFEFF') ? text[1..] : text;

    public static List<RawRow> ReadCsv(string text, IReadOnlyList<string> columns, Report report)
    {
        var header = string.Join(',', columns);
        var rows = new List<RawRow>();
        var reader = new CsvReader(text);
        var first = reader.Next();
        if (first is null)
        {
            report(1, "$", $"the file is empty; it needs at least the header {header}");
            return rows;
        }
        if (first.Line != 1)
        {
            report(1, "$", $"the first line must be the header {header}, not a blank line");
            return rows;
        }
        if (first.Problem is not null)
        {
            report(1, "$", first.Problem);
            return rows;
        }
        if (first.Fields.Count != columns.Count
            || !first.Fields.Select((name, i) => string.Equals(name, columns[i], StringComparison.OrdinalIgnoreCase)).All(match => match))
        {
            report(1, "$", $"the first line must be the header {header}, not '{string.Join(',', first.Fields)}'");
            return rows;
        }

        while (reader.Next() is { } record)
        {
            if (record.Problem is not null)
            {
                report(record.Line, "$", record.Problem);
            }
            else if (record.Fields.Count != columns.Count)
            {
                report(record.Line, "$", $"has {record.Fields.Count} fields; expected {columns.Count} ({header})");
            }
            else
            {
                rows.Add(new RawRow(record.Line, [.. record.Fields.Select(f => new RawField(f))], Flawed: false));
            }
        }
        return rows;
    }

    /// <param name="noun">What the file holds, for messages (e.g. "schedule").</param>
    /// <param name="numberColumns">The columns that may be JSON numbers as well as strings (read as their JSON text).</param>
    public static List<RawRow> ReadJson(string text, IReadOnlyList<string> columns, string noun, IReadOnlySet<string> numberColumns, Report report)
    {
        var rows = new List<RawRow>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            report(null, "$", $"not valid JSON: {ex.Message}");
            return rows;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                report(null, "$", $"a {noun} must be a JSON array of objects with {string.Join(", ", columns)}");
                return rows;
            }
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (ReadJsonRow(element, index, columns, noun, numberColumns, report) is { } row)
                {
                    rows.Add(row);
                }
                index++;
            }
        }
        return rows;
    }

    private static RawRow? ReadJsonRow(JsonElement element, int index, IReadOnlyList<string> columns, string noun, IReadOnlySet<string> numberColumns, Report report)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            report(index, "$", $"must be an object with {string.Join(", ", columns)}");
            return null;
        }
        var fields = new RawField?[columns.Count];
        var flawed = false;
        foreach (var property in element.EnumerateObject())
        {
            var column = -1;
            for (var i = 0; i < columns.Count && column < 0; i++)
            {
                column = string.Equals(columns[i], property.Name, StringComparison.OrdinalIgnoreCase) ? i : -1;
            }
            if (column < 0)
            {
                report(index, property.Name, $"is not a {noun} property; expected {string.Join(", ", columns)}");
                flawed = true;
            }
            else if (fields[column] is not null)
            {
                report(index, columns[column], "is given twice");
                flawed = true;
            }
            else
            {
                var number = numberColumns.Contains(columns[column]);
                fields[column] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => new RawField(property.Value.GetString()),
                    JsonValueKind.Null => new RawField(null),
                    JsonValueKind.Number when number => new RawField(property.Value.GetRawText()),
                    var kind => new RawField(null, $"must be {(number ? "a number" : "a string")}, not {kind.ToString().ToLowerInvariant()}"),
                };
            }
        }
        return new RawRow(index, [.. fields.Select(f => f ?? default)], flawed);
    }

    /// <summary>The field's text, trimmed; null (and reported) when it has a problem or is empty.</summary>
    public static string? Required(RawField field, int row, string name, Report report)
    {
        if (field.Problem is not null)
        {
            report(row, name, field.Problem);
            return null;
        }
        var text = field.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            report(row, name, "is required");
            return null;
        }
        return text;
    }

    /// <summary>
    /// An ISO 8601 time with an offset, as the same instant in the centre's time zone; null (and reported) when the
    /// field is missing, not such a time, or has no offset.
    /// </summary>
    public static DateTimeOffset? Time(RawField field, int row, string name, CentreCalendar calendar, Report report)
    {
        var text = Required(field, row, name, report);
        if (text is null)
        {
            return null;
        }
        if (!DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            report(row, name, $"'{text}' is not an ISO 8601 time with an offset (e.g. 2026-11-23T09:00:00+00:00)");
            return null;
        }
        if (!HasOffset(text))
        {
            report(row, name, $"'{text}' has no offset; write it as e.g. {FormatTime(calendar.ToInstant(time.DateTime))}");
            return null;
        }
        return TimeZoneInfo.ConvertTime(time, calendar.TimeZone);
    }

    /// <summary>A time as the files carry it: ISO 8601 with its offset, seconds always, fractions only when present.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>True when the time of an ISO 8601 date-time ends in <c>Z</c> or a signed offset.</summary>
    private static bool HasOffset(string text) => text.AsSpan(text.IndexOf('T', StringComparison.Ordinal)).IndexOfAny("+-Zz") >= 0;

    /// <summary>A CSV field, quoted when it holds a comma, a quote or a line break.</summary>
    public static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    /// <summary>Writes a JSON array of objects, one per item, with <paramref name="writeProperties"/>.</summary>
    public static string WriteJson<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStartObject();
                writeProperties(writer, item);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static readonly JsonWriterOptions WriterOptions =
        new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

using System.Globalization;
using System.Text;
using CcWallboard.Core.Files;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Planning;

/// <summary>The two forms of a WFM forecast export.</summary>
public enum ForecastFormat
{
    /// <summary>RFC 4180 CSV with the header <c>queueId,intervalStart,offered,ahtSeconds</c>.</summary>
    Csv,
    /// <summary>A JSON array of objects with the properties <c>queueId</c>, <c>intervalStart</c>, <c>offered</c>, <c>ahtSeconds</c>.</summary>
    Json,
}

/// <summary>
/// Why a forecast file was rejected: the row (the CSV line number counted from 1 with the header, or the JSON array
/// index; null for the file as a whole), the field (<c>$</c> for the row as a whole) and the reason.
/// </summary>
public sealed record ForecastError(int? Row, string Field, string Reason)
{
    public override string ToString() => Row is { } row ? $"row {row}, {Field}: {Reason}" : $"{Field}: {Reason}";
}

/// <summary>The outcome of reading a forecast file: the forecast, or every reason the file was rejected.</summary>
public sealed record ForecastParseResult(DayForecast? Forecast, IReadOnlyList<ForecastError> Errors)
{
    public bool IsValid => Forecast is not null;
}

/// <summary>
/// Reads a day's forecast exported by a WFM system, as CSV or JSON (docs/staffing.md, "Forecasts"), and writes one.
/// The file is read whole and checked whole: one bad row rejects it, and every error of every row is reported at
/// once, so the forecast in force stays until a good file replaces it. Parsing is the same as for schedules
/// (<see cref="CcWallboard.Core.Adherence.ScheduleFile"/>): header matched case-insensitively, quotes, BOM, offsets.
/// </summary>
public static class ForecastFile
{
    /// <summary>The CSV header (matched case-insensitively).</summary>
    public const string Header = "queueId,intervalStart,offered,ahtSeconds";

    private static readonly string[] Columns = ["queueId", "intervalStart", "offered", "ahtSeconds"];

    private static readonly HashSet<string> NumberColumns = new(["offered", "ahtSeconds"], StringComparer.Ordinal);

    /// <summary>
    /// Reads the forecast of the centre day of <paramref name="date"/>: every row names a configured queue, the start
    /// of one of the day's intervals (ISO 8601 with an offset, on the centre's interval boundary and inside the day),
    /// the contacts offered (a number, 0 or more) and the AHT in seconds (more than 0, at most
    /// <see cref="ForecastRules.MaxAhtSeconds"/>); no queue's interval may be given twice, and the file must give at
    /// least one interval. Each interval ends where the next of the day starts (the day's end for the last), so the
    /// 23- and 25-hour days of a daylight-saving change have 92 and 100 quarter-hours.
    /// </summary>
    public static ForecastParseResult Parse(string text, ForecastFormat format, DateOnly date, CentreCalendar calendar, ForecastRules rules)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(rules);
        text = RowFile.WithoutByteOrderMark(text);

        var errors = new List<ForecastError>();
        RowFile.Report report = (row, field, reason) => errors.Add(new ForecastError(row, field, reason));
        var rawRows = format switch
        {
            ForecastFormat.Csv => RowFile.ReadCsv(text, Columns, report),
            ForecastFormat.Json => RowFile.ReadJson(text, Columns, "forecast", NumberColumns, report),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown forecast format"),
        };
        if (rawRows.Count == 0 && errors.Count == 0)
        {
            report(null, "$", "the file gives no intervals; a forecast needs at least one row");
        }

        var day = calendar.DayOf(calendar.StartOf(date));
        var firstRow = new Dictionary<(string, DateTimeOffset), int>();
        var queues = new Dictionary<string, List<ForecastInterval>>(StringComparer.Ordinal);
        foreach (var raw in rawRows)
        {
            if (ReadInterval(raw, day, calendar, rules, report) is not { } read)
            {
                continue;
            }
            var key = (read.QueueId, read.Interval.Start.ToUniversalTime());
            if (firstRow.TryGetValue(key, out var first))
            {
                report(raw.Number, "intervalStart",
                    $"repeats row {first}: the interval {RowFile.FormatTime(read.Interval.Start)} of queue '{read.QueueId}' is given twice");
                continue;
            }
            firstRow[key] = raw.Number;
            if (!queues.TryGetValue(read.QueueId, out var intervals))
            {
                queues[read.QueueId] = intervals = [];
            }
            intervals.Add(read.Interval);
        }

        return errors.Count > 0
            ? new ForecastParseResult(null, [.. errors.OrderBy(e => e.Row ?? -1)])
            : new ForecastParseResult(
                new DayForecast(date, ForecastSources.Imported, queues.ToDictionary(q => q.Key, q => (IReadOnlyList<ForecastInterval>)q.Value, StringComparer.Ordinal)),
                []);
    }

    /// <summary>Writes a forecast in the form <see cref="Parse"/> reads: queue by queue (ordinal order), each queue's intervals in time order.</summary>
    public static string Write(DayForecast forecast, ForecastFormat format)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var rows = forecast.QueueIds.Order(StringComparer.Ordinal).SelectMany(q => forecast.IntervalsOf(q).Select(i => (QueueId: q, Interval: i)));
        return format switch
        {
            ForecastFormat.Csv => WriteCsv(rows),
            ForecastFormat.Json => RowFile.WriteJson(rows, (writer, row) =>
            {
                writer.WriteString("queueId", row.QueueId);
                writer.WriteString("intervalStart", RowFile.FormatTime(row.Interval.Start));
                writer.WriteNumber("offered", row.Interval.Offered);
                writer.WriteNumber("ahtSeconds", row.Interval.AhtSeconds);
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown forecast format"),
        };
    }

    private static string WriteCsv(IEnumerable<(string QueueId, ForecastInterval Interval)> rows)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var (queueId, interval) in rows)
        {
            csv.Append(RowFile.CsvField(queueId)).Append(',').Append(RowFile.FormatTime(interval.Start)).Append(',')
                .Append(interval.Offered.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(interval.AhtSeconds.ToString("R", CultureInfo.InvariantCulture)).Append("\r\n");
        }
        return csv.ToString();
    }

    // ---- checking one row ----

    private static (string QueueId, ForecastInterval Interval)? ReadInterval(RawRow raw, CentreDay day, CentreCalendar calendar, ForecastRules rules, RowFile.Report report)
    {
        var problems = 0;
        RowFile.Report counted = (row, field, reason) =>
        {
            problems++;
            report(row, field, reason);
        };

        var queueId = RowFile.Required(raw.Fields[0], raw.Number, "queueId", counted);
        if (queueId is not null && !rules.IsKnownQueue(queueId))
        {
            counted(raw.Number, "queueId", $"queue '{queueId}' is not configured under Queues; expected one of {string.Join(", ", rules.Queues)}");
        }

        DateTimeOffset? start = null;
        DateTimeOffset end = default;
        if (RowFile.Time(raw.Fields[1], raw.Number, "intervalStart", calendar, counted) is { } at)
        {
            if (!day.Contains(at))
            {
                counted(raw.Number, "intervalStart",
                    $"{RowFile.FormatTime(at)} is outside the centre day {day.Date:yyyy-MM-dd} ({RowFile.FormatTime(day.Start)} to {RowFile.FormatTime(day.End)})");
            }
            else if (calendar.IntervalStartOf(at) is var boundary && boundary != at)
            {
                counted(raw.Number, "intervalStart",
                    $"{RowFile.FormatTime(at)} is not the start of an interval of {calendar.IntervalLength.TotalMinutes:0} minutes; " +
                    $"the interval holding it starts at {RowFile.FormatTime(boundary)}");
            }
            else
            {
                var index = day.IntervalIndexOf(at, calendar.IntervalLength);
                start = boundary;
                end = index + 1 < day.IntervalCount(calendar.IntervalLength)
                    ? day.IntervalStart(index + 1, calendar.IntervalLength, calendar.TimeZone)
                    : day.End;
            }
        }

        var offered = Number(raw.Fields[2], raw.Number, "offered", counted);
        if (offered < 0)
        {
            counted(raw.Number, "offered", $"'{raw.Fields[2].Text!.Trim()}' is negative; contacts offered are 0 or more");
        }
        var aht = Number(raw.Fields[3], raw.Number, "ahtSeconds", counted);
        if (aht is { } seconds && (seconds <= 0 || seconds > ForecastRules.MaxAhtSeconds))
        {
            counted(raw.Number, "ahtSeconds",
                $"'{raw.Fields[3].Text!.Trim()}' is not an AHT: it must be more than 0 and at most {ForecastRules.MaxAhtSeconds.ToString("#,0", CultureInfo.InvariantCulture)} seconds");
        }

        return problems == 0 && !raw.Flawed
            ? (queueId!, new ForecastInterval(start!.Value, end, offered!.Value, aht!.Value))
            : null;
    }

    private static double? Number(RawField field, int row, string name, RowFile.Report report)
    {
        var text = RowFile.Required(field, row, name, report);
        if (text is null)
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            report(row, name, $"'{text}' is not a number (e.g. 12.5)");
            return null;
        }
        return value;
    }
}

using System.Globalization;
using CcWallboard.Core.Events;

namespace CcWallboard.Adapters.Cdr;

/// <summary>What became of a call in the bank's records (the <c>outcome</c> column).</summary>
public enum AnonbankOutcome
{
    /// <summary>Served by the agent in <c>server</c>.</summary>
    Agent,
    /// <summary>The caller hung up: abandoned when the call had queued.</summary>
    Hang,
    /// <summary>A call with no real customer.</summary>
    Phantom,
}

/// <summary>
/// One row of the "Anonymous Bank" call records (tests/data/anonbank/README.md): 17 TAB-separated fields,
/// <c>vru+line call_id customer_id priority type date vru_entry vru_exit vru_time q_start q_exit q_time outcome
/// ser_start ser_exit ser_time server</c>. Times are local wall-clock times already placed on their day: they
/// lie on <c>date</c>, except one more than 12 hours earlier than <c>vru_entry</c>, which lies on the next day
/// (a call that runs past midnight). The placeholders <c>0:00:00</c> read as absent: <see cref="QueueStart"/>
/// and <see cref="QueueExit"/> are null for a call that never queued, <see cref="ServiceStart"/> and
/// <see cref="ServiceExit"/> when both are <c>0:00:00</c> (no service time recorded).
/// <c>customer_id</c>, <c>vru_exit</c> and the three durations are not used and not checked beyond their count.
/// </summary>
public sealed record AnonbankCallRecord(
    string VruLine,
    string CallId,
    string DateText,
    int Priority,
    string Type,
    AnonbankOutcome Outcome,
    string Server,
    DateTime VruEntry,
    DateTime? QueueStart,
    DateTime? QueueExit,
    DateTime? ServiceStart,
    DateTime? ServiceExit)
{
    public const int FieldCount = 17;

    /// <summary>What the file writes in <c>server</c> when no agent is named.</summary>
    public const string NoServer = "NO_SERVER";

    private const string Placeholder = "0:00:00";
    private static readonly TimeSpan NextDayBeyond = TimeSpan.FromHours(12);

    private const int VruLineField = 0;
    private const int CallIdField = 1;
    private const int PriorityField = 3;
    private const int TypeField = 4;
    private const int DateField = 5;
    private const int VruEntryField = 6;
    private const int VruExitField = 7;
    private const int QueueStartField = 9;
    private const int QueueExitField = 10;
    private const int OutcomeField = 12;
    private const int ServiceStartField = 13;
    private const int ServiceExitField = 14;
    private const int ServerField = 16;

    /// <summary>The call entered the queue (its <c>q_start</c> is not <c>0:00:00</c>).</summary>
    public bool Queued => QueueStart is not null;

    /// <summary>The row records when service started and ended.</summary>
    public bool ServiceRecorded => ServiceStart is not null;

    /// <summary>
    /// <c>{date}-{vru+line}-{call_id}</c>, e.g. <c>990103-AA0101-33180</c>: <c>call_id</c> counts per VRU line, so
    /// two lines reuse the same number on the same day (1,838 times in January 1999).
    /// </summary>
    public string ContactId => $"{DateText}-{VruLine}-{CallId}";

    /// <summary>True for the file's header line (its first field is <c>vru+line</c>).</summary>
    public static bool IsHeader(string line) =>
        line is not null && line.StartsWith("vru+line\t", StringComparison.Ordinal);

    /// <summary>Reads one row; a malformed one gives every field at fault with the reason, in column order.</summary>
    public static ParsedCallRecord Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var cells = line.Split('\t');
        if (cells.Length != FieldCount)
        {
            return ParsedCallRecord.Malformed(new FieldError("fields", $"expected {FieldCount} TAB-separated fields, found {cells.Length}"));
        }

        var errors = new List<FieldError>();
        var vruLine = Required(cells, VruLineField, "vru+line", errors);
        var callId = Required(cells, CallIdField, "call_id", errors);
        if (!int.TryParse(cells[PriorityField], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority))
        {
            errors.Add(new FieldError("priority", $"'{cells[PriorityField]}' is not a whole number"));
        }
        var type = Required(cells, TypeField, "type", errors);
        var dateText = cells[DateField];
        if (!DateOnly.TryParseExact(dateText, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(new FieldError("date", $"'{dateText}' is not a date yymmdd"));
        }
        var vruEntry = TimeOfDay(cells, VruEntryField, "vru_entry", errors);
        TimeOfDay(cells, VruExitField, "vru_exit", errors);
        var queueStart = TimeOfDay(cells, QueueStartField, "q_start", errors);
        var queueExit = TimeOfDay(cells, QueueExitField, "q_exit", errors);
        var outcome = OutcomeOf(cells[OutcomeField], errors);
        var serviceStart = TimeOfDay(cells, ServiceStartField, "ser_start", errors);
        var serviceExit = TimeOfDay(cells, ServiceExitField, "ser_exit", errors);
        var server = cells[ServerField];
        if (outcome == AnonbankOutcome.Agent && string.IsNullOrWhiteSpace(server))
        {
            errors.Add(new FieldError("server", $"an AGENT row must name its server ({NoServer} when none is known)"));
        }
        if (errors.Count > 0)
        {
            return ParsedCallRecord.Malformed(errors);
        }

        var entry = date.ToDateTime(TimeOnly.MinValue) + vruEntry!.Value;
        DateTime OnItsDay(TimeSpan time)
        {
            var at = date.ToDateTime(TimeOnly.MinValue) + time;
            return at < entry - NextDayBeyond ? at.AddDays(1) : at;
        }

        var queued = cells[QueueStartField] != Placeholder;
        var served = !(cells[ServiceStartField] == Placeholder && cells[ServiceExitField] == Placeholder);
        var record = new AnonbankCallRecord(vruLine!, callId!, dateText, priority, type!, outcome!.Value, server, entry,
            queued ? OnItsDay(queueStart!.Value) : null,
            queued ? OnItsDay(queueExit!.Value) : null,
            served ? OnItsDay(serviceStart!.Value) : null,
            served ? OnItsDay(serviceExit!.Value) : null);
        if (record.QueueExit < record.QueueStart)
        {
            return ParsedCallRecord.Malformed(new FieldError("q_exit", $"'{cells[QueueExitField]}' is before q_start '{cells[QueueStartField]}'"));
        }
        return new ParsedCallRecord(record, []);
    }

    private static string? Required(string[] cells, int index, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(cells[index]))
        {
            errors.Add(new FieldError(field, "is empty"));
            return null;
        }
        return cells[index];
    }

    /// <summary><c>h:mm:ss</c> (hours 0–23, one or two digits) as a time of day.</summary>
    private static TimeSpan? TimeOfDay(string[] cells, int index, string field, List<FieldError> errors)
    {
        var text = cells[index];
        var parts = text.Split(':');
        if (parts.Length == 3 && parts[0].Length is 1 or 2 && parts[1].Length == 2 && parts[2].Length == 2
            && parts.All(p => p.All(char.IsAsciiDigit)))
        {
            var hours = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var minutes = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var seconds = int.Parse(parts[2], CultureInfo.InvariantCulture);
            if (hours < 24 && minutes < 60 && seconds < 60)
            {
                return new TimeSpan(hours, minutes, seconds);
            }
        }
        errors.Add(new FieldError(field, $"'{text}' is not a time h:mm:ss"));
        return null;
    }

    private static AnonbankOutcome? OutcomeOf(string text, List<FieldError> errors)
    {
        switch (text)
        {
            case "AGENT": return AnonbankOutcome.Agent;
            case "HANG": return AnonbankOutcome.Hang;
            case "PHANTOM": return AnonbankOutcome.Phantom;
            default:
                errors.Add(new FieldError("outcome", $"unknown outcome '{text}'; expected AGENT, HANG or PHANTOM"));
                return null;
        }
    }
}

/// <summary>A row read: the record, or every field at fault.</summary>
public sealed record ParsedCallRecord(AnonbankCallRecord? Record, IReadOnlyList<FieldError> Errors)
{
    public static ParsedCallRecord Malformed(params IEnumerable<FieldError> errors) => new(null, errors.ToList());

    /// <summary>The errors as one line: <c>field: reason; field: reason</c>.</summary>
    public string Reason => string.Join("; ", Errors);
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CcWallboard.Adapters.Asterisk;

/// <summary>
/// One line of an Asterisk <c>queue_log</c>: <c>epoch|callid|queue|agent|event|data1|data2|...</c>
/// (docs.asterisk.org, "Queue Logs"). The epoch is seconds since 1970 UTC, possibly with a fractional part (the
/// realtime/ODBC back ends keep microseconds); <c>NONE</c> fills the call, queue and agent fields that do not apply.
/// </summary>
/// <param name="EpochText">The epoch exactly as written (it goes into event ids, so a line always gives the same id).</param>
/// <param name="At">The epoch as a UTC instant.</param>
/// <param name="Data">The fields after the event name (<c>data1</c> is <c>Data[0]</c>); empty fields are kept.</param>
public sealed record QueueLogLine(string EpochText, DateTimeOffset At, string CallId, string Queue, string Agent, string Event,
    IReadOnlyList<string> Data)
{
    /// <summary>The word Asterisk writes in a field that does not apply.</summary>
    public const string None = "NONE";

    private const int FixedFields = 5;

    // The last second a DateTimeOffset holds (9999-12-31T23:59:59Z).
    private const decimal MaxEpoch = 253_402_300_799m;

    /// <summary>The data field at <paramref name="index"/> (0 = data1), or an empty string when the line has fewer.</summary>
    public string DataAt(int index) => index >= 0 && index < Data.Count ? Data[index] : "";

    /// <summary>True when the call id names a call (not empty, not <c>NONE</c>).</summary>
    public bool HasCall => Names(CallId);

    /// <summary>True when the queue field names a queue.</summary>
    public bool HasQueue => Names(Queue);

    /// <summary>True when the agent field names a member.</summary>
    public bool HasAgent => Names(Agent);

    /// <summary>Parses one line (without its line break); a malformed line gives the reason instead.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out QueueLogLine? line, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        line = null;
        var fields = text.Split('|');
        if (fields.Length < FixedFields)
        {
            reason = $"expected at least {FixedFields} '|'-separated fields (epoch|callid|queue|agent|event), found {fields.Length}";
            return false;
        }
        var epochText = fields[0].Trim();
        if (!TryParseEpoch(epochText, out var at))
        {
            reason = $"epoch '{fields[0]}' is not a number of seconds since 1970";
            return false;
        }
        var eventName = fields[4].Trim();
        if (eventName.Length == 0)
        {
            reason = "the event field is empty";
            return false;
        }
        line = new QueueLogLine(epochText, at, fields[1].Trim(), fields[2].Trim(), fields[3].Trim(), eventName, fields[FixedFields..]);
        reason = null;
        return true;
    }

    private static bool TryParseEpoch(string text, out DateTimeOffset at)
    {
        at = default;
        // Digits with an optional fraction only: no sign, exponent, thousands separators or spaces inside.
        if (text.Length == 0 || !char.IsAsciiDigit(text[0]) || text.Any(c => !char.IsAsciiDigit(c) && c != '.'))
        {
            return false;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxEpoch)
        {
            return false;
        }
        at = DateTimeOffset.UnixEpoch.AddTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    private static bool Names(string field) => field.Length > 0 && !string.Equals(field, None, StringComparison.Ordinal);
}

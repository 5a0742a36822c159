using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CcWallboard.Adapters.Asterisk.Ami;

/// <summary>
/// One packet of the Asterisk Manager Interface: <c>Key: Value</c> lines ending with an empty line. From the server a
/// packet is an <c>Event</c> or a <c>Response</c>; from the client an <c>Action</c>. The fields keep their order and
/// repeats (a key may come more than once, e.g. <c>Variable</c>); looking a key up ignores its case, as Asterisk does.
/// </summary>
public sealed class AmiMessage
{
    private readonly KeyValuePair<string, string>[] _fields;

    public AmiMessage(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = [.. fields];
        foreach (var (key, value) in _fields)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Contains(':', StringComparison.Ordinal) || HasLineBreak(key))
            {
                throw new ArgumentException($"'{key}' is not a field name", nameof(fields));
            }
            ArgumentNullException.ThrowIfNull(value, nameof(fields));
            if (HasLineBreak(value))
            {
                throw new ArgumentException($"the value of '{key}' holds a line break", nameof(fields));
            }
        }
    }

    /// <summary>The fields in the order they came.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>The event's name, or null when the message is not an event.</summary>
    public string? Event => this["Event"];

    /// <summary>The response's outcome (<c>Success</c>, <c>Error</c>, ...), or null when the message is not a response.</summary>
    public string? Response => this["Response"];

    public string? ActionId => this["ActionID"];

    /// <summary>The value of the first field named <paramref name="key"/> (any case), or null.</summary>
    public string? this[string key]
    {
        get
        {
            foreach (var (name, value) in _fields)
            {
                if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }
            return null;
        }
    }

    /// <summary>The value of the first field of the given names that is present and not blank, or null.</summary>
    public string? FirstOf(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (this[key] is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>A message built from name/value pairs: <c>AmiMessage.Of(("Action", "Ping"), ("ActionID", "1"))</c>.</summary>
    public static AmiMessage Of(params ReadOnlySpan<(string Key, string Value)> fields)
    {
        var pairs = new KeyValuePair<string, string>[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            pairs[i] = new(fields[i].Key, fields[i].Value);
        }
        return new AmiMessage(pairs);
    }

    /// <summary>
    /// Parses the lines of one packet (without their line breaks and without the empty line that ends it). A line is
    /// <c>Key: Value</c>; the value is trimmed. A packet is malformed when a line has no colon, no key or a lone CR, or
    /// when it is neither an event nor a response (no <c>Event</c> or <c>Response</c> field).
    /// </summary>
    public static bool TryParse(IReadOnlyList<string> lines, [NotNullWhen(true)] out AmiMessage? message, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(lines);
        message = null;
        if (lines.Count == 0)
        {
            reason = "an empty packet";
            return false;
        }
        var fields = new KeyValuePair<string, string>[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (HasLineBreak(line))
            {
                reason = $"line {i + 1} holds a lone carriage return: '{Shorten(line.ReplaceLineEndings("\\r"))}'";
                return false;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                reason = $"line {i + 1} is not 'Key: Value': '{Shorten(line)}'";
                return false;
            }
            var key = line[..colon].Trim();
            if (key.Length == 0)
            {
                reason = $"line {i + 1} has no key: '{Shorten(line)}'";
                return false;
            }
            fields[i] = new(key, line[(colon + 1)..].Trim());
        }
        var parsed = new AmiMessage(fields);
        if (parsed.Event is null && parsed.Response is null)
        {
            reason = $"neither an Event nor a Response (first field '{Shorten(fields[0].Key)}')";
            return false;
        }
        message = parsed;
        reason = null;
        return true;
    }

    /// <summary>The packet as sent on the wire: each field as <c>Key: Value</c> with CRLF, then an empty line.</summary>
    public string ToWire()
    {
        var text = new StringBuilder();
        foreach (var (key, value) in _fields)
        {
            text.Append(key).Append(": ").Append(value).Append("\r\n");
        }
        return text.Append("\r\n").ToString();
    }

    /// <summary>The fields as <c>Key: Value</c>, separated by <c>; </c> (for messages and tests).</summary>
    public override string ToString() => string.Join("; ", _fields.Select(f => $"{f.Key}: {f.Value}"));

    private static bool HasLineBreak(string text) => text.AsSpan().IndexOfAny('\r', '\n') >= 0;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}

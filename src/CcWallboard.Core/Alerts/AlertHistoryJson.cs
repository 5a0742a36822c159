using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace CcWallboard.Core.Alerts;

/// <summary>
/// Alert history as JSON Lines (<c>ccwallboard replay --alerts</c>, docs/alerts.md): one object a line, in the order the
/// alerts were raised, fields always in the same order and times in the centre's local time with their offset, so the
/// same day and rules give the same bytes.
/// </summary>
public static class AlertHistoryJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
    };

    /// <summary>Every alert as one line, each ending with a line feed.</summary>
    public static string ToJsonLines(IEnumerable<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var text = new StringBuilder();
        foreach (var alert in alerts)
        {
            text.Append(ToJsonLine(alert)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// One alert: <c>id, rule, kind, severity, subject, subjectName, subjectKind, teamId, teams, raisedAt, clearedAt,
    /// value, threshold, clearThreshold, worstValue, rejoins</c>, then <c>acknowledgedAt, acknowledgedBy,
    /// acknowledgementNote</c> when acknowledged. <c>clearedAt</c> is null for an alert still active.
    /// </summary>
    public static string ToJsonLine(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("id", alert.Id);
            json.WriteString("rule", alert.Rule);
            json.WriteString("kind", alert.Kind.ToString());
            json.WriteString("severity", AlertSeverities.Of(alert.Severity));
            json.WriteString("subject", alert.Subject);
            json.WriteString("subjectName", alert.SubjectName);
            json.WriteString("subjectKind", alert.SubjectKind);
            if (alert.TeamId is { } team)
            {
                json.WriteString("teamId", team);
            }
            else
            {
                json.WriteNull("teamId");
            }
            json.WriteStartArray("teams");
            foreach (var visible in alert.Teams)
            {
                json.WriteStringValue(visible);
            }
            json.WriteEndArray();
            json.WriteString("raisedAt", alert.RaisedAt);
            WriteTime(json, "clearedAt", alert.ClearedAt);
            json.WriteNumber("value", alert.Value);
            json.WriteNumber("threshold", alert.Threshold);
            WriteNumber(json, "clearThreshold", alert.ClearThreshold);
            json.WriteNumber("worstValue", alert.WorstValue);
            json.WriteNumber("rejoins", alert.Rejoins);
            if (alert.AcknowledgedAt is { } acknowledged)
            {
                json.WriteString("acknowledgedAt", acknowledged);
                json.WriteString("acknowledgedBy", alert.AcknowledgedBy);
                if (alert.AcknowledgementNote is { } note)
                {
                    json.WriteString("acknowledgementNote", note);
                }
                else
                {
                    json.WriteNull("acknowledgementNote");
                }
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            json.WriteString(name, time);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

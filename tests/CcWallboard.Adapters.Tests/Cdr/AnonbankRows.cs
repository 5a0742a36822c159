using CcWallboard.Adapters.Cdr;
using CcWallboard.Core.Events;
using CcWallboard.Core.Time;

namespace CcWallboard.Adapters.Tests.Cdr;

/// <summary>Rows of the bank's records written with spaces for readability (no field holds a space), and a converter run over them.</summary>
internal static class AnonbankRows
{
    public const string Header =
        "vru+line call_id customer_id priority type date vru_entry vru_exit vru_time q_start q_exit q_time outcome ser_start ser_exit ser_time server";

    public static TimeZoneInfo Jerusalem { get; } = FindZone("Asia/Jerusalem");

    /// <summary>January 1999 in Jerusalem is UTC+2 all month.</summary>
    public static readonly TimeSpan JanuaryOffset = TimeSpan.FromHours(2);

    /// <summary>A row as the file writes it: the spaces of <paramref name="spaced"/> become TABs.</summary>
    public static string Tsv(string spaced) => spaced.Replace(' ', '\t');

    /// <summary>A local time of the file as the instant it stands for in January 1999 in Jerusalem.</summary>
    public static DateTimeOffset Local(int day, int hour, int minute, int second) => new(1999, 1, day, hour, minute, second, JanuaryOffset);

    public static Converted Convert(params string[] spacedLines) => ConvertText(string.Join("\r\n", spacedLines.Select(Tsv)) + "\r\n");

    public static Converted ConvertText(string text)
    {
        var events = new List<AcdEvent>();
        var skipped = new List<SkippedLine>();
        using var reader = new StringReader(text);
        var summary = new AnonbankFormat().Convert(reader, Jerusalem, events.Add, skipped.Add);
        return new Converted(events, skipped, summary);
    }

    private static TimeZoneInfo FindZone(string id) =>
        CentreCalendar.TryFindTimeZone(id, out var zone) ? zone : throw new InvalidOperationException($"time zone {id} is not installed");
}

internal sealed record Converted(IReadOnlyList<AcdEvent> Events, IReadOnlyList<SkippedLine> Skipped, ImportSummary Summary)
{
    public IEnumerable<AcdEvent> Of(string contactId) => Events.Where(e => e is ContactEvent c && c.ContactId == contactId);
}

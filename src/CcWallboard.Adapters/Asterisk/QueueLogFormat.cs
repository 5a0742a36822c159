using CcWallboard.Core.Events;

namespace CcWallboard.Adapters.Asterisk;

/// <summary>
/// <c>ccwallboard import queue-log</c>: a whole Asterisk queue_log file through one <see cref="QueueLogMapper"/>.
/// Events come out in the file's order, which is the order Asterisk wrote them (time order, to the second).
/// </summary>
public sealed class QueueLogFormat : IEventFileFormat
{
    public string Name => "queue-log";

    public string Summary => "Asterisk app_queue queue_log (epoch|callid|queue|agent|event|data...).";

    public ImportSummary Convert(TextReader input, TimeZoneInfo timeZone, Action<AcdEvent> emit, Action<SkippedLine> skip)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(emit);
        ArgumentNullException.ThrowIfNull(skip);
        var mapper = new QueueLogMapper(timeZone);
        long lines = 0, events = 0, skipped = 0, malformed = 0;
        while (input.ReadLine() is { } text)
        {
            lines++;
            var mapping = mapper.Map(text);
            foreach (var e in mapping.Events)
            {
                emit(e);
            }
            events += mapping.Events.Count;
            if (mapping.Events.Count > 0)
            {
                continue;
            }
            if (mapping.Malformed)
            {
                malformed++;
            }
            else
            {
                skipped++;
            }
            skip(new SkippedLine(lines, mapping.Reason ?? "no event", mapping.Malformed));
        }
        return new ImportSummary(lines, events, skipped, malformed);
    }
}

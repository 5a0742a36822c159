using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace CcWallboard.LoadTests;

/// <summary>
/// One client's stream of valid events for the example centre (config/centre.json), as JSON Lines: each contact is
/// queued, rung to one of the client's agents, answered, talked, ended, wrapped up and the agent made available again
/// — seven events of 150–210 bytes (ids are UUID-shaped, as the ACD adapters' are), unique to the run and the
/// client. Every event is timed at the moment its batch is written.
/// </summary>
internal sealed class EventBatches(string run, int client, IReadOnlyList<string> queues, IReadOnlyList<string> agents)
{
    private const int EventsPerContact = 7;

    private readonly ArrayBufferWriter<byte> _buffer = new(256 * 1024);
    private readonly byte[] _eventIdPrefix = Encoding.UTF8.GetBytes($"{run}-{client:x4}-4e00-8000-");
    private readonly byte[] _contactIdPrefix = Encoding.UTF8.GetBytes($"{run}-{client:x4}-4c00-9000-");
    private readonly byte[][] _queues = [.. queues.Select(Encoding.UTF8.GetBytes)];
    private readonly byte[][] _agents = [.. agents.Select(Encoding.UTF8.GetBytes)];
    private long _event;

    /// <summary>The next <paramref name="count"/> events (one a line), valid until the next call.</summary>
    public ReadOnlyMemory<byte> Next(int count, DateTimeOffset at)
    {
        _buffer.ResetWrittenCount();
        Span<byte> time = stackalloc byte[32];
        var timeLength = Encoding.UTF8.GetBytes(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture), time);
        time = time[..timeLength];
        for (var i = 0; i < count; i++, _event++)
        {
            var contact = _event / EventsPerContact;
            var queue = _queues[(int)(contact % _queues.Length)];
            var agent = _agents[(int)(contact % _agents.Length)];
            var step = (int)(_event % EventsPerContact);
            Write(step switch
            {
                0 => "{\"type\":\"contact.queued\",\"id\":\""u8,
                2 => "{\"type\":\"contact.answered\",\"id\":\""u8,
                4 => "{\"type\":\"contact.ended\",\"id\":\""u8,
                _ => "{\"type\":\"agent.state\",\"id\":\""u8,
            });
            Write(_eventIdPrefix);
            WriteNumber(_event);
            Write("\",\"at\":\""u8);
            Write(time);
            if (step is 0 or 2 or 4)
            {
                Write("\",\"contactId\":\""u8);
                Write(_contactIdPrefix);
                WriteNumber(contact);
                Write("\",\"queueId\":\""u8);
                Write(queue);
            }
            if (step == 0)
            {
                Write("\",\"channel\":\"voice\",\"priority\":1}"u8);
            }
            else
            {
                Write("\",\"agentId\":\""u8);
                Write(agent);
                Write(step switch
                {
                    1 => "\",\"state\":\"ringing\"}"u8,
                    3 => "\",\"state\":\"on_contact\"}"u8,
                    4 => "\",\"holdSeconds\":0}"u8,
                    5 => "\",\"state\":\"acw\"}"u8,
                    6 => "\",\"state\":\"available\"}"u8,
                    _ => "\"}"u8,
                });
            }
            Write("\n"u8);
        }
        return _buffer.WrittenMemory;
    }

    private void Write(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    private void WriteNumber(long value)
    {
        var span = _buffer.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written, new System.Buffers.StandardFormat('D', 12));
        _buffer.Advance(written);
    }

    /// <summary>The event of a contact's seven whose length is nearest their mean, for redis-benchmark's XADD.</summary>
    public static string Sample(string run, IReadOnlyList<string> queues, IReadOnlyList<string> agents)
    {
        var mean = MeanLength(run, queues, agents);
        var batches = new EventBatches(run, 0, queues, agents);
        var lines = Encoding.UTF8.GetString(batches.Next(EventsPerContact, DateTimeOffset.UtcNow).Span).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.OrderBy(l => Math.Abs(l.Length - mean)).First();
    }

    /// <summary>The mean length in bytes of the events written (newline included), over a hundred contacts' events.</summary>
    public static double MeanLength(string run, IReadOnlyList<string> queues, IReadOnlyList<string> agents)
    {
        var batches = new EventBatches(run, 0, queues, agents);
        return batches.Next(EventsPerContact * 100, DateTimeOffset.UtcNow).Length / (double)(EventsPerContact * 100);
    }
}

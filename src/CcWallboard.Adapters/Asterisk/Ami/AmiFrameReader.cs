using System.Buffers;
using System.Text;

namespace CcWallboard.Adapters.Asterisk.Ami;

/// <summary>
/// Splits a manager-interface byte stream into lines and packets. A line ends with LF, an optional CR before it is
/// dropped (Asterisk sends CRLF; LF alone is accepted); a packet ends with an empty line, and empty lines between
/// packets are passed over. Text is UTF-8 (invalid bytes become U+FFFD).
/// <para>
/// Bounded: a line longer than <see cref="MaxLineBytes"/> or a packet of more than <see cref="MaxFrameLines"/> lines is
/// not kept in memory; the packet it belongs to is read to its end and given as <see cref="AmiFrame.Oversized"/>.
/// </para>
/// </summary>
internal sealed class AmiFrameReader
{
    private const byte LineFeed = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly ArrayBufferWriter<byte> _line = new(256);
    private int _start;
    private int _end;
    private bool _lineTooLong;
    private bool _endOfStream;

    public AmiFrameReader(Stream stream, int maxLineBytes = 64 * 1024, int maxFrameLines = 4096)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameLines, 1);
        MaxLineBytes = maxLineBytes;
        MaxFrameLines = maxFrameLines;
    }

    public int MaxLineBytes { get; }

    public int MaxFrameLines { get; }

    /// <summary>The next line without its line break; null at the end of the stream (a last line without LF is given).</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var (line, _) = await ReadLineCoreAsync(cancellationToken).ConfigureAwait(false);
        return line;
    }

    /// <summary>
    /// The lines of the next packet (up to the empty line that ends it); null at the end of the stream when no packet
    /// began. A packet cut short by the end of the stream is given as <see cref="AmiFrame.Truncated"/>.
    /// </summary>
    public async ValueTask<AmiFrame?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var oversized = false;
        while (true)
        {
            var (line, tooLong) = await ReadLineCoreAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return lines.Count == 0 && !oversized ? null : new AmiFrame(lines, oversized, Truncated: true);
            }
            if (line.Length == 0 && !tooLong)
            {
                if (lines.Count == 0 && !oversized)
                {
                    continue; // empty lines between packets
                }
                return new AmiFrame(lines, oversized, Truncated: false);
            }
            if (tooLong || lines.Count >= MaxFrameLines)
            {
                oversized = true;
                lines.Clear();
                continue;
            }
            if (!oversized)
            {
                lines.Add(line);
            }
        }
    }

    /// <summary>A line, and whether it was longer than allowed (then its text is empty: only its end was waited for).</summary>
    private async ValueTask<(string? Line, bool TooLong)> ReadLineCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var feed = available.IndexOf(LineFeed);
            if (feed >= 0)
            {
                Take(available[..feed]);
                _start += feed + 1;
                return CompleteLine();
            }
            Take(available);
            _start = _end = 0;
            if (_endOfStream)
            {
                return _line.WrittenCount > 0 || _lineTooLong ? CompleteLine() : (null, false);
            }
            var read = await _stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _endOfStream = true;
            }
            _end = read;
        }
    }

    private void Take(ReadOnlySpan<byte> bytes)
    {
        if (_lineTooLong)
        {
            return;
        }
        if (_line.WrittenCount + bytes.Length > MaxLineBytes + 1)
        {
            _lineTooLong = true;
            _line.Clear();
            return;
        }
        _line.Write(bytes);
    }

    private (string? Line, bool TooLong) CompleteLine()
    {
        if (_lineTooLong)
        {
            _lineTooLong = false;
            _line.Clear();
            return ("", true);
        }
        var bytes = _line.WrittenSpan;
        if (bytes.Length > 0 && bytes[^1] == CarriageReturn)
        {
            bytes = bytes[..^1];
        }
        var line = Utf8.GetString(bytes);
        _line.Clear();
        return (line, false);
    }
}

/// <summary>The lines of one packet as read; <paramref name="Oversized"/> and <paramref name="Truncated"/> packets are malformed.</summary>
internal sealed record AmiFrame(IReadOnlyList<string> Lines, bool Oversized, bool Truncated)
{
    /// <summary>Why the packet cannot be used as it is, or null.</summary>
    public string? Defect =>
        Oversized ? "a packet with a line or a number of lines beyond the limits"
        : Truncated ? "a packet cut short by the end of the connection"
        : null;
}

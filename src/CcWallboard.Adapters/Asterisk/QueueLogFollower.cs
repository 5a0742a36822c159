using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace CcWallboard.Adapters.Asterisk;

/// <summary>How <see cref="QueueLogFollower"/> polls and where it starts.</summary>
public sealed class QueueLogFollowerOptions
{
    /// <summary>How often <see cref="QueueLogFollower.ReadLinesAsync"/> looks for new lines.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Skip the complete lines already in the file when following starts (<c>tail -n 0 -F</c>). Off by default: the
    /// whole current file is read first, so the day's figures are complete and re-read lines repeat their event ids.
    /// </summary>
    public bool SkipExistingLines { get; init; }

    /// <summary>
    /// After the file is renamed away and a new one takes its name, how long the old file is still read: a writer that
    /// has not reopened yet (logrotate's <c>create</c> before Asterisk's <c>logger reload</c>) appends there meanwhile.
    /// </summary>
    public TimeSpan RotationGrace { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Follows a growing queue_log like <c>tail -F</c>: each poll reads the complete lines added since the last one, and
/// keeps an incomplete last line until its line break arrives, so it never gives a partial line. It survives rotation:
/// when the name points at a new file (the old one renamed, a new one created) it finishes the old file, then reads
/// the new one from its start; when the file is truncated in place (<c>copytruncate</c>) it reads again from the start.
/// <para>
/// A file is known by its first line (Asterisk never rewrites a line): the name points at another file when that
/// file does not begin with the first line of the one being read, and a file was truncated when it is shorter than
/// the position reached or no longer begins with its first line.
/// </para>
/// <para>Polling runs on the injected <see cref="TimeProvider"/>. One reader at a time: <see cref="Poll"/> and
/// <see cref="ReadLinesAsync"/> are not to be called concurrently.</para>
/// </summary>
public sealed class QueueLogFollower : IDisposable
{
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly QueueLogFollowerOptions _options;
    private FollowedFile? _current;
    private FollowedFile? _retired;
    private DateTimeOffset _retiredUntil;
    private bool _opened;
    private bool _disposed;

    public QueueLogFollower(string path, TimeProvider timeProvider, QueueLogFollowerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = path;
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _options = options ?? new QueueLogFollowerOptions();
        if (_options.PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.PollInterval, "PollInterval must be positive");
        }
    }

    /// <summary>Times the name was found pointing at a new file.</summary>
    public long Rotations { get; private set; }

    /// <summary>Times the file was found truncated and read again from its start.</summary>
    public long Truncations { get; private set; }

    /// <summary>Incomplete lines given up: left at the end of a rotated file, or cut by a truncation.</summary>
    public long DroppedPartialLines { get; private set; }

    /// <summary>
    /// Polls the lines as they are completed, forever: a poll at once, then one every <see cref="QueueLogFollowerOptions.PollInterval"/>
    /// of the time provider. Ends with <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async IAsyncEnumerable<string> ReadLinesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var line in Poll())
            {
                yield return line;
            }
            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the lines completed since the last poll (none when the file does not exist yet).</summary>
    public IReadOnlyList<string> Poll()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var lines = new List<string>();
        DrainRetired(lines);
        if (_current is not null)
        {
            Read(_current, lines);
            switch (_current.Compare(_path))
            {
                case PathTarget.Replaced:
                    Rotations++;
                    Retire(_current, lines);
                    _current = null;
                    break;
                case PathTarget.Undecided:
                    // Not one complete line read from it yet, so nothing lost by opening the name again.
                    _current.Dispose();
                    _current = null;
                    break;
            }
        }
        if (_current is null && FollowedFile.TryOpen(_path) is { } opened)
        {
            if (!_opened && _options.SkipExistingLines)
            {
                opened.SkipCompleteLines();
            }
            _opened = true;
            _current = opened;
            Read(_current, lines);
        }
        return lines;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _current?.Dispose();
        _retired?.Dispose();
    }

    private void Read(FollowedFile file, List<string> lines)
    {
        var read = file.ReadLines(lines);
        if (read.Truncated)
        {
            Truncations++;
        }
        if (read.DroppedPartial)
        {
            DroppedPartialLines++;
        }
    }

    private void Retire(FollowedFile file, List<string> lines)
    {
        CloseRetired(lines);
        _retired = file;
        _retiredUntil = _time.GetUtcNow() + _options.RotationGrace;
        if (_options.RotationGrace <= TimeSpan.Zero)
        {
            CloseRetired(lines);
        }
    }

    private void DrainRetired(List<string> lines)
    {
        if (_retired is null)
        {
            return;
        }
        if (_time.GetUtcNow() >= _retiredUntil)
        {
            CloseRetired(lines);
        }
        else
        {
            Read(_retired, lines);
        }
    }

    private void CloseRetired(List<string> lines)
    {
        if (_retired is null)
        {
            return;
        }
        Read(_retired, lines);
        if (_retired.HasPartialLine)
        {
            DroppedPartialLines++;
        }
        _retired.Dispose();
        _retired = null;
    }

    private enum PathTarget
    {
        /// <summary>The name still points at the file being read, or at nothing (renamed, the new one not there yet).</summary>
        Same,
        /// <summary>The name points at another file.</summary>
        Replaced,
        /// <summary>The file being read has no complete line yet, so it cannot be told from another.</summary>
        Undecided,
    }

    private readonly record struct ReadOutcome(bool Truncated, bool DroppedPartial);

    /// <summary>One open file: the byte position reached, the incomplete line read so far, and its first line.</summary>
    private sealed class FollowedFile : IDisposable
    {
        private const int HeadBytes = 256;
        private const byte LineFeed = (byte)'\n';

        private readonly SafeFileHandle _handle;
        private readonly List<byte> _partial = [];
        private readonly byte[] _buffer = new byte[64 * 1024];
        private byte[]? _head;
        private long _position;

        private FollowedFile(SafeFileHandle handle) => _handle = handle;

        public bool HasPartialLine => _partial.Count > 0;

        public static FollowedFile? TryOpen(string path)
        {
            var handle = TryOpenHandle(path);
            return handle is null ? null : new FollowedFile(handle);
        }

        /// <summary>Starts after the last line break present now (an incomplete last line is still read when completed).</summary>
        public void SkipCompleteLines()
        {
            var length = RandomAccess.GetLength(_handle);
            var lastBreak = -1L;
            var window = new byte[4096];
            for (var end = length; end > 0 && lastBreak < 0; end -= window.Length)
            {
                var start = Math.Max(0, end - window.Length);
                var count = RandomAccess.Read(_handle, window.AsSpan(0, (int)(end - start)), start);
                var index = window.AsSpan(0, count).LastIndexOf(LineFeed);
                if (index >= 0)
                {
                    lastBreak = start + index;
                }
            }
            _position = lastBreak + 1;
            _head = HeadOf(_handle);
        }

        public ReadOutcome ReadLines(List<string> lines)
        {
            var truncated = RandomAccess.GetLength(_handle) < _position || (_head is not null && !StartsWith(_handle, _head));
            var droppedPartial = false;
            if (truncated)
            {
                droppedPartial = _partial.Count > 0;
                _partial.Clear();
                _position = 0;
                _head = null;
            }
            int count;
            while ((count = RandomAccess.Read(_handle, _buffer, _position)) > 0)
            {
                _position += count;
                var rest = _buffer.AsSpan(0, count);
                for (var end = rest.IndexOf(LineFeed); end >= 0; end = rest.IndexOf(LineFeed))
                {
                    lines.Add(Complete(rest[..end]));
                    rest = rest[(end + 1)..];
                }
                _partial.AddRange(rest);
            }
            _head ??= HeadOf(_handle);
            return new ReadOutcome(truncated, droppedPartial);
        }

        /// <summary>Whether <paramref name="path"/> still names this file (call after <see cref="ReadLines"/>).</summary>
        public PathTarget Compare(string path)
        {
            if (_head is null)
            {
                return File.Exists(path) ? PathTarget.Undecided : PathTarget.Same;
            }
            using var other = TryOpenHandle(path);
            if (other is null)
            {
                return PathTarget.Same;
            }
            return StartsWith(other, _head) ? PathTarget.Same : PathTarget.Replaced;
        }

        public void Dispose() => _handle.Dispose();

        private string Complete(ReadOnlySpan<byte> lineEnd)
        {
            string line;
            if (_partial.Count == 0)
            {
                line = Encoding.UTF8.GetString(lineEnd);
            }
            else
            {
                _partial.AddRange(lineEnd);
                line = Encoding.UTF8.GetString([.. _partial]);
                _partial.Clear();
            }
            return line.EndsWith('\r') ? line[..^1] : line;
        }

        /// <summary>The file's first line with its break (its first bytes when that line is long); null before a first line is complete.</summary>
        private static byte[]? HeadOf(SafeFileHandle handle)
        {
            var head = new byte[HeadBytes];
            var count = RandomAccess.Read(handle, head, 0);
            var end = head.AsSpan(0, count).IndexOf(LineFeed);
            return end >= 0 ? head[..(end + 1)] : count == HeadBytes ? head : null;
        }

        private static bool StartsWith(SafeFileHandle handle, byte[] head)
        {
            Span<byte> start = stackalloc byte[HeadBytes];
            var count = RandomAccess.Read(handle, start[..head.Length], 0);
            return start[..count].SequenceEqual(head);
        }

        private static SafeFileHandle? TryOpenHandle(string path)
        {
            try
            {
                return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}

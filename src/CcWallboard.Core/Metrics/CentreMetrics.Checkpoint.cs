using System.IO.Compression;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Metrics;

/// <summary>
/// A checkpoint of the whole metrics state (engine and reorder buffer), so a restarted host resumes from it
/// and the log entries after it instead of replaying the day. Compressed binary with a format version and
/// the configuration's fingerprint: a checkpoint of another format or configuration is not read back.
/// </summary>
public sealed partial class CentreMetrics
{
    /// <summary>The layout version of <see cref="SaveState"/>'s output.</summary>
    public const int StateFormatVersion = 1;

    private const string Magic = "ccwallboard-metrics";

    /// <summary>The whole state as bytes.</summary>
    public byte[] SaveState()
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(zip))
        {
            writer.Write(Magic);
            writer.Write(StateFormatVersion);
            writer.Write(_fingerprint);
            Engine.Write(writer);
            _buffer.Write(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The metrics restored from <paramref name="state"/>, or null with the reason when it cannot be used
    /// (another format version, another configuration, or unreadable bytes).
    /// </summary>
    public static CentreMetrics? RestoreState(CentreOptions options, CentreCalendar calendar, byte[] state, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            using var zip = new GZipStream(new MemoryStream(state), CompressionMode.Decompress);
            using var reader = new BinaryReader(zip);
            if (reader.ReadString() != Magic)
            {
                reason = "not a metrics checkpoint";
                return null;
            }
            var version = reader.ReadInt32();
            if (version != StateFormatVersion)
            {
                reason = $"format version {version}, this build reads {StateFormatVersion}";
                return null;
            }
            if (reader.ReadString() != QueueMetricsEngine.FingerprintOf(options))
            {
                reason = "taken under another configuration (queues, groups, boards, windows or calendar changed)";
                return null;
            }
            var metrics = new CentreMetrics(options, calendar, DateTimeOffset.UnixEpoch);
            metrics.Engine.Read(reader);
            metrics._buffer.Read(reader);
            reason = null;
            return metrics;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or IOException or FormatException or ArgumentException)
        {
            reason = $"unreadable: {ex.Message}";
            return null;
        }
    }
}

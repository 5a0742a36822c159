using CcWallboard.Adapters.Asterisk;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Time;
using CcWallboard.Host.Ingestion;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Sources;

/// <summary>Where the host finds an Asterisk queue_log to follow (configuration section <c>Sources:AsteriskQueueLog</c>).</summary>
public sealed class AsteriskQueueLogOptions
{
    public const string Section = "Sources:AsteriskQueueLog";

    /// <summary>The queue_log file (e.g. /var/log/asterisk/queue_log); unset = not followed.</summary>
    public string? Path { get; set; }

    /// <summary>The source name its events and rejections are counted under.</summary>
    public string Source { get; set; } = "asterisk-queue-log";

    /// <summary>How often the file is polled for new lines, in milliseconds.</summary>
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>
    /// Read only what is written after the host starts. Off by default: the file is read from its start, and the
    /// event log drops what it already has by event id, so a restart loses nothing.
    /// </summary>
    public bool SkipExistingLines { get; set; }
}

/// <summary>
/// Follows an Asterisk queue_log like <c>tail -F</c> (rotation and truncation included) and hands its events to
/// <see cref="EventIngestion"/>. A batch the log cannot take is kept and retried with back-off, so a Redis outage
/// delays events but never drops them. Malformed lines are counted and logged at a bounded rate.
/// </summary>
public sealed partial class AsteriskQueueLogSource(
    IOptions<AsteriskQueueLogOptions> options,
    IOptions<CentreOptions> centre,
    EventIngestion ingestion,
    TimeProvider time,
    ILogger<AsteriskQueueLogSource> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    public long LinesRead { get; private set; }

    public long MalformedLines { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Path))
        {
            return;
        }
        var zone = CentreCalendar.For(centre.Value.Centre).TimeZone;
        var mapper = new QueueLogMapper(zone);
        var limiter = new RejectionLogLimiter(time, 20);
        using var follower = new QueueLogFollower(settings.Path, time, new QueueLogFollowerOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(settings.PollMilliseconds),
            SkipExistingLines = settings.SkipExistingLines,
        });
        LogFollowing(settings.Path);
        var pending = new List<AcdEvent>();
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (pending.Count == 0)
                {
                    foreach (var line in follower.Poll())
                    {
                        LinesRead++;
                        var mapping = mapper.Map(line);
                        if (mapping.Malformed)
                        {
                            MalformedLines++;
                            ingestion.CountRefused(settings.Source, "malformed_line");
                            if (limiter.TryTake(settings.Source, out var suppressed))
                            {
                                LogMalformed(mapping.Reason ?? "malformed", suppressed);
                            }
                        }
                        pending.AddRange(mapping.Events);
                    }
                }
                if (pending.Count > 0)
                {
                    await ingestion.SubmitAsync(settings.Source, pending, stoppingToken).ConfigureAwait(false);
                    pending.Clear();
                    backoff = TimeSpan.FromMilliseconds(200);
                    continue;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(settings.PollMilliseconds), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The events stay pending and are sent again: the log drops any it already took by id.
                LogSubmitFailed(ex, pending.Count, backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Following the Asterisk queue_log {Path}")]
    private partial void LogFollowing(string path);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Skipped a malformed queue_log line: {Reason} ({Suppressed} similar lines held back since the last one)")]
    private partial void LogMalformed(string reason, long suppressed);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Could not hand {Count} queue_log events to the event log; retrying in {Seconds} s")]
    private partial void LogSubmitFailed(Exception exception, int count, double seconds);
}

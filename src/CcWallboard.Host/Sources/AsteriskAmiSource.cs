using System.Threading.Channels;
using CcWallboard.Adapters.Asterisk.Ami;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Time;
using CcWallboard.Host.Ingestion;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Sources;

/// <summary>An Asterisk manager interface to read (configuration section <c>Sources:AsteriskAmi</c>); unset Host = not read.</summary>
public sealed class AsteriskAmiOptions
{
    public const string Section = "Sources:AsteriskAmi";

    public string? Host { get; set; }
    public int Port { get; set; } = 5038;
    public string Username { get; set; } = "";
    public string Secret { get; set; } = "";
    /// <summary>The event classes asked for at login (manager.conf <c>read</c>), e.g. <c>agent</c>.</summary>
    public string? EventMask { get; set; } = "agent";
    public string Source { get; set; } = "asterisk-ami";
}

/// <summary>
/// Reads an Asterisk manager interface (<see cref="AmiClient"/>: login, events, reconnect with back-off, QueueStatus
/// resync) and hands its events to <see cref="EventIngestion"/> in batches of whatever has arrived (at most 500). A batch
/// the log cannot take is retried with back-off while the client keeps reading into a bounded buffer.
/// </summary>
public sealed partial class AsteriskAmiSource(
    IOptions<AsteriskAmiOptions> options,
    IOptions<CentreOptions> centre,
    EventIngestion ingestion,
    TimeProvider time,
    ILogger<AsteriskAmiSource> logger) : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            return;
        }
        var clientOptions = new AmiClientOptions
        {
            Host = settings.Host,
            Port = settings.Port,
            Username = settings.Username,
            Secret = settings.Secret,
            EventMask = settings.EventMask,
            TimeZone = CentreCalendar.For(centre.Value.Centre).TimeZone,
        };
        var problems = clientOptions.Validate();
        if (problems.Count > 0)
        {
            LogBadOptions(string.Join("; ", problems.Select(p => $"{AsteriskAmiOptions.Section}: {p}")));
            return;
        }
        using var client = new AmiClient(clientOptions, time);
        using var status = client.Status.Subscribe(s => LogStatus(s.State, s.Failures, s.RetryIn, s.Error));
        var buffer = Channel.CreateBounded<AcdEvent>(new BoundedChannelOptions(100_000) { SingleReader = true, SingleWriter = true });
        var reading = ReadAsync(client, buffer.Writer, stoppingToken);
        try
        {
            await SubmitAsync(settings.Source, buffer.Reader, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        try
        {
            await reading.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static async Task ReadAsync(AmiClient client, ChannelWriter<AcdEvent> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in client.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(e, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task SubmitAsync(string source, ChannelReader<AcdEvent> reader, CancellationToken cancellationToken)
    {
        var batch = new List<AcdEvent>(BatchSize);
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (batch.Count < BatchSize && reader.TryRead(out var e))
            {
                batch.Add(e);
            }
            var backoff = TimeSpan.FromMilliseconds(200);
            while (true)
            {
                try
                {
                    await ingestion.SubmitAsync(source, batch, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSubmitFailed(ex, batch.Count, backoff.TotalSeconds);
                    await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, backoff.Ticks * 2));
                }
            }
            batch.Clear();
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "The Asterisk manager interface is not read: {Problems}")]
    private partial void LogBadOptions(string problems);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Asterisk manager interface: {State} ({Failures} failures; retry in {RetryIn}; {Error})")]
    private partial void LogStatus(AmiConnectionState state, int failures, TimeSpan? retryIn, string? error);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Could not hand {Count} manager-interface events to the event log; retrying in {Seconds} s")]
    private partial void LogSubmitFailed(Exception exception, int count, double seconds);
}

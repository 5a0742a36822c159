using System.Globalization;
using System.Net;
using System.Text;
using CcWallboard.Core.Events;

namespace CcWallboard.Cli;

/// <summary>
/// <c>ccwallboard send FILE --to URL --speed N</c>: streams a recorded day (JSON Lines of events) into a running host's
/// <c>POST /api/events</c>, keeping the events' spacing at N× real time (or as fast as possible with <c>max</c>), so a
/// demo or a load test runs on a real day. A batch the host cannot take now (503, no connection) is sent again after
/// a pause — safe, since the host counts an event id once; rejected events are reported with their line.
/// </summary>
internal sealed class SendCommand : ICliCommand
{
    private const string ToOption = "--to";
    private const string SpeedOption = "--speed";
    private const string ApiKeyOption = "--api-key";
    private const string BatchOption = "--batch";
    public const string ApiKeyVariable = "CCWALLBOARD_API_KEY";

    public string Name => "send";

    public string Summary => "Stream a recorded day of events into a running host at N× real time.";

    public string Usage =>
        $"""
        Usage: ccwallboard send FILE --to URL [--speed N|max] [--api-key KEY] [--batch N]

        Streams FILE (JSON Lines of normalized events) to the host at URL (POST /api/events), keeping the
        spacing of the events' times divided by N (default 1: real time); 'max' sends as fast as the host
        takes them. Times are sent as recorded. A batch the host cannot take now is retried; rejected
        events are reported with their line number.

        Options:
          --to URL         the host, e.g. http://localhost:5080
          --speed N|max    speed-up over real time (default 1)
          --api-key KEY    the source's key (default: the environment variable {ApiKeyVariable})
          --batch N        at most N events a request (default 500)
          -h, --help       show this help

        Exit codes: 0 all sent; 2 bad arguments; 3 a line was not a valid event, the host rejected events, or refused the key.

        """.ReplaceLineEndings("\n");

    public IReadOnlyCollection<string> ValueOptions { get; } = [ToOption, SpeedOption, ApiKeyOption, BatchOption];

    public int MaxArguments => 1;

    /// <summary>The client requests go through (a test gives its own).</summary>
    public Func<HttpClient> CreateClient { get; init; } = () => new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

    public int Run(CommandLineOptions options, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        if (options.Arguments.Count != 1)
        {
            throw new CommandLineException("FILE: the events file to send is required");
        }
        var path = options.Arguments[0];
        if (!File.Exists(path))
        {
            throw new CommandLineException($"FILE: '{path}' does not exist");
        }
        var to = options.Get(ToOption) ?? throw new CommandLineException($"{ToOption}: required");
        if (!Uri.TryCreate(to, UriKind.Absolute, out var host) || host.Scheme is not ("http" or "https"))
        {
            throw new CommandLineException($"{ToOption}: '{to}' is not an http(s) address");
        }
        var speedText = options.Get(SpeedOption) ?? "1";
        double? speed = speedText == "max" ? null
            : double.TryParse(speedText, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && double.IsFinite(s) ? s
            : throw new CommandLineException($"{SpeedOption}: '{speedText}' is not a positive number or 'max'");
        var batchText = options.Get(BatchOption) ?? "500";
        var batchSize = int.TryParse(batchText, NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b is > 0 and <= 100_000 ? b
            : throw new CommandLineException($"{BatchOption}: '{batchText}' is not a whole number from 1 to 100000");
        var key = options.Get(ApiKeyOption) ?? Environment.GetEnvironmentVariable(ApiKeyVariable)
            ?? throw new CommandLineException($"{ApiKeyOption}: required (or set {ApiKeyVariable})");

        using var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        var sender = new Sender(client, new Uri(host, "/api/events"), context, Name);
        var badLines = new long[1];
        var code = sender.RunAsync(ReadEvents(path, context, badLines), speed, batchSize).GetAwaiter().GetResult();
        return code == ExitCodes.Success && badLines[0] > 0 ? ExitCodes.InvalidInput : code;
    }

    /// <summary>The file's valid events with their line numbers; a bad line is reported and skipped.</summary>
    private IEnumerable<(long Line, AcdEvent Event)> ReadEvents(string path, CliContext context, long[] badLines)
    {
        long number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var parsed = AcdEventJson.ParseLine(line, DateTimeOffset.MaxValue.AddYears(-1), TimeSpan.Zero);
            if (parsed.Event is { } e)
            {
                yield return (number, e);
            }
            else
            {
                badLines[0]++;
                context.Error.Write($"{CliApplication.ToolName} {Name}: {path}: line {number}: {string.Join("; ", parsed.Errors.Select(x => $"{x.Field}: {x.Reason}"))} (not sent)\n");
            }
        }
    }

    private sealed class Sender(HttpClient client, Uri endpoint, CliContext context, string name)
    {
        private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(10);
        private long _sent;
        private long _rejected;

        public async Task<int> RunAsync(IEnumerable<(long Line, AcdEvent Event)> events, double? speed, int batchSize)
        {
            var started = context.Time.GetUtcNow();
            DateTimeOffset? first = null;
            var batch = new List<(long Line, AcdEvent Event)>(batchSize);
            foreach (var item in events)
            {
                first ??= item.Event.At;
                if (speed is { } factor)
                {
                    var due = started + ((item.Event.At - first.Value) / factor);
                    var wait = due - context.Time.GetUtcNow();
                    if (wait > TimeSpan.FromMilliseconds(50))
                    {
                        if (!await FlushAsync(batch).ConfigureAwait(false))
                        {
                            return ExitCodes.InvalidInput;
                        }
                        wait = due - context.Time.GetUtcNow();
                        if (wait > TimeSpan.Zero)
                        {
                            await Task.Delay(wait, context.Time).ConfigureAwait(false);
                        }
                    }
                }
                batch.Add(item);
                if (batch.Count >= batchSize && !await FlushAsync(batch).ConfigureAwait(false))
                {
                    return ExitCodes.InvalidInput;
                }
            }
            if (!await FlushAsync(batch).ConfigureAwait(false))
            {
                return ExitCodes.InvalidInput;
            }
            context.Error.Write($"{CliApplication.ToolName} {name}: sent {_sent} events to {endpoint}, {_rejected} rejected\n");
            return _rejected == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
        }

        /// <summary>Sends the batch until the host answers; false when it refuses the key.</summary>
        private async Task<bool> FlushAsync(List<(long Line, AcdEvent Event)> batch)
        {
            if (batch.Count == 0)
            {
                return true;
            }
            var body = string.Join("\n", batch.Select(b => AcdEventJson.ToJson(b.Event))) + "\n";
            var pause = TimeSpan.FromMilliseconds(250);
            while (true)
            {
                HttpResponseMessage? response = null;
                try
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/x-ndjson");
                    response = await client.PostAsync(endpoint, content).ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        context.Error.Write($"{CliApplication.ToolName} {name}: {endpoint} refused the API key (401)\n");
                        return false;
                    }
                    if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.UnprocessableEntity)
                    {
                        await ReportAsync(response, batch).ConfigureAwait(false);
                        _sent += batch.Count;
                        batch.Clear();
                        return true;
                    }
                    if ((int)response.StatusCode is >= 400 and < 500)
                    {
                        context.Error.Write($"{CliApplication.ToolName} {name}: {endpoint} refused a batch: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}\n");
                        return false;
                    }
                    context.Error.Write($"{CliApplication.ToolName} {name}: {endpoint} answered {(int)response.StatusCode}; sending the batch again in {pause.TotalSeconds:0.##} s\n");
                }
                catch (HttpRequestException ex)
                {
                    context.Error.Write($"{CliApplication.ToolName} {name}: {endpoint}: {ex.Message}; sending the batch again in {pause.TotalSeconds:0.##} s\n");
                }
                finally
                {
                    response?.Dispose();
                }
                await Task.Delay(pause, context.Time).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(MaxPause.Ticks, pause.Ticks * 2));
            }
        }

        private async Task ReportAsync(HttpResponseMessage response, List<(long Line, AcdEvent Event)> batch)
        {
            if (response.StatusCode != HttpStatusCode.UnprocessableEntity)
            {
                return;
            }
            using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
            foreach (var rejected in json.RootElement.GetProperty("rejected").EnumerateArray())
            {
                _rejected++;
                var position = rejected.GetProperty("position").GetInt32();
                var reasons = string.Join("; ", rejected.GetProperty("errors").EnumerateArray()
                    .Select(e => $"{e.GetProperty("field").GetString()}: {e.GetProperty("reason").GetString()}"));
                context.Error.Write($"{CliApplication.ToolName} {name}: line {batch[position].Line}: rejected by the host: {reasons}\n");
            }
        }
    }
}

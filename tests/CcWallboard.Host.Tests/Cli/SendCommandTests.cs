using CcWallboard.Cli;
using CcWallboard.Core.Events;
using CcWallboard.Host.Storage;
using CcWallboard.Host.Tests.Pipeline;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CcWallboard.Host.Tests.Cli;

/// <summary><c>ccwallboard send</c> against a real host on Kestrel.</summary>
public sealed class SendCommandTests : IDisposable
{
    private const string Key = "send-key-0123456789abcdef";
    private readonly string _folder = Directory.CreateTempSubdirectory("ccwallboard-send-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int ExitCode, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApplication.CreateDefault().Run(args, new CliContext(output, error, TimeProvider.System, AppContext.BaseDirectory));
        return (code, error.ToString());
    }

    private string WriteDay(IEnumerable<string> lines)
    {
        var path = Path.Combine(_folder, "day.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task Send_at_max_speed_delivers_every_valid_event_and_reports_bad_lines_by_number()
    {
        await using var host = new WallboardHostFactory().With("Ingestion:ApiKeys:replay", Key);
        var address = host.Start();
        var lines = TestEvents.SalesMorning("s").Select(AcdEventJson.ToJson).ToList();
        lines.Insert(3, "{broken");
        var file = WriteDay(lines);

        var (code, error) = Run("send", file, "--to", address.ToString(), "--speed", "max", "--api-key", Key, "--batch", "3");

        Assert.Equal(3, code); // a line could not be sent
        Assert.Contains("line 4: $: not valid JSON", error, StringComparison.Ordinal);
        Assert.Contains("sent 8 events", error, StringComparison.Ordinal);
        Assert.Equal(8, await host.Services.GetRequiredService<IEventLog>().CountAsync());
    }

    [Fact]
    public async Task Events_the_host_rejects_are_reported_with_their_line()
    {
        await using var host = new WallboardHostFactory().With("Ingestion:ApiKeys:replay", Key);
        var address = host.Start();
        var lines = TestEvents.SalesMorning("r").Select(AcdEventJson.ToJson).ToList();
        lines.Add("""{"type":"contact.queued","id":"r-x","at":"2026-11-23T09:00:05Z","contactId":"cx","queueId":"nowhere"}""");
        var file = WriteDay(lines);

        var (code, error) = Run("send", file, "--to", address.ToString(), "--speed", "max", "--api-key", Key);

        Assert.Equal(3, code);
        Assert.Contains("line 9: rejected by the host: queueId: queue 'nowhere' is not configured", error, StringComparison.Ordinal);
        Assert.Equal(8, await host.Services.GetRequiredService<IEventLog>().CountAsync());
    }

    [Fact]
    public async Task A_wrong_key_stops_the_send_with_the_hosts_refusal()
    {
        await using var host = new WallboardHostFactory().With("Ingestion:ApiKeys:replay", Key);
        var address = host.Start();
        var file = WriteDay(TestEvents.SalesMorning("w").Select(AcdEventJson.ToJson));

        var (code, error) = Run("send", file, "--to", address.ToString(), "--speed", "max", "--api-key", "wrong-key-0123456789abc");

        Assert.Equal(3, code);
        Assert.Contains("refused the API key (401)", error, StringComparison.Ordinal);
        Assert.Equal(0, await host.Services.GetRequiredService<IEventLog>().CountAsync());
    }

    [Theory]
    [InlineData("--speed", "fast", "--speed: 'fast' is not a positive number or 'max'")]
    [InlineData("--to", "localhost:5080", "--to: 'localhost:5080' is not an http(s) address")]
    public void Bad_arguments_are_named(string option, string value, string message)
    {
        var file = WriteDay(["{}"]);
        var args = new Dictionary<string, string> { ["--to"] = "http://127.0.0.1:1", ["--speed"] = "1", ["--api-key"] = Key };
        args[option] = value;

        var (code, error) = Run(["send", file, .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}

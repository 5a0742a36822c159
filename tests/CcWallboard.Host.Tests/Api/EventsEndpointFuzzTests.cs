using System.Net;
using System.Text;
using CcWallboard.Core.Events;
using CcWallboard.Host.Storage;
using CcWallboard.Host.Tests.Pipeline;
using CcWallboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Host.Tests.Api;

/// <summary>Thousands of malformed bodies and lines at <c>POST /api/events</c>: never a 5xx, no good event lost, no bad one counted.</summary>
public sealed class EventsEndpointFuzzTests
{
    private const string Key = "fuzz-key-0123456789abcdef";

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e999", "-0", "\"type\"", "\"contact.queued\"", "\"id\"", "\"at\"",
        "\"2026-11-23T09:00:00Z\"", "\"queueId\"", "\"sales\"", "\"agentId\"", "\"state\"", "\"not_ready\"", "\\u0000", "\u00e9", "𝄞",
    ];

    private static string RandomBody(Random random)
    {
        var text = new StringBuilder();
        for (var i = random.Next(0, 40); i > 0; i--)
        {
            text.Append(Fragments[random.Next(Fragments.Length)]);
        }
        return text.ToString();
    }

    /// <summary>A valid event's JSON with one property removed, retyped or changed.</summary>
    private static string Mutated(AcdEvent e, Random random)
    {
        var json = AcdEventJson.ToJson(e);
        return random.Next(6) switch
        {
            0 => json.Replace("\"type\":\"", "\"type\":\"x", StringComparison.Ordinal),
            1 => json.Replace("\"at\":\"", "\"at\":\"1", StringComparison.Ordinal),
            2 => json.Replace("\"queueId\":\"sales\"", "\"queueId\":7", StringComparison.Ordinal).Replace("\"agentId\":\"a01\"", "\"agentId\":[]", StringComparison.Ordinal),
            3 => json.Replace("\"id\":\"", "\"ident\":\"", StringComparison.Ordinal),
            4 => json[..(json.Length / 2)],
            _ => json.Replace("2026-11-23", "2031-11-23", StringComparison.Ordinal),
        };
    }

    [Fact]
    public async Task Malformed_bodies_and_mutated_events_never_fail_the_host_and_only_good_events_are_appended()
    {
        var random = new Random(20261123);
        var time = new FakeTimeProvider(TestEvents.At(60));
        await using var host = new WallboardHostFactory(time).With("Ingestion:ApiKeys:fuzz", Key);
        using var client = host.CreateHttpClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var log = host.Services.GetRequiredService<IEventLog>();
        var good = 0;

        for (var i = 0; i < 1500; i++)
        {
            var mediaType = random.Next(2) == 0 ? "application/json" : "application/x-ndjson";
            var response = await client.PostAsync(new Uri("/api/events", UriKind.Relative), new StringContent(RandomBody(random), Encoding.UTF8, mediaType));
            Assert.True((int)response.StatusCode is >= 200 and < 500, $"{(int)response.StatusCode} for a random body");
        }
        Assert.Equal(0, await log.CountAsync());

        for (var batch = 0; batch < 60; batch++)
        {
            var lines = new List<string>();
            foreach (var e in TestEvents.SalesMorning($"f{batch}"))
            {
                if (random.Next(3) == 0)
                {
                    lines.Add(Mutated(e, random));
                }
                else
                {
                    lines.Add(AcdEventJson.ToJson(e));
                    good++;
                }
                if (random.Next(4) == 0)
                {
                    lines.Add(RandomBody(random).Replace("\n", "", StringComparison.Ordinal));
                }
            }
            var response = await client.PostAsync(new Uri("/api/events", UriKind.Relative),
                new StringContent(string.Join("\n", lines), Encoding.UTF8, "application/x-ndjson"));
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}");
        }

        Assert.Equal(good, await log.CountAsync());
    }
}

using System.Text.Json;
using CcWallboard.Core.Events;

namespace CcWallboard.Core.Tests.Events;

public class AcdEventJsonTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    public static TheoryData<AcdEvent> EveryKindOfEvent => new()
    {
        new ContactQueued("e1", Now, "c1", "sales", ContactChannel.Chat, 2),
        new ContactAnswered("e2", Now.AddSeconds(1.25), "c1", "sales", "a1"),
        new ContactAbandoned("e3", Now, "c1", "sales"),
        new ContactTransferred("e4", Now, "c1", "sales", "service"),
        new ContactEnded("e5", Now, "c1", "sales", "a1", 12.5),
        new AgentStateChanged("e6", Now, "a1", AgentState.NotReady, "lunch"),
        new AgentStateChanged("e7", Now, "a1", AgentState.OnContact),
    };

    [Theory]
    [MemberData(nameof(EveryKindOfEvent))]
    public void Every_event_round_trips_through_its_json_line(AcdEvent e)
    {
        var parsed = AcdEventJson.ParseLine(AcdEventJson.ToJson(e), Now, Skew);

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(e, parsed.Event);
    }

    [Fact]
    public void Contract_example_parses_with_offset_and_milliseconds()
    {
        var parsed = AcdEventJson.ParseLine(
            """{"type":"contact.queued","id":"x","at":"2026-11-23T09:00:01.250Z","contactId":"c","queueId":"q"}""", Now, Skew);

        var queued = Assert.IsType<ContactQueued>(parsed.Event);
        Assert.Equal(Now.AddSeconds(1.25), queued.At);
        Assert.Equal(ContactChannel.Voice, queued.Channel);
    }

    [Theory]
    [InlineData("""{"id":"x","at":"2026-11-23T09:00:00Z"}""", "type", "is required")]
    [InlineData("""{"type":"contact.teleported","id":"x","at":"2026-11-23T09:00:00Z"}""", "type", "unknown event type")]
    [InlineData("""{"type":"contact.queued","at":"2026-11-23T09:00:00Z","contactId":"c","queueId":"q"}""", "id", "is required")]
    [InlineData("""{"type":"contact.queued","id":"x","at":"2026-11-23 09:00","contactId":"c","queueId":"q"}""", "at", "ISO 8601")]
    [InlineData("""{"type":"contact.queued","id":"x","at":"2026-11-23T09:00:00","contactId":"c","queueId":"q"}""", "at", "with an offset")]
    [InlineData("""{"type":"contact.queued","id":"x","at":"2026-11-23T10:00:00Z","contactId":"c","queueId":"q"}""", "at", "in the future")]
    [InlineData("""{"type":"contact.answered","id":"x","at":"2026-11-23T09:00:00Z","contactId":"c","queueId":"q"}""", "agentId", "is required")]
    [InlineData("""{"type":"contact.queued","id":"x","at":"2026-11-23T09:00:00Z","queueId":"q"}""", "contactId", "is required")]
    [InlineData("""{"type":"agent.state","id":"x","at":"2026-11-23T09:00:00Z","agentId":"a","state":"sleeping"}""", "state", "unknown state")]
    [InlineData("""{"type":"contact.queued","id":"x","at":"2026-11-23T09:00:00Z","contactId":"c","queueId":"q","channel":"fax"}""", "channel", "unknown channel")]
    [InlineData("""{"type":"contact.queued","id":7,"at":"2026-11-23T09:00:00Z","contactId":"c","queueId":"q"}""", "id", "must be a string")]
    [InlineData("""[1,2]""", "$", "JSON object")]
    [InlineData("""{"type":""", "$", "not valid JSON")]
    public void A_bad_event_is_rejected_naming_the_field_and_the_reason(string json, string field, string reason)
    {
        var parsed = AcdEventJson.ParseLine(json, Now, Skew);

        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Errors, e => e.Field == field && e.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_fault_of_an_event_is_reported_at_once()
    {
        var parsed = AcdEventJson.ParseLine("""{"type":"contact.ended","at":"nope"}""", Now, Skew);

        Assert.Equal(["id", "at", "contactId", "queueId", "agentId"], parsed.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Written_times_are_iso_8601_with_offset()
    {
        using var document = JsonDocument.Parse(AcdEventJson.ToJson(new ContactAbandoned("e", Now.AddMilliseconds(250), "c", "q")));

        Assert.Equal("2026-11-23T09:00:00.250Z", document.RootElement.GetProperty("at").GetString());
        Assert.Equal("contact.abandoned", document.RootElement.GetProperty("type").GetString());
    }
}

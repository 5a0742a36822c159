using System.Globalization;
using System.Text;
using CcWallboard.Adapters.Asterisk.Ami;
using CcWallboard.Core.Events;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Adapters.Tests.Asterisk.Ami;

/// <summary>
/// Random and mutated packets (seeded, so a failure repeats): the framing, the mapper and the client never throw,
/// and every event that comes out keeps the contract's rules.
/// </summary>
public sealed class AmiFuzzTests
{
    private static readonly string[] EventNames =
    [
        "QueueCallerJoin", "QueueCallerLeave", "QueueCallerAbandon", "AgentConnect", "AgentComplete", "AgentRingNoAnswer",
        "QueueMemberPause", "QueueMemberStatus", "QueueMemberAdded", "QueueMemberRemoved", "QueueMember", "QueueEntry",
        "QueueParams", "QueueStatusComplete", "FullyBooted", "Newchannel", "", "queuecallerjoin",
    ];

    private static readonly string[] Keys =
    [
        "Event", "Response", "Uniqueid", "Queue", "MemberName", "Name", "Interface", "Timestamp", "Paused", "PausedReason",
        "Reason", "Status", "InCall", "Wait", "HoldTime", "TalkTime", "ActionID", "Privilege", "X-Random",
    ];

    [Theory]
    [InlineData(1, "UTC")]
    [InlineData(2, "Asia/Jerusalem")]
    [InlineData(3, "Pacific/Kiritimati")]
    [InlineData(4, "America/St_Johns")]
    public void Thousands_of_mutated_and_random_events_never_crash_the_mapper_and_give_only_valid_events(int seed, string zone)
    {
        var random = new Random(seed);
        var mapper = new AmiEventMapper(TimeZoneInfo.FindSystemTimeZoneById(zone), TimeSpan.FromSeconds(random.Next(0, 5)));
        var session = AmiSession.StampedEvents;
        var received = AmiSession.Start;
        var events = new List<AcdEvent>();

        for (var i = 0; i < 3000; i++)
        {
            received = received.AddMilliseconds(random.Next(-500, 5000));
            var message = random.Next(4) == 0 ? RandomMessage(random) : Mutate(session[random.Next(session.Count)], random);
            events.AddRange(mapper.Map(message, received).Events);
            switch (random.Next(50))
            {
                case 0:
                    events.AddRange(mapper.ExpireLeaves(received.AddSeconds(random.Next(0, 60))));
                    break;
                case 1:
                    var mark = mapper.BeginResynchronisation();
                    var status = new AmiQueueStatus();
                    for (var n = random.Next(0, 30); n > 0; n--)
                    {
                        status.Add(random.Next(3) == 0 ? RandomMessage(random) : Mutate(RandomStatusEvent(random), random));
                    }
                    events.AddRange(mapper.Resynchronise(status, received, mark - random.Next(0, 3)).Events);
                    break;
            }
        }

        var now = DateTimeOffset.MaxValue.AddYears(-1);
        Assert.NotEmpty(events);
        foreach (var e in events)
        {
            Assert.Empty(AcdEventRules.Check(e, now, TimeSpan.Zero));
            var read = AcdEventJson.ParseLine(AcdEventJson.ToJson(e), now, TimeSpan.Zero);
            Assert.True(read.Event is not null, $"{AcdEventJson.ToJson(e)}: {string.Join("; ", read.Errors)}");
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Random_bytes_never_crash_the_framing_and_every_packet_is_either_a_message_or_counted_malformed(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("Asterisk Call Manager/9.0.0\r\n");
        for (var i = 0; i < 2000; i++)
        {
            text.Append(random.Next(3) == 0 ? RandomBytesAsText(random) : RandomPacket(random));
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        for (var i = 0; i < 200; i++)
        {
            bytes[random.Next(bytes.Length - 40) + 40] = (byte)random.Next(256); // corrupt a few bytes, the banner aside
        }
        await using var connection = await AmiConnection.OpenAsync(new MemoryStream(bytes), default);

        var messages = 0;
        while (await connection.ReadAsync(default) is { } message)
        {
            Assert.True(message.Event is not null || message.Response is not null);
            messages++;
        }

        Assert.Equal(connection.FramesRead, messages + connection.MalformedFrames);
        Assert.True(messages > 20 && connection.MalformedFrames > 100, $"{messages} messages, {connection.MalformedFrames} malformed");
    }

    [Fact]
    public async Task Client_fed_thousands_of_random_packets_keeps_running_and_maps_the_session_that_follows()
    {
        var random = new Random(21);
        var garbage = Enumerable.Range(0, 2000).Select(_ => RandomPacket(random) + "\r\n").ToList();
        var events = AmiSession.StampedEvents.Take(40).ToList();
        await using var server = new ScriptedAmiServer(new ScriptOptions { Events = events, RawPacketsBefore = new Dictionary<int, IReadOnlyList<string>> { [20] = garbage } });
        using var client = new AmiClient(new AmiClientOptions { Host = "127.0.0.1", Port = server.Port, Username = "wallboard", Secret = "s3cret" },
            new FakeTimeProvider(AmiSession.Start), new Random(1));
        await using var run = AmiClientRun.Start(client);
        // Garbage can move agents (a random AgentConnect), so only what a caller's join and answer always give is expected.
        var expected = AmiSession.Map(events).Where(e => e is ContactQueued or ContactAnswered).Select(e => e.Id).ToHashSet();

        await server.Played.WaitAsync(AmiClientRun.Patience);
        await run.UntilAsync(() => expected.IsSubsetOf(run.Events.Select(e => e.Id)), "the session's events after the garbage");

        Assert.Equal(1, server.Connections);
        Assert.True(client.Counters.MalformedFrames + client.Counters.RejectedEvents > 500, client.Counters.LastProblem);
        Assert.Equal(AmiConnectionState.InStep, client.CurrentStatus.State);
    }

    private static AmiMessage Mutate(AmiMessage message, Random random)
    {
        var fields = message.Fields.ToList();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            switch (random.Next(7))
            {
                case 0 when fields.Count > 1:
                    fields.RemoveAt(random.Next(1, fields.Count));
                    break;
                case 1 when fields.Count > 0:
                    var at = random.Next(fields.Count);
                    fields[at] = new(fields[at].Key, RandomValue(random));
                    break;
                case 2:
                    fields.Insert(random.Next(fields.Count + 1), new(Keys[random.Next(Keys.Length)], RandomValue(random)));
                    break;
                case 3:
                    fields.Insert(0, new("Event", EventNames[random.Next(EventNames.Length)]));
                    break;
                case 4:
                    fields.RemoveAll(f => f.Key == "Timestamp");
                    fields.Add(new("Timestamp", RandomTimestamp(random)));
                    break;
                case 5:
                    fields = [.. fields.OrderBy(_ => random.Next())];
                    break;
                default:
                    fields.Add(new(random.Next(2) == 0 ? "Uniqueid" : "MemberName", $"x{random.Next(5)}"));
                    break;
            }
        }
        return new AmiMessage(fields);
    }

    private static AmiMessage RandomMessage(Random random)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Event", EventNames[random.Next(EventNames.Length)]) };
        for (var n = random.Next(0, 8); n > 0; n--)
        {
            fields.Add(new(Keys[random.Next(Keys.Length)], RandomValue(random)));
        }
        return new AmiMessage(fields);
    }

    private static AmiMessage RandomStatusEvent(Random random) => random.Next(3) switch
    {
        0 => AmiMessage.Of(("Event", "QueueParams"), ("Queue", random.Next(2) == 0 ? "sales" : "support")),
        1 => AmiMessage.Of(("Event", "QueueMember"), ("Queue", "sales"), ("Name", $"Agent{random.Next(1, 20):00}"), ("Status", Num(random.Next(0, 9))),
            ("Paused", Num(random.Next(2))), ("PausedReason", random.Next(2) == 0 ? "" : "lunch"), ("InCall", Num(random.Next(2)))),
        _ => AmiMessage.Of(("Event", "QueueEntry"), ("Queue", "sales"), ("Uniqueid", $"c{random.Next(1, 400):00000}b"), ("Wait", Num(random.Next(-5, 100_000)))),
    };

    private static string RandomValue(Random random) => random.Next(12) switch
    {
        0 => "",
        1 => "1",
        2 => "0",
        3 => Num(random.Next(int.MinValue, int.MaxValue)),
        4 => "99999999999999999999999999999999",
        5 => "sales",
        6 => $"Agent{random.Next(1, 20):00}",
        7 => $"c{random.Next(1, 400):00000}b",
        8 => RandomTimestamp(random),
        9 => new string('é', random.Next(0, 300)),
        10 => "𝔘𝔫𝔦 \u0000 \u202e ",
        _ => EventNames[random.Next(EventNames.Length)],
    };

    private static string RandomTimestamp(Random random) => random.Next(8) switch
    {
        0 => "",
        1 => "-1",
        2 => "1.2.3",
        3 => "253402300799.999999",
        4 => "0.000001",
        5 => "١٧٩٥٤٢١٢٤٥",
        6 => FormattableString.Invariant($"{1_795_421_237 + random.NextDouble() * 1000:0.000000}"),
        _ => "1795421" + new string('9', random.Next(0, 30)),
    };

    private static string RandomPacket(Random random)
    {
        var text = new StringBuilder();
        var endings = new[] { "\r\n", "\n", "\r\n", "\r" };
        for (var n = random.Next(1, 10); n > 0; n--)
        {
            var key = Keys[random.Next(Keys.Length)];
            text.Append(random.Next(15) == 0 ? RandomValue(random) : $"{key}: {RandomValue(random)}").Append(endings[random.Next(endings.Length)]);
        }
        return text.Append("\r\n").ToString();
    }

    private static string RandomBytesAsText(Random random)
    {
        var bytes = new byte[random.Next(1, 200)];
        random.NextBytes(bytes);
        return Encoding.Latin1.GetString(bytes);
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}

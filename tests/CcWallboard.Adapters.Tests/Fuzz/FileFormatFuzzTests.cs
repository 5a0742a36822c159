using CcWallboard.Adapters.Asterisk;
using CcWallboard.Adapters.Cdr;
using CcWallboard.Core.Events;

namespace CcWallboard.Adapters.Tests.Fuzz;

/// <summary>
/// Thousands of malformed and mutated lines mixed into the real files: no converter crashes, every good line
/// still gives exactly its events, and no bad line gives an event.
/// </summary>
public sealed class FileFormatFuzzTests
{
    private const int Seed = 20261123;

    /// <summary>Lines no format accepts: wrong shapes, binary, huge, separators only, control characters.</summary>
    private static IEnumerable<string> Garbage(Random random, int count)
    {
        string[] shapes = ["", " ", "|||||||", "\t\t\t", "{}", "[]", "null", "\u0000\u0001\u0002", "𝄞𝄞𝄞", "ä|ö|ü|ß",
            "-1|x|y|z|CONNECT|a|b|c", "99999999999999999999|c|q|a|ENTERQUEUE", "1.5e10|c|q|a|ABANDON|1|2|3"];
        for (var i = 0; i < count; i++)
        {
            yield return (i % 4) switch
            {
                0 => shapes[random.Next(shapes.Length)],
                1 => new string((char)random.Next(1, 0xD7FF), random.Next(0, 200)),
                2 => string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => (char)random.Next(32, 127))),
                _ => new string('|', random.Next(0, 50)) + new string('\t', random.Next(0, 50)),
            };
        }
    }

    /// <summary>A copy of <paramref name="line"/> with one field or a few characters changed.</summary>
    private static string Mutate(string line, char separator, Random random)
    {
        var fields = line.Split(separator);
        var i = random.Next(fields.Length);
        fields[i] = random.Next(5) switch
        {
            0 => "",
            1 => fields[i] + "x",
            2 => "-" + fields[i],
            3 => new string('9', random.Next(1, 25)),
            _ => fields[i].Length > 1 ? fields[i][..^1] : "§",
        };
        return random.Next(10) == 0 ? string.Join(separator, fields.Take(random.Next(fields.Length))) : string.Join(separator, fields);
    }

    private static (List<AcdEvent> Events, List<SkippedLine> Skipped) Convert(IEventFileFormat format, IEnumerable<string> lines)
    {
        var events = new List<AcdEvent>();
        var skipped = new List<SkippedLine>();
        using var reader = new StringReader(string.Join("\n", lines) + "\n");
        format.Convert(reader, TimeZoneInfo.Utc, events.Add, skipped.Add);
        return (events, skipped);
    }

    [Fact]
    public void Garbage_and_mutated_queue_log_lines_never_crash_the_mapper_and_never_become_events()
    {
        var random = new Random(Seed);
        var mapper = new QueueLogMapper(TimeZoneInfo.Utc);
        var session = File.ReadAllLines(SharedData.PathOf("asterisk", "session-a.queue_log"));
        var lines = Garbage(random, 3000).Concat(session.Select(l => Mutate(l, '|', random))).ToList();

        foreach (var line in lines)
        {
            var mapping = mapper.Map(line);
            Assert.All(mapping.Events, e => Assert.Empty(AcdEventRules.Check(e, DateTimeOffset.MaxValue.AddYears(-1), TimeSpan.Zero)));
        }
        foreach (var line in Garbage(random, 3000))
        {
            Assert.Empty(new QueueLogMapper(TimeZoneInfo.Utc).Map(line).Events);
        }
    }

    [Fact]
    public void Garbage_lines_between_the_real_queue_log_lines_leave_the_real_events_unchanged()
    {
        var random = new Random(Seed + 1);
        var session = File.ReadAllLines(SharedData.PathOf("asterisk", "session-a.queue_log"));
        var clean = Convert(new QueueLogFormat(), session);
        var mixed = session.SelectMany(line => random.Next(3) == 0 ? Garbage(random, 2).Append(line) : [line]).ToList();

        var fuzzed = Convert(new QueueLogFormat(), mixed);

        Assert.Equal(clean.Events.Select(AcdEventJson.ToJson), fuzzed.Events.Select(AcdEventJson.ToJson));
        Assert.True(fuzzed.Skipped.Count > clean.Skipped.Count);
    }

    [Fact]
    public void Garbage_rows_between_the_real_call_records_leave_the_real_events_unchanged_and_are_reported_as_malformed()
    {
        var random = new Random(Seed + 2);
        var rows = File.ReadLines(SharedData.PathOf("anonbank", "january_1999.tsv")).Take(3001).ToList();
        var clean = Convert(new AnonbankFormat(), rows);
        var garbage = Garbage(random, 2000).Where(g => !string.IsNullOrWhiteSpace(g)).ToList();
        var mixed = new List<string> { rows[0] };
        var g = 0;
        foreach (var row in rows.Skip(1))
        {
            mixed.Add(row);
            if (random.Next(2) == 0 && g < garbage.Count)
            {
                mixed.Add(garbage[g++]);
            }
        }

        var fuzzed = Convert(new AnonbankFormat(), mixed);

        Assert.Equal(clean.Events.Select(AcdEventJson.ToJson), fuzzed.Events.Select(AcdEventJson.ToJson));
        Assert.Equal(clean.Skipped.Count(s => s.Malformed) + g, fuzzed.Skipped.Count(s => s.Malformed));
    }

    [Fact]
    public void Mutated_call_records_never_crash_the_converter_and_every_event_it_gives_is_valid()
    {
        var random = new Random(Seed + 3);
        var rows = File.ReadLines(SharedData.PathOf("anonbank", "january_1999.tsv")).Take(2001).ToList();
        var mutated = new List<string> { rows[0] };
        mutated.AddRange(rows.Skip(1).Select(r => Mutate(r, '\t', random)));

        var (events, skipped) = Convert(new AnonbankFormat(), mutated);

        Assert.All(events, e => Assert.Empty(AcdEventRules.Check(e, DateTimeOffset.MaxValue.AddYears(-1), TimeSpan.Zero)));
        Assert.True(skipped.Count(s => s.Malformed) > 100, $"{skipped.Count(s => s.Malformed)} malformed");
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CcWallboard.Adapters.Cdr;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using static CcWallboard.Adapters.Tests.Cdr.AnonbankRows;

namespace CcWallboard.Adapters.Tests.Cdr;

/// <summary>
/// The real January 1999 file converted once for a test class, with the figures anonbank_expected.py worked out
/// from the raw file (anonbank-january-expected.json) and the centre they assume (anonbank-centre.json).
/// </summary>
public sealed class AnonbankJanuary : IDisposable
{
    private static readonly JsonSerializerOptions ConfigJson = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly JsonDocument _expected;

    public AnonbankJanuary()
    {
        var path = SharedData.PathOf("anonbank", "january_1999.tsv");
        Lines = File.ReadAllLines(path);
        var events = new List<AcdEvent>();
        var skipped = new List<SkippedLine>();
        using (var reader = new StreamReader(path))
        {
            Summary = new AnonbankFormat().Convert(reader, Jerusalem, events.Add, skipped.Add);
        }
        Events = events;
        Skipped = skipped;
        _expected = JsonDocument.Parse(File.ReadAllText(FixturePath("anonbank-january-expected.json")));
        Centre = JsonSerializer.Deserialize<CentreOptions>(File.ReadAllText(FixturePath("anonbank-centre.json")), ConfigJson)
            ?? throw new InvalidDataException("anonbank-centre.json is empty");
        var problems = CentreOptionsValidator.Validate(Centre);
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"anonbank-centre.json: {string.Join("; ", problems)}");
        }
    }

    /// <summary>The file's lines (CRLF removed); line n is <c>Lines[n - 1]</c>.</summary>
    public IReadOnlyList<string> Lines { get; }

    public IReadOnlyList<AcdEvent> Events { get; }

    public IReadOnlyList<SkippedLine> Skipped { get; }

    public ImportSummary Summary { get; }

    public CentreOptions Centre { get; }

    public JsonElement Expected => _expected.RootElement;

    /// <summary>The local date of an event in the centre's zone.</summary>
    public static DateOnly LocalDate(AcdEvent e) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.At, Jerusalem).DateTime);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Dispose() => _expected.Dispose();

    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Cdr", name);
}

/// <summary>Compares figures as REPLAY.md writes them: counts exactly, other numbers within 1e-9, nulls as nulls.</summary>
internal static class Figures
{
    public const double Tolerance = 1e-9;

    /// <summary>Every property of <paramref name="expected"/> (a figures object, or objects of them) against <paramref name="actual"/>.</summary>
    public static void AssertMatch(JsonElement expected, JsonElement actual, string where)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.True(actual.ValueKind == JsonValueKind.Object, $"{where}: expected an object, found {actual.ValueKind}");
                var names = expected.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var property in expected.EnumerateObject())
                {
                    Assert.True(actual.TryGetProperty(property.Name, out var value), $"{where}: '{property.Name}' is missing");
                    AssertMatch(property.Value, value, $"{where}.{property.Name}");
                }
                if (expected.TryGetProperty("offered", out _) is false)
                {
                    // A map (queues, intervals): no extra keys either.
                    var extra = actual.EnumerateObject().Select(p => p.Name).Where(n => !names.Contains(n)).ToList();
                    Assert.True(extra.Count == 0, $"{where}: unexpected {string.Join(", ", extra)}");
                }
                break;
            case JsonValueKind.Null:
                Assert.True(actual.ValueKind == JsonValueKind.Null, $"{where}: expected null, found {actual.GetRawText()}");
                break;
            case JsonValueKind.Number when IsWhole(expected):
                Assert.True(actual.ValueKind == JsonValueKind.Number && actual.GetDouble() == expected.GetInt64(),
                    $"{where}: expected {expected.GetRawText()}, found {actual.GetRawText()}");
                break;
            case JsonValueKind.Number:
                Assert.True(actual.ValueKind == JsonValueKind.Number && Math.Abs(actual.GetDouble() - expected.GetDouble()) <= Tolerance,
                    $"{where}: expected {expected.GetRawText()}, found {actual.GetRawText()}");
                break;
            default:
                Assert.Equal(expected.GetRawText(), actual.GetRawText());
                break;
        }
    }

    private static bool IsWhole(JsonElement number) => number.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0;
}

using System.Globalization;
using System.Text;
using CcWallboard.Core.Events;
using CcWallboard.Core.Simulation;

namespace CcWallboard.Cli;

/// <summary>
/// <c>ccwallboard simulate</c>: one centre day of the floor simulator's events — from the local date's day start to
/// the next day's start in the centre's time zone — as JSON Lines (UTF-8, one event a line) to a file or standard output.
/// </summary>
internal sealed class SimulateCommand : ICliCommand
{
    private const string ConfigOption = "--config";
    private const string DateOption = "--date";
    private const string SeedOption = "--seed";
    private const string OutOption = "--out";

    public string Name => "simulate";

    public string Summary => "Write one simulated centre day of events as JSON Lines.";

    public string Usage =>
        """
        Usage: ccwallboard simulate [--config PATH] [--date YYYY-MM-DD] [--seed N] [--out FILE]

        Writes one centre day of simulated events as JSON Lines (one event a line, UTF-8): from the
        day start of the local date to the next day's start, in the centre's time zone.

        Options:
          --config PATH       the centre configuration (default: config/centre.json next to ccwallboard)
          --date YYYY-MM-DD   the centre day to simulate (default: today in the centre's time zone)
          --seed N            the random seed (default: Simulator:Seed of the configuration)
          --out FILE          write to FILE instead of standard output
          -h, --help          show this help

        """.ReplaceLineEndings("\n");

    public IReadOnlyCollection<string> ValueOptions { get; } = [ConfigOption, DateOption, SeedOption, OutOption];

    public int Run(CommandLineOptions options, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var configPath = options.Get(ConfigOption) ?? Path.Combine(context.BaseDirectory, "config", "centre.json");
        if (!File.Exists(configPath))
        {
            throw new CommandLineException($"{ConfigOption}: the file '{configPath}' does not exist");
        }
        var date = options.Get(DateOption) is { } dateText ? ParseDate(dateText) : (DateOnly?)null;
        var seed = options.Get(SeedOption) is { } seedText ? ParseSeed(seedText) : (int?)null;
        var outPath = options.Get(OutOption);
        if (outPath is not null && Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } folder && !Directory.Exists(folder))
        {
            throw new CommandLineException($"{OutOption}: the folder '{folder}' does not exist");
        }

        if (CentreConfigurationReport.LoadOrReport(configPath, context, Name) is not { } centre)
        {
            return ExitCodes.Usage;
        }

        var simulator = new FloorSimulator(centre, seed);
        var day = date ?? simulator.Calendar.DayOf(context.Time.GetUtcNow()).Date;
        var events = simulator.Run(simulator.Calendar.StartOf(day), simulator.Calendar.StartOf(day.AddDays(1)));
        if (outPath is null)
        {
            WriteJsonLines(events, context.Out);
            context.Out.Flush();
            return ExitCodes.Success;
        }
        try
        {
            using var file = new StreamWriter(outPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            var count = WriteJsonLines(events, file);
            context.Error.Write($"{CliApplication.ToolName} {Name}: wrote {count} events of {day:yyyy-MM-dd} ({centre.Centre.TimeZone}, seed {simulator.Seed}) to {outPath}\n");
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.Write($"{CliApplication.ToolName} {Name}: {OutOption}: cannot write '{outPath}': {ex.Message}\n");
            return ExitCodes.Failure;
        }
    }

    private static int WriteJsonLines(IEnumerable<AcdEvent> events, TextWriter writer)
    {
        var count = 0;
        foreach (var e in events)
        {
            writer.Write(AcdEventJson.ToJson(e));
            writer.Write('\n');
            count++;
        }
        return count;
    }

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CommandLineException($"{DateOption}: '{text}' is not a date YYYY-MM-DD");

    private static int ParseSeed(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new CommandLineException($"{SeedOption}: '{text}' is not a whole number");
}

using System.Text;
using CcWallboard.Core.Replay;

namespace CcWallboard.Cli;

/// <summary>
/// <c>ccwallboard replay</c>: a recorded day through the live engine on virtual time, written as RESULT.json
/// (shared/domain/REPLAY.md). Rejected lines are reported on standard error with their line number and field and
/// skipped; <c>--strict</c> makes the first one fatal.
/// </summary>
internal sealed class ReplayCommand : ICliCommand
{
    private const string EventsOption = "--events";
    private const string ConfigOption = "--config";
    private const string ScheduleOption = "--schedule";
    private const string OutOption = "--out";
    private const string StrictOption = "--strict";

    public string Name => "replay";

    public string Summary => "Replay a recorded day of events through the metric engine and write its figures.";

    public string Usage =>
        """
        Usage: ccwallboard replay --events DAY.jsonl --config CENTRE.json [--schedule SCHEDULE.csv] --out RESULT.json [--strict]

        Replays a recorded day (JSON Lines of normalized events, read in the file's order as a live feed
        would deliver them) through the same engine the host runs, on virtual time, and writes the day's
        figures per queue: today and every interval with an outcome (see docs/metrics.md).

        Options:
          --events FILE     the recorded events, one JSON object a line
          --config FILE     the centre configuration (same keys as the host's config/centre.json)
          --schedule FILE   agents' schedules (agentId,activity,start,end) for the adherence figures
          --out FILE        where to write RESULT.json
          --strict          stop with exit code 3 at the first rejected line (default: skip and count them)
          -h, --help        show this help

        Exit codes: 0 done; 2 bad arguments or configuration; 3 a bad events file (no valid event, or a
        rejected line with --strict); 1 the result could not be written.

        """.ReplaceLineEndings("\n");

    public IReadOnlyCollection<string> ValueOptions { get; } = [EventsOption, ConfigOption, ScheduleOption, OutOption];

    public IReadOnlyCollection<string> FlagOptions { get; } = [StrictOption];

    public int Run(CommandLineOptions options, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var eventsPath = Required(options, EventsOption);
        var configPath = Required(options, ConfigOption);
        var outPath = Required(options, OutOption);
        var strict = options.Has(StrictOption);
        if (!File.Exists(eventsPath))
        {
            throw new CommandLineException($"{EventsOption}: the file '{eventsPath}' does not exist");
        }
        if (options.Get(ScheduleOption) is not null)
        {
            throw new CommandLineException($"{ScheduleOption}: schedule adherence is not part of replay yet; run without it for the queue figures");
        }
        if (Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } folder && !Directory.Exists(folder))
        {
            throw new CommandLineException($"{OutOption}: the folder '{folder}' does not exist");
        }
        if (CentreConfigurationReport.LoadOrReport(configPath, context, Name) is not { } centre)
        {
            return ExitCodes.Usage;
        }

        var replay = new DayReplay(centre);
        var prefix = $"{CliApplication.ToolName} {Name}: {eventsPath}";
        try
        {
            using var reader = new StreamReader(eventsPath, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            long lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (replay.ReadLine(line, lineNumber) is { } rejected)
                {
                    context.Error.Write($"{prefix}: {rejected}\n");
                    if (strict)
                    {
                        context.Error.Write($"{prefix}: stopped at the first rejected line ({StrictOption}); no result written\n");
                        return ExitCodes.InvalidInput;
                    }
                }
            }
        }
        catch (IOException ex)
        {
            context.Error.Write($"{prefix}: cannot read: {ex.Message}\n");
            return ExitCodes.InvalidInput;
        }

        if (replay.Finish() is not { } result)
        {
            context.Error.Write($"{prefix}: no valid event in the file; nothing to replay\n");
            return ExitCodes.InvalidInput;
        }
        try
        {
            File.WriteAllText(outPath, result.ToJson() + "\n", new UTF8Encoding(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.Write($"{CliApplication.ToolName} {Name}: {OutOption}: cannot write '{outPath}': {ex.Message}\n");
            return ExitCodes.Failure;
        }
        var metrics = replay.Metrics!;
        context.Error.Write(
            $"{prefix}: replayed {replay.Day!.Value.Date:yyyy-MM-dd} ({centre.Centre.TimeZone}): {replay.Read} events read, " +
            $"{metrics.Engine.EventsApplied} applied, {metrics.Duplicates} duplicates, {metrics.Late} late, " +
            $"{replay.OutsideDay} outside the day, {metrics.Engine.Orphans} orphans, {replay.Rejected.Count} rejected; wrote {outPath}\n");
        return ExitCodes.Success;
    }

    private static string Required(CommandLineOptions options, string name) =>
        options.Get(name) ?? throw new CommandLineException($"{name}: required");
}

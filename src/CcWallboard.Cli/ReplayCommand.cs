using System.Text;
using CcWallboard.Core.Adherence;
using CcWallboard.Core.Alerts;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Events;
using CcWallboard.Core.Replay;
using CcWallboard.Core.Simulation;
using CcWallboard.Core.Time;

namespace CcWallboard.Cli;

/// <summary>
/// <c>ccwallboard replay</c>: a recorded day through the live engine on virtual time, written as RESULT.json
/// (shared/domain/REPLAY.md). Rejected lines are reported on standard error with their line number and field and
/// skipped; <c>--strict</c> makes the first one fatal. <c>--alerts</c> also writes the day's alert history (docs/alerts.md).
/// </summary>
internal sealed class ReplayCommand : ICliCommand
{
    private const string EventsOption = "--events";
    private const string ConfigOption = "--config";
    private const string ScheduleOption = "--schedule";
    private const string OutOption = "--out";
    private const string AlertsOption = "--alerts";
    private const string StrictOption = "--strict";

    public string Name => "replay";

    public string Summary => "Replay a recorded day of events through the metric engine and write its figures.";

    public string Usage =>
        """
        Usage: ccwallboard replay --events DAY.jsonl --config CENTRE.json [--schedule SCHEDULE.csv] --out RESULT.json
                                  [--alerts ALERTS.jsonl] [--strict]

        Replays a recorded day (JSON Lines of normalized events, read in the file's order as a live feed
        would deliver them) through the same engine the host runs, on virtual time, and writes the day's
        figures per queue: today and every interval with an outcome (see docs/metrics.md).

        Options:
          --events FILE     the recorded events, one JSON object a line
          --config FILE     the centre configuration (same keys as the host's config/centre.json)
          --schedule FILE   the day's schedule (CSV agentId,activity,start,end, or the same as JSON):
                            fills the agents' adherence and conformance in the result
          --out FILE        where to write RESULT.json
          --alerts FILE     also write the day's alert history, one JSON object a line: the configuration's
                            Alerts:Rules (or the default set) evaluated every second of the replayed day
                            (see docs/alerts.md); out-of-adherence alerts need --schedule
          --strict          stop with exit code 3 at the first rejected line (default: skip and count them)
          -h, --help        show this help

        Exit codes: 0 done; 2 bad arguments or configuration; 3 a bad events file (no valid event, or a
        rejected line with --strict); 1 the result could not be written.

        """.ReplaceLineEndings("\n");

    public IReadOnlyCollection<string> ValueOptions { get; } = [EventsOption, ConfigOption, ScheduleOption, OutOption, AlertsOption];

    public IReadOnlyCollection<string> FlagOptions { get; } = [StrictOption];

    public int Run(CommandLineOptions options, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var eventsPath = Required(options, EventsOption);
        var configPath = Required(options, ConfigOption);
        var outPath = Required(options, OutOption);
        var alertsPath = options.Get(AlertsOption);
        var strict = options.Has(StrictOption);
        if (!File.Exists(eventsPath))
        {
            throw new CommandLineException($"{EventsOption}: the file '{eventsPath}' does not exist");
        }
        RequireFolder(OutOption, outPath);
        if (alertsPath is not null)
        {
            RequireFolder(AlertsOption, alertsPath);
        }
        if (CentreConfigurationReport.LoadOrReport(configPath, context, Name) is not { } centre)
        {
            return ExitCodes.Usage;
        }

        IReadOnlyDictionary<string, IReadOnlyList<ScheduledActivity>>? schedule = null;
        if (options.Get(ScheduleOption) is { } schedulePath)
        {
            if (ReadSchedule(schedulePath, eventsPath, centre, context) is not { } read)
            {
                return ExitCodes.InvalidInput;
            }
            schedule = read.ByAgent;
        }
        var replay = new DayReplay(centre, schedule, alertsPath is null ? null : new AlertEngine(centre));
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
        if (!TryWrite(OutOption, outPath, result.ToJson() + "\n", context))
        {
            return ExitCodes.Failure;
        }
        var alerts = replay.Alerts?.History ?? [];
        if (alertsPath is not null && !TryWrite(AlertsOption, alertsPath, AlertHistoryJson.ToJsonLines(alerts), context))
        {
            return ExitCodes.Failure;
        }
        var metrics = replay.Metrics!;
        context.Error.Write(
            $"{prefix}: replayed {replay.Day!.Value.Date:yyyy-MM-dd} ({centre.Centre.TimeZone}): {replay.Read} events read, " +
            $"{metrics.Engine.EventsApplied} applied, {metrics.Duplicates} duplicates, {metrics.Late} late, " +
            $"{replay.OutsideDay} outside the day, {metrics.Engine.Orphans} orphans, {replay.Rejected.Count} rejected; wrote {outPath}" +
            (alertsPath is null ? "\n" : $" and {alertsPath} ({alerts.Count} alerts)\n"));
        return ExitCodes.Success;
    }

    private static void RequireFolder(string option, string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
        {
            throw new CommandLineException($"{option}: the folder '{folder}' does not exist");
        }
    }

    private bool TryWrite(string option, string path, string text, CliContext context)
    {
        try
        {
            File.WriteAllText(path, text, new UTF8Encoding(false));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.Write($"{CliApplication.ToolName} {Name}: {option}: cannot write '{path}': {ex.Message}\n");
            return false;
        }
    }

    /// <summary>
    /// The schedule of the replayed day (the centre day of the file's first valid event); null after reporting every
    /// row at fault (the schedule is rejected whole).
    /// </summary>
    private DaySchedule? ReadSchedule(string schedulePath, string eventsPath, CentreOptions centre, CliContext context)
    {
        var prefix = $"{CliApplication.ToolName} {Name}: {schedulePath}";
        if (!File.Exists(schedulePath))
        {
            throw new CommandLineException($"{ScheduleOption}: the file '{schedulePath}' does not exist");
        }
        var calendar = CentreCalendar.For(centre.Centre);
        var first = File.ReadLines(eventsPath)
            .Select(line => string.IsNullOrWhiteSpace(line) ? null : AcdEventJson.ParseLine(line, DateTimeOffset.MaxValue.AddYears(-1), TimeSpan.Zero).Event)
            .FirstOrDefault(e => e is not null);
        if (first is null)
        {
            context.Error.Write($"{CliApplication.ToolName} {Name}: {eventsPath}: no valid event in the file; nothing to replay\n");
            return null;
        }
        var format = Path.GetExtension(schedulePath).Equals(".json", StringComparison.OrdinalIgnoreCase) ? ScheduleFormat.Json : ScheduleFormat.Csv;
        var parsed = ScheduleFile.Parse(File.ReadAllText(schedulePath), format, calendar.DayOf(first.At).Date, calendar, ScheduleRules.For(centre));
        foreach (var error in parsed.Errors)
        {
            context.Error.Write($"{prefix}: {error}\n");
        }
        if (parsed.Schedule is null)
        {
            context.Error.Write($"{prefix}: the schedule is rejected; no result written\n");
        }
        return parsed.Schedule;
    }

    private static string Required(CommandLineOptions options, string name) =>
        options.Get(name) ?? throw new CommandLineException($"{name}: required");
}

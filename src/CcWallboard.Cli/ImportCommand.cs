using System.Text;
using CcWallboard.Adapters;
using CcWallboard.Core.Events;
using CcWallboard.Core.Time;

namespace CcWallboard.Cli;

/// <summary>
/// <c>ccwallboard import FORMAT FILE --time-zone ZONE --out EVENTS.jsonl</c>: converts a file an ACD wrote into
/// normalized events (JSON Lines). Lines that cannot be used are reported on standard error with their number and
/// the reason and skipped; the rest of the file is still converted.
/// </summary>
internal sealed class ImportCommand(IReadOnlyList<IEventFileFormat> formats) : ICliCommand
{
    private const string TimeZoneOption = "--time-zone";
    private const string OutOption = "--out";

    public string Name => "import";

    public string Summary => "Convert an ACD's file (queue_log, call records) into events as JSON Lines.";

    public string Usage
    {
        get
        {
            var text = new StringBuilder()
                .Append("Usage: ccwallboard import FORMAT FILE --time-zone ZONE --out EVENTS.jsonl\n\n")
                .Append("Converts FILE, written by an ACD, into normalized events (one JSON object a line, UTF-8).\n")
                .Append("Lines that cannot be used are reported on standard error with their line number and skipped.\n\n")
                .Append("Formats:\n");
            foreach (var format in formats)
            {
                text.Append("  ").Append(format.Name.PadRight(12)).Append(format.Summary).Append('\n');
            }
            return text
                .Append("\nOptions:\n")
                .Append("  --time-zone ZONE  the IANA time zone of the file's local times (e.g. Asia/Jerusalem)\n")
                .Append("  --out FILE        where to write the events\n")
                .Append("  -h, --help        show this help\n\n")
                .Append("Exit codes: 0 done; 2 bad arguments; 3 no line could be converted; 1 the output could not be written.\n")
                .ToString();
        }
    }

    public IReadOnlyCollection<string> ValueOptions { get; } = [TimeZoneOption, OutOption];

    public int MaxArguments => 2;

    public int Run(CommandLineOptions options, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        if (options.Arguments.Count != 2)
        {
            throw new CommandLineException($"expected FORMAT and FILE, e.g. 'import queue-log /var/log/asterisk/queue_log'; formats: {string.Join(", ", formats.Select(f => f.Name))}");
        }
        var formatName = options.Arguments[0];
        var format = formats.FirstOrDefault(f => f.Name == formatName)
            ?? throw new CommandLineException($"FORMAT: unknown format '{formatName}'; expected one of {string.Join(", ", formats.Select(f => f.Name))}");
        var inputPath = options.Arguments[1];
        if (!File.Exists(inputPath))
        {
            throw new CommandLineException($"FILE: '{inputPath}' does not exist");
        }
        var zoneId = options.Get(TimeZoneOption) ?? throw new CommandLineException($"{TimeZoneOption}: required");
        if (!CentreCalendar.TryFindTimeZone(zoneId, out var zone))
        {
            throw new CommandLineException($"{TimeZoneOption}: '{zoneId}' is not a known IANA time zone (e.g. Europe/London)");
        }
        var outPath = options.Get(OutOption) ?? throw new CommandLineException($"{OutOption}: required");
        if (Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } folder && !Directory.Exists(folder))
        {
            throw new CommandLineException($"{OutOption}: the folder '{folder}' does not exist");
        }

        var prefix = $"{CliApplication.ToolName} {Name} {format.Name}: {inputPath}";
        ImportSummary summary;
        var temporary = outPath + ".partial";
        try
        {
            using (var input = new StreamReader(inputPath, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
            using (var output = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
            {
                output.NewLine = "\n";
                summary = format.Convert(input, zone,
                    e => output.WriteLine(AcdEventJson.ToJson(e)),
                    skipped =>
                    {
                        if (skipped.Malformed)
                        {
                            context.Error.Write($"{prefix}: line {skipped.Line}: {skipped.Reason}\n");
                        }
                    });
            }
            if (summary.Events == 0)
            {
                File.Delete(temporary);
                context.Error.Write($"{prefix}: no line could be converted; nothing written\n");
                return ExitCodes.InvalidInput;
            }
            File.Move(temporary, outPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.Error.Write($"{prefix}: {ex.Message}\n");
            return ExitCodes.Failure;
        }
        context.Error.Write($"{prefix}: {summary.Lines} lines, {summary.Events} events written, {summary.Skipped} lines without events, " +
            $"{summary.Malformed} malformed lines skipped; wrote {outPath}\n");
        return ExitCodes.Success;
    }
}

using CcWallboard.Adapters;
using CcWallboard.Adapters.Asterisk;
using CcWallboard.Adapters.Cdr;
using System.Text;

namespace CcWallboard.Cli;

/// <summary>
/// The <c>ccwallboard</c> command dispatcher: picks the subcommand named by the first argument, parses its options and
/// runs it. A bad command line is reported on standard error with exit code 2; help goes to standard output.
/// </summary>
internal sealed class CliApplication(IReadOnlyList<ICliCommand> commands)
{
    public const string ToolName = "ccwallboard";

    /// <summary>Every command the tool offers.</summary>
    public static CliApplication CreateDefault() => new([new SimulateCommand(), new ReplayCommand(), new ImportCommand(ImportFormats), new SendCommand(), new ErlangCommand()]);

    /// <summary>The file formats <c>ccwallboard import</c> converts.</summary>
    public static IReadOnlyList<IEventFileFormat> ImportFormats { get; } = [new QueueLogFormat(), new AnonbankFormat()];

    /// <summary>The tool's usage: its commands and how to get their options.</summary>
    public string Usage
    {
        get
        {
            var text = new StringBuilder()
                .Append("Usage: ").Append(ToolName).Append(" <command> [options]\n")
                .Append('\n')
                .Append("Commands:\n");
            var width = commands.Max(c => c.Name.Length) + 3;
            foreach (var command in commands)
            {
                text.Append("  ").Append(command.Name.PadRight(width)).Append(command.Summary).Append('\n');
            }
            return text
                .Append('\n')
                .Append("Run '").Append(ToolName).Append(" <command> --help' for a command's options.\n")
                .ToString();
        }
    }

    public int Run(IReadOnlyList<string> args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        if (args.Count == 0 || args[0] is "-h" or "--help")
        {
            context.Out.Write(Usage);
            return ExitCodes.Success;
        }
        if (args[0] == "help" && args.Count > 1 && Find(args[1]) is { } described)
        {
            context.Out.Write(described.Usage);
            return ExitCodes.Success;
        }
        var command = Find(args[0]);
        if (command is null)
        {
            var what = args[0].StartsWith('-') ? "option" : "command";
            context.Error.Write($"{ToolName}: unknown {what} '{args[0]}'\n\n{Usage}");
            return ExitCodes.Usage;
        }
        try
        {
            var options = CommandLineOptions.Parse(args.Skip(1).ToList(), command.ValueOptions, command.FlagOptions, command.MaxArguments);
            if (options.Help)
            {
                context.Out.Write(command.Usage);
                return ExitCodes.Success;
            }
            return command.Run(options, context);
        }
        catch (CommandLineException ex)
        {
            context.Error.Write($"{ToolName} {command.Name}: {ex.Message}\nRun '{ToolName} {command.Name} --help' for usage.\n");
            return ExitCodes.Usage;
        }
    }

    private ICliCommand? Find(string name) => commands.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}

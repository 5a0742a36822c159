namespace CcWallboard.Cli;

/// <summary>One <c>ccwallboard</c> subcommand (simulate, replay, import, send, erlang).</summary>
internal interface ICliCommand
{
    /// <summary>The word that selects the command, e.g. <c>simulate</c>.</summary>
    string Name { get; }

    /// <summary>One line for the list of commands.</summary>
    string Summary { get; }

    /// <summary>The command's full help text.</summary>
    string Usage { get; }

    /// <summary>The options the command takes, each followed by a value (e.g. <c>--config</c>).</summary>
    IReadOnlyCollection<string> ValueOptions { get; }

    /// <summary>The options the command takes without a value (e.g. <c>--strict</c>).</summary>
    IReadOnlyCollection<string> FlagOptions => [];

    /// <summary>How many plain arguments (not options) the command takes, e.g. a format and a file.</summary>
    int MaxArguments => 0;

    /// <summary>Runs the command; returns the exit code. Throws <see cref="CommandLineException"/> for a bad argument.</summary>
    int Run(CommandLineOptions options, CliContext context);
}

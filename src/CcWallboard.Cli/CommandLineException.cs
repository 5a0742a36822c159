namespace CcWallboard.Cli;

/// <summary>A command line that cannot be run as written; the message names the argument at fault.</summary>
internal sealed class CommandLineException(string message) : Exception(message);

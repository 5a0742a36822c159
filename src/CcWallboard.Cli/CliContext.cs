namespace CcWallboard.Cli;

/// <summary>
/// What a command may use from the world: standard output and error, the clock, and the folder the executable lives
/// in (where the default configuration is). Tests pass string writers, a fake clock and a folder of their own.
/// </summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Time, string BaseDirectory);

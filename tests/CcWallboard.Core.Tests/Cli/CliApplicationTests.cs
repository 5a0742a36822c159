using CcWallboard.Cli;

namespace CcWallboard.Core.Tests.Cli;

public sealed class CliApplicationTests
{
    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("-h")]
    public void No_arguments_or_help_print_the_usage_with_every_command(params string[] args)
    {
        var run = CliRun.Of(args);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Usage: ccwallboard <command> [options]", run.Out, StringComparison.Ordinal);
        Assert.Contains("simulate", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Theory]
    [InlineData("replay-everything", "unknown command 'replay-everything'")]
    [InlineData("--verbose", "unknown option '--verbose'")]
    public void An_unknown_command_or_option_exits_2_naming_it(string arg, string message)
    {
        var run = CliRun.Of(arg);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Options_take_their_value_after_a_space_or_an_equals_sign()
    {
        var options = CommandLineOptions.Parse(["--date", "2026-11-23", "--seed=7"], ["--date", "--seed", "--out"]);

        Assert.Equal("2026-11-23", options.Get("--date"));
        Assert.Equal("7", options.Get("--seed"));
        Assert.Null(options.Get("--out"));
        Assert.False(options.Help);
    }

    [Theory]
    [InlineData(new[] { "--date", "1", "--date", "2" }, "--date: given more than once")]
    [InlineData(new[] { "stray" }, "unexpected argument 'stray'")]
    [InlineData(new[] { "--date", "--seed", "1" }, "--date: a value is required")]
    [InlineData(new[] { "--dates=1" }, "unknown option '--dates'")]
    public void A_malformed_command_line_is_rejected_naming_the_argument(string[] args, string message)
    {
        var error = Assert.Throws<CommandLineException>(() => CommandLineOptions.Parse(args, ["--date", "--seed"]));

        Assert.Equal(message, error.Message);
    }
}

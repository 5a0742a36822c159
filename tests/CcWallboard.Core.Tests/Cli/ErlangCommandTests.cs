using System.Text.Json;

namespace CcWallboard.Core.Tests.Cli;

public sealed class ErlangCommandTests
{
    private static readonly string[] Published = ["erlang", "--calls", "100", "--interval-minutes", "30", "--aht", "180", "--sl-seconds", "20", "--sl-target", "80"];

    private static CliRun Erlang(params string[] more) => CliRun.Of([.. Published, .. more]);

    /// <summary>The published command line with <paramref name="option"/> set to <paramref name="value"/> (replaced or added).</summary>
    private static string[] PublishedWith(string option, string value)
    {
        var args = Published.ToList();
        var at = args.IndexOf(option);
        if (at < 0)
        {
            args.AddRange([option, value]);
        }
        else
        {
            args[at + 1] = value;
        }
        return [.. args];
    }

    [Fact]
    public void Json_gives_14_agents_and_20_staff_with_the_published_figures()
    {
        var run = Erlang("--shrinkage", "30", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.EndsWith("}\n", run.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("erlang-c", root.GetProperty("model").GetString());
        Assert.Equal(10, root.GetProperty("trafficErlangs").GetDouble(), 12);
        Assert.Equal(14, root.GetProperty("agentsRequired").GetInt32());
        Assert.Equal(20, root.GetProperty("staffRequired").GetInt32());
        Assert.Equal(0.1741, root.GetProperty("probabilityOfWaiting").GetDouble(), 4);
        Assert.Equal(88.84, root.GetProperty("serviceLevelPercent").GetDouble(), 2);
        Assert.Equal(7.84, root.GetProperty("asaSeconds").GetDouble(), 2);
        Assert.Equal(71.43, root.GetProperty("occupancyPercent").GetDouble(), 2);
        Assert.False(root.TryGetProperty("probabilityOfAbandon", out _));
    }

    [Fact]
    public void Json_for_250_calls_an_hour_at_330_seconds_gives_28_agents()
    {
        var run = CliRun.Of("erlang", "--calls=250", "--interval-minutes=60", "--aht=330", "--sl-seconds=30", "--sl-target=80", "--json");

        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(28, json.RootElement.GetProperty("agentsRequired").GetInt32());
    }

    [Fact]
    public void Json_with_patience_and_agents_gives_erlang_a_with_the_probability_of_abandon()
    {
        var run = Erlang("--agents", "14", "--patience", "300", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("erlang-a", root.GetProperty("model").GetString());
        Assert.Equal(14, root.GetProperty("agentsRequired").GetInt32());
        Assert.Equal(0.14526, root.GetProperty("probabilityOfWaiting").GetDouble(), 5);
        Assert.Equal(0.013984, root.GetProperty("probabilityOfAbandon").GetDouble(), 6);
        Assert.True(root.GetProperty("meetsTarget").GetBoolean());
    }

    [Fact]
    public void The_table_shows_every_figure_rounded_for_reading()
    {
        var run = Erlang("--shrinkage", "30");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """
            Erlang C
            100 calls in 30 min, AHT 180 s, target 80 % answered in 20 s

              Traffic          10.00 Erlangs
              Agents required  14
              Staff required   20 (after 30 % shrinkage)
              P(wait)          17.41 %
              Service level    88.84 % in 20 s
              ASA              7.84 s
              Occupancy        71.43 %

            """.ReplaceLineEndings("\n"), run.Out);
    }

    [Fact]
    public void The_table_of_erlang_a_is_labelled_as_the_extension_and_shows_abandons()
    {
        var run = Erlang("--patience", "300");

        Assert.StartsWith("Erlang A (extension: callers abandon after 300 s on average)\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("  Agents required  13\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("  P(abandon)       ", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_agents_below_the_traffic_report_an_unstable_queue_without_failing()
    {
        var table = Erlang("--agents", "9");
        var json = Erlang("--agents", "9", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("  Agents (given)   9\n", table.Out, StringComparison.Ordinal);
        Assert.Contains("  Service level    none: the queue is unstable (9 agents for 10.00 Erlangs)\n", table.Out, StringComparison.Ordinal);
        Assert.Contains("  Meets target     no\n", table.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(1.0, document.RootElement.GetProperty("probabilityOfWaiting").GetDouble());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("serviceLevelPercent").ValueKind);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("asaSeconds").ValueKind);
    }

    [Fact]
    public void A_maximum_occupancy_raises_the_agents_required()
    {
        using var json = JsonDocument.Parse(Erlang("--max-occupancy", "70", "--json").Out);

        Assert.Equal(15, json.RootElement.GetProperty("agentsRequired").GetInt32());
    }

    [Theory]
    [InlineData("--sl-target", "120", "--sl-target: must be above 0 and below 100, not 120")]
    [InlineData("--calls", "many", "--calls: 'many' is not a number")]
    [InlineData("--interval-minutes", "-30", "--interval-minutes: must be above 0 and at most 1440 (a day), not -30")]
    [InlineData("--shrinkage", "100", "--shrinkage: must be at least 0 and below 100, not 100")]
    [InlineData("--max-occupancy", "0", "--max-occupancy: must be above 0 and at most 100, not 0")]
    [InlineData("--agents", "14.5", "--agents: '14.5' is not a whole number")]
    [InlineData("--patience", "-1", "--patience: must be above 0 and at most 86400 seconds, not -1")]
    public void A_bad_value_exits_2_naming_the_option(string option, string value, string message)
    {
        var run = CliRun.Of(PublishedWith(option, value));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains($"ccwallboard erlang: {message}\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_missing_or_bad_option_is_named_before_the_pointer_to_help()
    {
        var run = CliRun.Of("erlang", "--calls", "100", "--sl-target", "120");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            """
            ccwallboard erlang: --interval-minutes: required
            ccwallboard erlang: --aht: required
            ccwallboard erlang: --sl-seconds: required
            ccwallboard erlang: --sl-target: must be above 0 and below 100, not 120
            Run 'ccwallboard erlang --help' for usage.

            """.ReplaceLineEndings("\n"), run.Error);
    }

    [Theory]
    [InlineData("--occupancy", "unknown option '--occupancy'")]
    [InlineData("--calls", "--calls: given more than once")]
    public void An_unknown_or_repeated_option_exits_2(string option, string message)
    {
        var run = Erlang(option, "5");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_exactly_the_options_of_the_issue_and_the_command_is_in_the_usage()
    {
        var help = CliRun.Of("erlang", "--help");
        var usage = CliRun.Of("--help");

        Assert.Equal(0, help.ExitCode);
        Assert.StartsWith("Usage: ccwallboard erlang --calls N --interval-minutes M --aht SECONDS --sl-seconds T --sl-target PERCENT\n", help.Out, StringComparison.Ordinal);
        foreach (var option in new[] { "--shrinkage PERCENT", "--max-occupancy PERCENT", "--agents N", "--patience SECONDS", "--json" })
        {
            Assert.Contains(option, help.Out, StringComparison.Ordinal);
        }
        Assert.Contains("  erlang ", usage.Out, StringComparison.Ordinal);
    }
}

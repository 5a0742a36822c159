using System.Globalization;
using System.Text;
using CcWallboard.Core.Staffing;

namespace CcWallboard.Cli;

/// <summary>
/// <c>ccwallboard erlang</c>: the agents a load needs for a service level target (Erlang C, or Erlang A with
/// <c>--patience</c>), or the figures of a given staffing with <c>--agents</c>; a table, or with <c>--json</c> the object
/// <c>GET /api/staffing/erlang</c> answers. Every bad value is named on standard error (exit code 2).
/// </summary>
internal sealed class ErlangCommand : ICliCommand
{
    private const string JsonOption = "--json";

    /// <summary>The option of each request parameter: the parameter in kebab case (slTarget → --sl-target).</summary>
    private static readonly Dictionary<string, string> OptionOf =
        StaffingParameters.All.ToDictionary(p => p, p => "--" + string.Concat(p.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString())),
            StringComparer.Ordinal);

    public string Name => "erlang";

    public string Summary => "Agents and staff needed for a service level target (Erlang C; Erlang A with --patience).";

    public string Usage =>
        """
        Usage: ccwallboard erlang --calls N --interval-minutes M --aht SECONDS --sl-seconds T --sl-target PERCENT
                                  [--shrinkage PERCENT] [--max-occupancy PERCENT] [--agents N] [--patience SECONDS] [--json]

        Erlang C staffing of one interval (see docs/staffing.md): the fewest agents that answer the target
        share of calls within T seconds, and the staff to roster after shrinkage. With --agents, the figures
        of that staffing instead. With --patience, Erlang A (an extension: callers hang up after a mean
        patience), which also gives the probability of abandoning.

        Options:
          --calls N                  calls offered in the interval (above 0)
          --interval-minutes M       the interval's length in minutes (e.g. 15, 30, 60)
          --aht SECONDS              average handle time: talk + hold + after-call work
          --sl-seconds T             the service level threshold in seconds (e.g. 20)
          --sl-target PERCENT        the share to answer within T, above 0 and below 100 (e.g. 80)
          --shrinkage PERCENT        the share of paid time off the phones (default 0)
          --max-occupancy PERCENT    the highest occupancy allowed (raises the agents when it binds)
          --agents N                 judge this many agents instead of finding the fewest
          --patience SECONDS         callers' mean patience: use Erlang A
          --json                     print one JSON object (as GET /api/staffing/erlang answers)
          -h, --help                 show this help

        Exit codes: 0 done; 2 bad arguments.

        """.ReplaceLineEndings("\n");

    public IReadOnlyCollection<string> ValueOptions { get; } = [.. StaffingParameters.All.Select(p => OptionOf[p])];

    public IReadOnlyCollection<string> FlagOptions { get; } = [JsonOption];

    public int Run(CommandLineOptions options, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var reading = StaffingRequest.Read(parameter => options.Get(OptionOf[parameter]));
        if (reading.Request is not { } request)
        {
            // Every error named; the last goes the way of any bad command line, with the pointer to --help.
            foreach (var error in reading.Errors.SkipLast(1))
            {
                context.Error.Write($"{CliApplication.ToolName} {Name}: {OptionOf[error.Parameter]}: {error.Message}\n");
            }
            var last = reading.Errors[^1];
            throw new CommandLineException($"{OptionOf[last.Parameter]}: {last.Message}");
        }
        var result = StaffingResult.For(request);
        context.Out.Write(options.Has(JsonOption) ? result.ToJson() + "\n" : Table(request, result));
        return ExitCodes.Success;
    }

    private static string Table(StaffingRequest request, StaffingResult result)
    {
        var erlangA = result.Model == StaffingResult.ErlangAModel;
        var text = new StringBuilder()
            .Append(erlangA
                ? Invariant($"Erlang A (extension: callers abandon after {request.PatienceSeconds:0.##} s on average)\n")
                : "Erlang C\n")
            .Append(Invariant($"{request.Calls:0.##} calls in {request.IntervalMinutes:0.##} min, AHT {request.AhtSeconds:0.##} s, "))
            .Append(Invariant($"target {request.ServiceLevelTargetPercent:0.##} % answered in {request.ServiceLevelSeconds:0.##} s"))
            .Append(request.MaxOccupancyPercent is { } most ? Invariant($", occupancy at most {most:0.##} %") : "")
            .Append("\n\n");
        Row("Traffic", Invariant($"{result.TrafficErlangs:0.00} Erlangs"));
        Row(request.Agents is null ? "Agents required" : "Agents (given)", Invariant($"{result.AgentsRequired}"));
        Row("Staff required", request.ShrinkagePercent == 0
            ? Invariant($"{result.StaffRequired} (no shrinkage)")
            : Invariant($"{result.StaffRequired} (after {request.ShrinkagePercent:0.##} % shrinkage)"));
        Row("P(wait)", Invariant($"{result.ProbabilityOfWaiting * 100:0.00} %"));
        if (result.ProbabilityOfAbandon is { } abandon)
        {
            Row("P(abandon)", Invariant($"{abandon * 100:0.00} %"));
        }
        var unstable = Invariant($"none: the queue is unstable ({result.AgentsRequired} agents for {result.TrafficErlangs:0.00} Erlangs)");
        Row("Service level", result.ServiceLevelPercent is { } sl ? Invariant($"{sl:0.00} % in {request.ServiceLevelSeconds:0.##} s") : unstable);
        Row("ASA", result.AsaSeconds is { } asa ? Invariant($"{asa:0.00} s") : unstable);
        Row("Occupancy", Invariant($"{result.OccupancyPercent:0.00} %"));
        if (request.Agents is not null)
        {
            Row("Meets target", result.MeetsTarget ? "yes" : "no");
        }
        return text.ToString();

        void Row(string label, string value) => text.Append("  ").Append(label.PadRight(17)).Append(value).Append('\n');
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

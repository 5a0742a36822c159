using System.Globalization;

namespace CcWallboard.Core.Staffing;

/// <summary>
/// A staffing question in a planner's units: <see cref="Calls"/> offered over <see cref="IntervalMinutes"/>, each
/// taking <see cref="AhtSeconds"/>, to answer <see cref="ServiceLevelTargetPercent"/> % within
/// <see cref="ServiceLevelSeconds"/>. Optional: the shrinkage % to gross agents up to staff, a maximum occupancy %,
/// a given number of agents to judge (instead of finding the fewest), and the callers' mean patience, which selects
/// Erlang A. <c>ccwallboard erlang</c> and <c>GET /api/staffing/erlang</c> read it with <see cref="Read"/>.
/// </summary>
public sealed record StaffingRequest(
    double Calls,
    double IntervalMinutes,
    double AhtSeconds,
    double ServiceLevelSeconds,
    double ServiceLevelTargetPercent,
    double ShrinkagePercent = 0,
    double? MaxOccupancyPercent = null,
    int? Agents = null,
    double? PatienceSeconds = null)
{
    /// <summary>The most traffic a request may carry: the Erlang B recursion runs once per agent.</summary>
    public const double MaxTrafficErlangs = 100_000;

    /// <summary>The most agents a request may name.</summary>
    public const int MaxAgents = 1_000_000;

    private const double Day = 86_400;

    /// <summary>The offered traffic a = λ·h in Erlangs.</summary>
    public double TrafficErlangs => ErlangC.TrafficErlangs(Calls, TimeSpan.FromMinutes(IntervalMinutes), AhtSeconds);

    /// <summary>
    /// Reads a request from text values by parameter name (<see cref="StaffingParameters"/>; null when not given),
    /// reporting every bad or missing value at once, each against its parameter.
    /// </summary>
    public static StaffingRequestReading Read(Func<string, string?> valueOf)
    {
        ArgumentNullException.ThrowIfNull(valueOf);
        var errors = new List<StaffingParameterError>();
        var calls = Number(StaffingParameters.Calls, required: true, v => v > 0, "must be above 0");
        var interval = Number(StaffingParameters.IntervalMinutes, required: true, v => v is > 0 and <= 1440, "must be above 0 and at most 1440 (a day)");
        var aht = Number(StaffingParameters.Aht, required: true, v => v is > 0 and <= Day, "must be above 0 and at most 86400 seconds");
        var slSeconds = Number(StaffingParameters.SlSeconds, required: true, v => v is >= 0 and <= Day, "must be at least 0 and at most 86400 seconds");
        var slTarget = Number(StaffingParameters.SlTarget, required: true, v => v is > 0 and < 100, "must be above 0 and below 100");
        var shrinkage = Number(StaffingParameters.Shrinkage, required: false, v => v is >= 0 and < 100, "must be at least 0 and below 100");
        var maxOccupancy = Number(StaffingParameters.MaxOccupancy, required: false, v => v is > 0 and <= 100, "must be above 0 and at most 100");
        var agents = Agents();
        var patience = Number(StaffingParameters.Patience, required: false, v => v is > 0 and <= Day, "must be above 0 and at most 86400 seconds");

        if (calls is { } c && interval is { } m && aht is { } h && c / (m * 60) * h is var traffic && traffic > MaxTrafficErlangs)
        {
            errors.Add(new(StaffingParameters.Calls,
                $"the traffic (calls × aht ÷ interval) must be at most {MaxTrafficErlangs.ToString(CultureInfo.InvariantCulture)} Erlangs, not {Format(Math.Round(traffic, 2))}"));
        }
        if (errors.Count > 0)
        {
            return new StaffingRequestReading(null, errors);
        }
        var request = new StaffingRequest(calls!.Value, interval!.Value, aht!.Value, slSeconds!.Value, slTarget!.Value, shrinkage ?? 0, maxOccupancy, agents,
            patience);
        return new StaffingRequestReading(request, errors);

        double? Number(string name, bool required, Func<double, bool> isValid, string rule)
        {
            var text = valueOf(name);
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required)
                {
                    errors.Add(new(name, "required"));
                }
                return null;
            }
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                errors.Add(new(name, $"'{text}' is not a number"));
                return null;
            }
            if (!isValid(value))
            {
                errors.Add(new(name, $"{rule}, not {Format(value)}"));
                return null;
            }
            return value;
        }

        int? Agents()
        {
            var text = valueOf(StaffingParameters.Agents);
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                errors.Add(new(StaffingParameters.Agents, $"'{text}' is not a whole number"));
                return null;
            }
            if (value is < 1 or > MaxAgents)
            {
                errors.Add(new(StaffingParameters.Agents, $"must be at least 1 and at most {MaxAgents.ToString(CultureInfo.InvariantCulture)}, not {value.ToString(CultureInfo.InvariantCulture)}"));
                return null;
            }
            return (int)value;
        }
    }

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}

/// <summary>The parameter names of a staffing request, as the API's query string spells them (the CLI's options are these in kebab case).</summary>
public static class StaffingParameters
{
    public const string Calls = "calls";
    public const string IntervalMinutes = "intervalMinutes";
    public const string Aht = "aht";
    public const string SlSeconds = "slSeconds";
    public const string SlTarget = "slTarget";
    public const string Shrinkage = "shrinkage";
    public const string MaxOccupancy = "maxOccupancy";
    public const string Agents = "agents";
    public const string Patience = "patience";

    /// <summary>Every parameter, in the order the usage lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Calls, IntervalMinutes, Aht, SlSeconds, SlTarget, Shrinkage, MaxOccupancy, Agents, Patience];
}

/// <summary>A bad or missing staffing parameter and what is wrong with it (e.g. "must be above 0 and below 100, not 120").</summary>
public sealed record StaffingParameterError(string Parameter, string Message)
{
    public override string ToString() => $"{Parameter}: {Message}";
}

/// <summary>What <see cref="StaffingRequest.Read"/> made of the values: the request, or every error (never both).</summary>
public sealed record StaffingRequestReading(StaffingRequest? Request, IReadOnlyList<StaffingParameterError> Errors);

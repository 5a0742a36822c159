using System.Text.Json;
using System.Text.Json.Serialization;

namespace CcWallboard.Core.Staffing;

/// <summary>
/// The answer to a <see cref="StaffingRequest"/>, as <c>ccwallboard erlang --json</c> prints it and
/// <c>GET /api/staffing/erlang</c> returns it. <see cref="Model"/> is <c>erlang-c</c>, or <c>erlang-a</c> (the
/// extension) when a patience was given. <see cref="AgentsRequired"/> is the fewest agents meeting the target, or the
/// agents asked about; <see cref="StaffRequired"/> grosses them up for shrinkage. <see cref="ServiceLevelPercent"/> and
/// <see cref="AsaSeconds"/> are null when Erlang C's queue is unstable (agents ≤ traffic);
/// <see cref="ProbabilityOfAbandon"/> is left out under Erlang C. <see cref="MeetsTarget"/> says whether the staffing
/// reaches the service level target (and stays within the maximum occupancy).
/// </summary>
public sealed record StaffingResult(
    string Model,
    double TrafficErlangs,
    int AgentsRequired,
    int StaffRequired,
    double ProbabilityOfWaiting,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ProbabilityOfAbandon,
    double? ServiceLevelPercent,
    double? AsaSeconds,
    double OccupancyPercent,
    bool MeetsTarget)
{
    public const string ErlangCModel = "erlang-c";
    public const string ErlangAModel = "erlang-a";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Works out <paramref name="request"/>: Erlang C, or Erlang A when it gives a patience.</summary>
    public static StaffingResult For(StaffingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var traffic = request.TrafficErlangs;
        var target = request.ServiceLevelTargetPercent / 100;
        var maxOccupancy = request.MaxOccupancyPercent / 100;
        var shrinkage = request.ShrinkagePercent / 100;
        var threshold = request.ServiceLevelSeconds;
        var aht = request.AhtSeconds;

        if (request.PatienceSeconds is { } patience)
        {
            var agents = request.Agents ?? ErlangA.AgentsRequired(traffic, aht, patience, threshold, target, maxOccupancy);
            var a = ErlangA.Evaluate(agents, traffic, aht, patience, threshold);
            return new StaffingResult(ErlangAModel, traffic, agents, ErlangC.StaffRequired(agents, shrinkage), a.ProbabilityOfWaiting,
                a.ProbabilityOfAbandon, a.ServiceLevel * 100, a.AsaSeconds, a.Occupancy * 100, Meets(a.ServiceLevel, a.Occupancy));
        }
        var n = request.Agents ?? ErlangC.AgentsRequired(traffic, aht, threshold, target, maxOccupancy);
        var c = ErlangC.Evaluate(n, traffic, aht, threshold);
        return new StaffingResult(ErlangCModel, traffic, n, ErlangC.StaffRequired(n, shrinkage), c.ProbabilityOfWaiting, null,
            c.ServiceLevel * 100, c.AsaSeconds, c.Occupancy * 100, Meets(c.ServiceLevel, c.Occupancy));

        bool Meets(double? serviceLevel, double occupancy) =>
            serviceLevel >= target && (maxOccupancy is not { } most || occupancy <= most);
    }

    /// <summary>One JSON object, camelCase, as the API writes it.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

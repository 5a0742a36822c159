using CcWallboard.Core.Staffing;

namespace CcWallboard.Host.Api;

/// <summary>
/// <c>GET /api/staffing/erlang</c>: the staffing calculator of <c>ccwallboard erlang</c> over the query string
/// (calls, intervalMinutes, aht, slSeconds, slTarget; optional shrinkage, maxOccupancy, agents, patience), answering
/// the same JSON object. A bad or missing parameter is a 400 ProblemDetails naming each one in <c>errors</c>.
/// </summary>
public static class StaffingEndpoints
{
    public static IEndpointRouteBuilder MapStaffingEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/staffing/erlang", (HttpRequest request) => Erlang(request.Query));
        return api;
    }

    private static IResult Erlang(IQueryCollection query)
    {
        var reading = StaffingRequest.Read(name => query.TryGetValue(name, out var values) ? values.ToString() : null);
        if (reading.Request is not { } staffing)
        {
            var errors = reading.Errors.GroupBy(e => e.Parameter, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
            return TypedResults.ValidationProblem(errors, title: "Bad staffing parameters",
                detail: string.Join("; ", reading.Errors.Select(e => e.ToString())));
        }
        return TypedResults.Ok(StaffingResult.For(staffing));
    }
}

using System.Globalization;
using System.Text;

namespace CcWallboard.Core.Planning;

/// <summary>
/// A queue's plan as CSV, one row per interval of the day, for a spreadsheet: times ISO 8601 with the local offset,
/// numbers with a dot and no grouping, an empty cell where a figure has no value.
/// </summary>
public static class PlannerCsv
{
    public const string Header =
        "queueId,intervalStart,intervalEnd,phase,arrivals,forecastOffered,offered,ahtSeconds,forecastAhtSeconds," +
        "serviceLevelPercent,serviceLevelTargetPercent,agentsRequiredForecast,agentsRequiredActual,agentsStaffed";

    public static string Write(QueuePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var i in plan.Intervals)
        {
            csv.AppendJoin(',',
                    Quoted(plan.QueueId), Time(i.Start), Time(i.End), i.Phase, Number(i.Arrivals), Number(i.ForecastOffered),
                    Number(i.Offered), Number(i.AhtSeconds), Number(i.ForecastAhtSeconds), Number(i.ServiceLevelPercent),
                    Number(plan.ServiceLevelTargetPercent), Number(i.AgentsRequiredForecast), Number(i.AgentsRequiredActual),
                    Number(i.AgentsStaffed))
                .Append('\n');
        }
        return csv.ToString();
    }

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is { } v ? Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture) : "";

    /// <summary>A cell quoted when it holds a separator, a quote or a line break (RFC 4180).</summary>
    private static string Quoted(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

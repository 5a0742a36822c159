using CcWallboard.Cli;
using CcWallboard.Core.Configuration;
using CcWallboard.Core.Time;

namespace CcWallboard.Core.Tests.Simulation;

/// <summary>The example centre of config/centre.json (copied next to the tests) and its local clock.</summary>
internal static class ExampleCentre
{
    public static string ConfigPath => Path.Combine(AppContext.BaseDirectory, "config", "centre.json");

    public static TimeZoneInfo London { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static CentreCalendar Calendar { get; } = new(London, TimeOnly.MinValue, 15);

    /// <summary>A fresh copy of the example configuration (tests may change it).</summary>
    public static CentreOptions Load(double? deviationProbability = null)
    {
        var loaded = CentreConfigurationFile.Load(ConfigPath);
        Assert.Empty(loaded.Errors);
        var options = loaded.Options!;
        if (deviationProbability is { } p)
        {
            options.Simulator.DeviationProbability = p;
        }
        return options;
    }

    /// <summary>A local wall-clock time in London as an instant.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        Calendar.ToInstant(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified));

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}

using System.Globalization;

namespace CcWallboard.Host.Options;

/// <summary>
/// The day files named in the centre's configuration (<c>Adherence:ScheduleFiles</c>, <c>Planning:ForecastFiles</c>):
/// relative to the centre file, each name ending with its day (e.g. <c>forecasts/2026-11-23.csv</c>), JSON by the
/// extension <c>.json</c>, CSV otherwise.
/// </summary>
internal static class ConfiguredFile
{
    /// <summary>The folder the centre file is in: what configured file names are relative to.</summary>
    public static string BaseDirectory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var centreFile = Path.GetFullPath(configuration[CentreConfigurationFile.SettingName] ?? CentreConfigurationFile.DefaultPath);
        return Path.GetDirectoryName(centreFile) ?? AppContext.BaseDirectory;
    }

    /// <summary>The day the file's name ends with (<c>yyyy-MM-dd</c> before the extension), or null.</summary>
    public static DateOnly? Day(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return DateOnly.TryParseExact(name.Length >= 10 ? name[^10..] : name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }

    public static bool IsJson(string path) => Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);
}

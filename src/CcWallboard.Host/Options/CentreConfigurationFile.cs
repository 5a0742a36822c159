using Microsoft.Extensions.Configuration.Json;

namespace CcWallboard.Host.Options;

/// <summary>
/// Where the centre's configuration (queues, agents, shifts, boards, simulator) comes from: the JSON file
/// named by the setting <c>CentreConfigFile</c>, by default config/centre.json beside the binaries. It sits
/// above appsettings.json and below environment variables and the command line, so any key can be
/// overridden the usual way (e.g. <c>Centre__TimeZone=Europe/Paris</c>). The file is watched: alert rules are taken
/// up when it changes; every other setting is read at start-up.
/// </summary>
internal static class CentreConfigurationFile
{
    public const string SettingName = "CentreConfigFile";

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "config", "centre.json");

    public static void AddCentreConfiguration(this ConfigurationManager configuration)
    {
        var path = configuration[SettingName] ?? DefaultPath;
        var source = new JsonConfigurationSource { Path = Path.GetFullPath(path), Optional = false, ReloadOnChange = true };
        source.ResolveFileProvider();
        var lastJson = configuration.Sources.ToList().FindLastIndex(s => s is JsonConfigurationSource);
        configuration.Sources.Insert(lastJson + 1, source);
    }
}

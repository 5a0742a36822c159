namespace CcWallboard.Host.Options;

/// <summary>Day files a setting of the centre file names, imported as the host starts (schedules, forecasts).</summary>
public interface IConfiguredDayFiles
{
    /// <summary>The setting that lists the files, e.g. <c>Adherence:ScheduleFiles</c>.</summary>
    string SettingKey { get; }

    /// <summary>Imports every listed file (relative to <paramref name="baseDirectory"/>); returns every problem, naming the key.</summary>
    Task<IReadOnlyList<string>> ImportConfiguredFilesAsync(string baseDirectory, CancellationToken cancellationToken);
}

/// <summary>
/// Imports the files of every <see cref="IConfiguredDayFiles"/> as the host starts. A missing or bad file stops
/// start-up, its key and every row's reason named: a centre never runs on a schedule or forecast it did not mean.
/// </summary>
public sealed partial class ConfiguredFileImport(IEnumerable<IConfiguredDayFiles> files, IConfiguration configuration, ILogger<ConfiguredFileImport> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var set in files)
        {
            var problems = await set.ImportConfiguredFilesAsync(ConfiguredFile.BaseDirectory(configuration), cancellationToken).ConfigureAwait(false);
            if (problems.Count > 0)
            {
                LogRefused(set.SettingKey, problems.Count);
                throw new InvalidOperationException(
                    $"{set.SettingKey}: {problems.Count} problems; the host does not start:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1101, Level = LogLevel.Critical, Message = "{Key}: {Count} problems; the host does not start")]
    private partial void LogRefused(string key, int count);
}

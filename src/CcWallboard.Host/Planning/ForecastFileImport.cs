using CcWallboard.Host.Options;

namespace CcWallboard.Host.Planning;

/// <summary>
/// Imports the forecast files of <c>Planning:ForecastFiles</c> as the host starts. A missing or bad file stops
/// start-up, its key and every row's reason named: a centre never runs on a forecast it did not mean.
/// </summary>
public sealed partial class ForecastFileImport(Forecasts forecasts, IConfiguration configuration, ILogger<ForecastFileImport> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = await forecasts.ImportConfiguredFilesAsync(ConfiguredFile.BaseDirectory(configuration), cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            LogRefused(problems.Count);
            throw new InvalidOperationException(
                $"Planning:ForecastFiles: {problems.Count} problems; the host does not start:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5403, Level = LogLevel.Critical, Message = "Planning:ForecastFiles: {Count} problems; the host does not start")]
    private partial void LogRefused(int count);
}

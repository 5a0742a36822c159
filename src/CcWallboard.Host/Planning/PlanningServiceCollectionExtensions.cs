using CcWallboard.Host.Storage;

namespace CcWallboard.Host.Planning;

public static class PlanningServiceCollectionExtensions
{
    /// <summary>
    /// Registers the forecasts: the <see cref="IForecastStore"/> (Redis when <c>ConnectionStrings:Redis</c> is set),
    /// <see cref="Forecasts"/>, and the start-up import of <c>Planning:ForecastFiles</c>.
    /// </summary>
    public static IServiceCollection AddForecasts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStore<IForecastStore, InMemoryForecastStore, RedisForecastStore>(configuration);
        services.AddSingleton<Forecasts>();
        services.AddHostedService<ForecastFileImport>();
        return services;
    }
}

using CcWallboard.Host.Options;
using CcWallboard.Host.Storage;

namespace CcWallboard.Host.Planning;

public static class PlanningServiceCollectionExtensions
{
    /// <summary>
    /// Registers the forecasts: the <see cref="IForecastStore"/> (Redis when <c>ConnectionStrings:Redis</c> is set),
    /// <see cref="Forecasts"/>, and its files of <c>Planning:ForecastFiles</c> for the start-up import (<see cref="ConfiguredFileImport"/>).
    /// </summary>
    public static IServiceCollection AddForecasts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStore<IForecastStore, InMemoryForecastStore, RedisForecastStore>(configuration);
        services.AddSingleton<Forecasts>();
        services.AddSingleton<IConfiguredDayFiles>(sp => sp.GetRequiredService<Forecasts>());
        return services;
    }
}

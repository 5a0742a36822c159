using System.Text.Json;
using System.Text.Json.Serialization;
using CcWallboard.Core.Configuration;
using CcWallboard.Host.Adherence;
using CcWallboard.Host.Alerts;
using CcWallboard.Host.Hubs;
using CcWallboard.Host.Planning;
using CcWallboard.Host.Ingestion;
using CcWallboard.Host.Options;
using CcWallboard.Host.Pipeline;
using CcWallboard.Host.Simulation;
using CcWallboard.Host.Sources;
using CcWallboard.Host.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host;

/// <summary>The host's services, one call per area.</summary>
public static class WallboardServices
{
    public static WebApplicationBuilder AddCcWallboard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddCentreConfiguration();
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<CentreOptions>()
            .Bind(builder.Configuration)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CentreOptions>, CentreOptionsValidation>();

        services.AddEventStore(builder.Configuration);
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestionOptions>, IngestionOptionsValidator>();
        services.AddSingleton<ApiKeys>();
        services.AddStore<IScheduleStore, InMemoryScheduleStore, RedisScheduleStore>(builder.Configuration);
        services.AddSingleton<Schedules>();
        services.AddSingleton<IConfiguredDayFiles>(sp => sp.GetRequiredService<Schedules>());
        services.AddHostedService<ConfiguredFileImport>();
        services.AddForecasts(builder.Configuration);
        services.AddStore<IAdherenceAudit, InMemoryAdherenceAudit, RedisAdherenceAudit>(builder.Configuration);
        services.AddSingleton<LiveAdherence>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveAdherence>());
        services.AddHostedService<SupervisorPublisher>();
        services.AddStore<IAlertStore, InMemoryAlertStore, RedisAlertStore>(builder.Configuration);
        services.AddSingleton<LivePlanner>();
        services.AddHostedService(sp => sp.GetRequiredService<LivePlanner>());
        services.AddSingleton<LiveAlerts>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveAlerts>());
        services.AddOptions<RedisInputOptions>().BindConfiguration(RedisInputOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisInputOptions>, RedisInputOptionsValidator>();
        services.AddSingleton<RedisStreamInput>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisStreamInput>());

        services.AddSingleton<LogAppendSignal>();
        services.AddSingleton<EventIngestion>();
        services.AddAmazonConnectIngestion();
        services.AddSingleton<LiveCentre>();
        services.AddSingleton<BoardSnapshots>();
        services.AddHostedService<EventLogTail>();
        services.AddSingleton<CheckpointWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckpointWriter>());
        services.AddSingleton<LogRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<LogRetention>());
        services.AddHostedService<BoardPublisher>();
        services.AddHostedService<SimulatorFeed>();
        services.AddOptions<AsteriskQueueLogOptions>().BindConfiguration(AsteriskQueueLogOptions.Section);
        services.AddSingleton<AsteriskQueueLogSource>();
        services.AddHostedService(sp => sp.GetRequiredService<AsteriskQueueLogSource>());
        services.AddOptions<AsteriskAmiOptions>().BindConfiguration(AsteriskAmiOptions.Section);
        services.AddHostedService<AsteriskAmiSource>();

        // Enums as their wire names (not_ready, on_contact, not_calculated), in the API and on the hubs alike.
        var enums = new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(enums));
        services.AddSignalR().AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(enums));
        services.AddProblemDetails();
        Hosting.HubOriginCheckExtensions.AddHubOriginCheck(services);
        services.AddHealthChecks();
        return builder;
    }
}

using System.Diagnostics.Metrics;
using CcWallboard.Host.Ingestion;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Hosting;

/// <summary>
/// Guards the SignalR hubs (every path under <c>/hubs</c>: negotiate, WebSocket upgrade, SSE, long polling) against
/// cross-site WebSocket hijacking, which CORS does not cover: a request carrying an <c>Origin</c> header is let
/// through only when that origin is the host's own (the request's scheme://host:port) or is listed in
/// <c>Hosting:AllowedOrigins</c>; any other gets 403. Requests without <c>Origin</c> (non-browser clients, the
/// .NET SignalR client) pass. <see cref="WebSocketOptions.AllowedOrigins"/> would not do: it applies to
/// <c>UseWebSockets</c> only, not to the negotiate and transport endpoints SignalR maps itself.
/// </summary>
public sealed partial class HubOriginCheck
{
    /// <summary>The path prefix of the hubs.</summary>
    public const string HubsPath = "/hubs";

    private const string LogSource = "hub-origin";
    private const int LogLinesPerMinute = 20;

    private readonly RequestDelegate _next;
    private readonly HashSet<string> _allowed;
    private readonly Counter<long> _rejected;
    private readonly RejectionLogLimiter _logLimiter;
    private readonly ILogger<HubOriginCheck> _logger;

    public HubOriginCheck(RequestDelegate next, IOptions<HostingOptions> options, TimeProvider time, IMeterFactory meters, ILogger<HubOriginCheck> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        _next = next;
        _allowed = options.Value.AllowedOrigins.Select(HostingOptions.NormalizeOrigin).OfType<string>().ToHashSet(StringComparer.Ordinal);
        _rejected = meters.Create("CcWallboard.Hosting")
            .CreateCounter<long>("ccwallboard.hubs.origin_rejected", description: "Hub requests refused because their Origin is neither the host's nor allowed");
        _logLimiter = new RejectionLogLimiter(time, LogLinesPerMinute);
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!request.Path.StartsWithSegments(HubsPath, StringComparison.OrdinalIgnoreCase)
            || !request.Headers.TryGetValue("Origin", out var values))
        {
            return _next(context);
        }
        var origin = values.ToString();
        var normalized = HostingOptions.NormalizeOrigin(origin);
        if (normalized is not null
            && (normalized == HostingOptions.NormalizeOrigin($"{request.Scheme}://{request.Host.Value}") || _allowed.Contains(normalized)))
        {
            return _next(context);
        }
        return RejectAsync(context, origin);
    }

    private Task RejectAsync(HttpContext context, string origin)
    {
        _rejected.Add(1);
        var shown = origin.Length > 200 ? origin[..200] + "…" : origin;
        var reason = HostingOptions.NormalizeOrigin(origin) is null
            ? $"'{shown}' is not an http or https origin"
            : $"'{shown}' is neither this host's origin nor listed in {HostingOptions.Section}:AllowedOrigins";
        if (_logLimiter.TryTake(LogSource, out var suppressed))
        {
            LogRejected(context.Request.Path.Value ?? HubsPath, shown, suppressed);
        }
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Origin not allowed", detail: $"Origin: {reason}")
            .ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a hub request to {Path} from Origin {Origin} ({Suppressed} more refused before it without a log line)")]
    private partial void LogRejected(string path, string origin, long suppressed);
}

/// <summary>Registration of <see cref="HubOriginCheck"/> and its options.</summary>
public static class HubOriginCheckExtensions
{
    /// <summary>Binds and validates <c>Hosting</c> (at start-up).</summary>
    public static IServiceCollection AddHubOriginCheck(this IServiceCollection services)
    {
        services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HostingOptions>, HostingOptionsValidator>();
        return services;
    }

    /// <summary>Adds the origin check of the hubs to the pipeline (before the hubs' endpoints run).</summary>
    public static IApplicationBuilder UseHubOriginCheck(this IApplicationBuilder app) => app.UseMiddleware<HubOriginCheck>();
}

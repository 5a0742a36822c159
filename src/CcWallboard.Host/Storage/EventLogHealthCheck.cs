using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CcWallboard.Host.Storage;

/// <summary>
/// Readiness: healthy when the event log answers a ping within <see cref="Timeout"/> (on the injected
/// clock); unhealthy with the reason otherwise. Registered as <c>event-log</c>, tagged <c>ready</c>.
/// </summary>
public sealed class EventLogHealthCheck(IEventLog eventLog, TimeProvider timeProvider) : IHealthCheck
{
    public const string Name = "event-log";

    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await eventLog.PingAsync(cancellationToken)
                .WaitAsync(Timeout, timeProvider, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture,
                $"the event log answered in {latency.TotalMilliseconds:0.###} ms"));
        }
        catch (TimeoutException ex)
        {
            return HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture,
                $"the event log did not answer within {Timeout.TotalSeconds:0.###} s"), ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the event log does not answer: {ex.Message}", ex);
        }
    }
}

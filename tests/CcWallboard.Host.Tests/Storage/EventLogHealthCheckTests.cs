using CcWallboard.Core.Events;
using CcWallboard.Host.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Host.Tests.Storage;

public sealed class EventLogHealthCheckTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public async Task Healthy_when_the_log_answers()
    {
        var check = new EventLogHealthCheck(new PingingLog(_ => Task.FromResult(TimeSpan.FromMilliseconds(1.5))), time);

        var result = await check.CheckHealthAsync(Context());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("1.5 ms", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unhealthy_with_the_reason_when_the_ping_fails()
    {
        var check = new EventLogHealthCheck(new PingingLog(_ => Task.FromException<TimeSpan>(new InvalidOperationException("connection refused"))), time);

        var result = await check.CheckHealthAsync(Context());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("connection refused", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unhealthy_when_the_ping_does_not_answer_within_the_timeout()
    {
        var never = new TaskCompletionSource<TimeSpan>();
        var check = new EventLogHealthCheck(new PingingLog(_ => never.Task), time);

        var pending = check.CheckHealthAsync(Context());
        Assert.False(pending.IsCompleted);
        time.Advance(EventLogHealthCheck.Timeout);
        var result = await pending;

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("did not answer within 2 s", result.Description, StringComparison.Ordinal);
    }

    private static HealthCheckContext Context() => new()
    {
        Registration = new HealthCheckRegistration(EventLogHealthCheck.Name, _ => null!, HealthStatus.Unhealthy, ["ready"]),
    };

    private sealed class PingingLog(Func<CancellationToken, Task<TimeSpan>> ping) : IEventLog
    {
        public Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default) => ping(cancellationToken);

        public Task<AppendOutcome> AppendAsync(IReadOnlyList<AcdEvent> events, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<LoggedEvent>> ReadAfterAsync(LogPosition after, int maxCount, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<long> CountAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<long> TrimBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}

using Microsoft.Extensions.Time.Testing;

namespace CcWallboard.Testing;

/// <summary>Moves a host's fake clock the way its once-a-second loops need to see it move.</summary>
public static class FakeClock
{
    /// <summary>
    /// Advances <paramref name="time"/> to <paramref name="at"/> in half-second steps, giving the host's loops a moment at
    /// each, then waits for them to settle at that instant.
    /// </summary>
    public static async Task StepToAsync(FakeTimeProvider time, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(time);
        while (time.GetUtcNow() < at)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(5).ConfigureAwait(false);
        }
        await Task.Delay(300).ConfigureAwait(false);
    }
}

namespace CcWallboard.Testing;

/// <summary>Waits, in real time, for something a background service does.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 50 ms until it holds; throws naming <paramref name="what"/> after the timeout (default 20 s).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(what);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition().ConfigureAwait(false))
            {
                return;
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
        throw new TimeoutException($"Still waiting for {what()}");
    }
}

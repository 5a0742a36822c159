using System.Collections.Concurrent;

namespace CcWallboard.Host.Ingestion;

/// <summary>
/// Keeps logs of rejected input from flooding the disk: per source, at most a set number of lines per minute
/// (on the host's <see cref="TimeProvider"/>); the lines held back are counted and reported with the next line
/// let through. Every rejection is still counted by the ingestion meters.
/// </summary>
public sealed class RejectionLogLimiter(TimeProvider time, int linesPerMinute)
{
    private readonly ConcurrentDictionary<string, Budget> _budgets = new(StringComparer.Ordinal);

    /// <summary>True when a line may be written for <paramref name="source"/> now; <paramref name="suppressed"/> is how many were held back before it.</summary>
    public bool TryTake(string source, out long suppressed)
    {
        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var budget = _budgets.GetOrAdd(source, _ => new Budget());
        lock (budget)
        {
            if (budget.Minute != minute)
            {
                budget.Minute = minute;
                budget.Used = 0;
            }
            if (budget.Used < linesPerMinute)
            {
                budget.Used++;
                suppressed = budget.Suppressed;
                budget.Suppressed = 0;
                return true;
            }
            budget.Suppressed++;
            suppressed = 0;
            return false;
        }
    }

    private sealed class Budget
    {
        public long Minute { get; set; } = -1;
        public int Used { get; set; }
        public long Suppressed { get; set; }
    }
}

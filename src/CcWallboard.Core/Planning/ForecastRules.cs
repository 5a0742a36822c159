using CcWallboard.Core.Configuration;

namespace CcWallboard.Core.Planning;

/// <summary>What a forecast file may name: the centre's queues (matched exactly), and AHTs up to <see cref="MaxAhtSeconds"/>.</summary>
public sealed class ForecastRules
{
    /// <summary>
    /// The largest average handle time a forecast may give, in seconds: one day. A larger AHT is a unit error
    /// (milliseconds, say), not a forecast.
    /// </summary>
    public const double MaxAhtSeconds = 86_400;

    private readonly HashSet<string> _queues;

    /// <param name="queues">The queues a row may name (matched exactly).</param>
    public ForecastRules(IEnumerable<string> queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        _queues = new HashSet<string>(queues, StringComparer.Ordinal);
        Queues = [.. _queues.Order(StringComparer.Ordinal)];
    }

    /// <summary>The rules of a centre: its configured queues.</summary>
    public static ForecastRules For(CentreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ForecastRules(options.Queues.Select(q => q.Id));
    }

    /// <summary>The queues a forecast may name, in ordinal order.</summary>
    public IReadOnlyList<string> Queues { get; }

    public bool IsKnownQueue(string queueId) => _queues.Contains(queueId);
}

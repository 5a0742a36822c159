using System.Globalization;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Ingestion;

/// <summary>
/// The Redis Stream producers may <c>XADD</c> events to (configuration section <c>Ingestion:RedisInput</c>); read
/// only when the host runs on Redis. Each entry holds one event as JSON in the field <c>event</c>.
/// </summary>
public sealed class RedisInputOptions
{
    public const string Section = "Ingestion:RedisInput";

    public bool Enabled { get; set; } = true;

    /// <summary>The input stream; empty means <c>{Storage:KeyPrefix}input</c> (<c>ccw:input</c>).</summary>
    public string? StreamKey { get; set; }

    /// <summary>The consumer group all hosts share.</summary>
    public string Group { get; set; } = "ccwallboard";

    /// <summary>This host's consumer name in the group; empty means the machine name. Keep it stable across restarts.</summary>
    public string? Consumer { get; set; }

    /// <summary>The source name rejected input and counters are reported under.</summary>
    public string Source { get; set; } = "redis-input";

    /// <summary>Entries another consumer took but has not acknowledged for this long are claimed (its host died).</summary>
    public double ClaimIdleSeconds { get; set; } = 30;

    /// <summary>Entries read per round.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long to wait before reading again when the stream had nothing new, in milliseconds.</summary>
    public int PollMilliseconds { get; set; } = 100;

    public string ResolvedConsumer => string.IsNullOrWhiteSpace(Consumer) ? Environment.MachineName : Consumer;
}

public sealed class RedisInputOptionsValidator : IValidateOptions<RedisInputOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisInputOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string section = RedisInputOptions.Section;
        if (string.IsNullOrWhiteSpace(options.Group) || options.Group.Any(char.IsWhiteSpace))
        {
            errors.Add($"{section}:Group must be a name without white space.");
        }
        if (string.IsNullOrWhiteSpace(options.Source))
        {
            errors.Add($"{section}:Source must be set.");
        }
        if (!double.IsFinite(options.ClaimIdleSeconds) || options.ClaimIdleSeconds < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:ClaimIdleSeconds must be at least 1 (was {options.ClaimIdleSeconds})."));
        }
        if (options.BatchSize is < 1 or > 10_000)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:BatchSize must be between 1 and 10000 (was {options.BatchSize})."));
        }
        if (options.PollMilliseconds is < 1 or > 60_000)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:PollMilliseconds must be between 1 and 60000 (was {options.PollMilliseconds})."));
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

using System.Globalization;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Storage;

/// <summary>
/// Where and for how long the event log keeps events (configuration section <c>Storage</c>). The Redis
/// connection itself is the connection string <c>ConnectionStrings:Redis</c>; without it the log is
/// kept in memory.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// The Redis Stream that holds the events; empty means <see cref="KeyPrefix"/> + <c>events</c>
    /// (<c>ccw:events</c> by default).
    /// </summary>
    public string? StreamKey { get; set; }

    /// <summary>
    /// Prefix of every Redis key the host writes. A cluster needs all keys of one append in one slot:
    /// give the prefix a hash tag there, e.g. <c>{ccw}:</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = "ccw:";

    /// <summary>How long events and the marks of their ids are kept, in hours.</summary>
    public double RetentionHours { get; set; } = 48;

    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);

    /// <summary>How often the live engine's state is checkpointed, in seconds (a restart replays at most this much of the log).</summary>
    public double CheckpointSeconds { get; set; } = 30;

    /// <summary>The stream key in use: <see cref="StreamKey"/>, or the default under <see cref="KeyPrefix"/>.</summary>
    public string ResolvedStreamKey => string.IsNullOrWhiteSpace(StreamKey) ? KeyPrefix + "events" : StreamKey;

    /// <summary>The key that marks an event id as appended (<c>ccw:event-id:{id}</c>).</summary>
    public string EventIdKey(string eventId) => KeyPrefix + "event-id:" + eventId;
}

/// <summary>Reports every invalid <see cref="StorageOptions"/> value at once, naming its configuration key.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <summary>Ten years: longer is a configuration mistake (hours typed as minutes, say).</summary>
    public const double MaxRetentionHours = 24 * 366 * 10;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string section = StorageOptions.Section;

        if (options.KeyPrefix is null)
        {
            errors.Add($"{section}:KeyPrefix must be set (default \"ccw:\").");
        }
        else if (options.KeyPrefix.Any(char.IsWhiteSpace))
        {
            errors.Add($"{section}:KeyPrefix must not contain white space (was \"{options.KeyPrefix}\").");
        }

        if (options.StreamKey is { Length: > 0 } streamKey && (string.IsNullOrWhiteSpace(streamKey) || streamKey.Any(char.IsWhiteSpace)))
        {
            errors.Add($"{section}:StreamKey must not contain white space (was \"{streamKey}\"); leave it empty for \"{{KeyPrefix}}events\".");
        }

        if (!double.IsFinite(options.RetentionHours) || options.RetentionHours <= 0 || options.RetentionHours > MaxRetentionHours)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{section}:RetentionHours must be more than 0 and at most {MaxRetentionHours} (was {options.RetentionHours})."));
        }
        else if (options.Retention < TimeSpan.FromMilliseconds(1))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{section}:RetentionHours must be at least one millisecond (was {options.RetentionHours})."));
        }

        if (!double.IsFinite(options.CheckpointSeconds) || options.CheckpointSeconds < 1 || options.CheckpointSeconds > 3600)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{section}:CheckpointSeconds must be between 1 and 3600 (was {options.CheckpointSeconds})."));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

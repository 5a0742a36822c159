namespace CcWallboard.Adapters.Asterisk.Ami;

/// <summary>Where and how <see cref="AmiClient"/> connects, and how it backs off between attempts.</summary>
public sealed class AmiClientOptions
{
    public string Host { get; init; } = "localhost";

    /// <summary>manager.conf <c>port</c>; 5038 by default.</summary>
    public int Port { get; init; } = 5038;

    /// <summary>The manager user (a <c>[section]</c> of manager.conf; it needs <c>read = agent</c> for the queue events).</summary>
    public string Username { get; init; } = "";

    public string Secret { get; init; } = "";

    /// <summary>
    /// The <c>Events</c> of the login: null leaves the user's read permissions in force; <c>agent</c> asks for the
    /// queue and agent events only (all those the adapter reads are of that class).
    /// </summary>
    public string? EventMask { get; init; }

    /// <summary>The zone whose offset the events' times carry; UTC by default.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The first wait after a failure; doubled after each failure in a row.</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts (30 s).</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The share of each wait taken off at random (0.2: a wait lies between 80 % and 100 % of its step), so clients do not retry in step.</summary>
    public double ReconnectJitter { get; init; } = 0.2;

    /// <summary>How long connecting, reading the banner and logging in may take before the attempt counts as failed.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>See <see cref="AmiEventMapper(TimeZoneInfo, TimeSpan?)"/>: how long a caller who left waits for its reason.</summary>
    public TimeSpan LeaveGrace { get; init; } = TimeSpan.FromSeconds(2);

    public AmiSocketOptions Socket { get; init; } = new();

    /// <summary>Every problem with the options, each naming its option; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            errors.Add("Host: is required");
        }
        if (Port is < 1 or > 65535)
        {
            errors.Add($"Port: {Port} is not a TCP port (1–65535)");
        }
        if (string.IsNullOrWhiteSpace(Username))
        {
            errors.Add("Username: is required");
        }
        foreach (var (name, value) in new[] { ("Username", Username), ("Secret", Secret), ("EventMask", EventMask ?? "") })
        {
            if (value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                errors.Add($"{name}: must not hold a line break");
            }
        }
        if (InitialReconnectDelay <= TimeSpan.Zero)
        {
            errors.Add("InitialReconnectDelay: must be positive");
        }
        if (MaxReconnectDelay < InitialReconnectDelay)
        {
            errors.Add("MaxReconnectDelay: must not be shorter than InitialReconnectDelay");
        }
        if (ReconnectJitter is < 0 or >= 1 || double.IsNaN(ReconnectJitter))
        {
            errors.Add("ReconnectJitter: must be at least 0 and less than 1");
        }
        if (ConnectTimeout <= TimeSpan.Zero)
        {
            errors.Add("ConnectTimeout: must be positive");
        }
        if (LeaveGrace < TimeSpan.Zero)
        {
            errors.Add("LeaveGrace: must not be negative");
        }
        if (TimeZone is null)
        {
            errors.Add("TimeZone: is required");
        }
        return errors;
    }
}

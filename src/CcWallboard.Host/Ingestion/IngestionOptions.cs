using System.Globalization;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Ingestion;

/// <summary>
/// How producers reach the host (configuration section <c>Ingestion</c>): the API key of each source for
/// <c>POST /api/events</c>, and the limits of one request.
/// </summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>Source name → its API key, sent as <c>X-Api-Key</c>. No keys: HTTP ingestion answers 401 to everyone.</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The most events one request may carry (default 5,000); a larger batch is refused whole with 413.</summary>
    public int MaxBatchEvents { get; set; } = 5000;

    /// <summary>The largest request body in bytes (default 4 MiB); a larger body is refused with 413.</summary>
    public long MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>At most this many lines a minute about rejected events per source; the rest are counted and summarised.</summary>
    public int MaxRejectionLogLinesPerMinute { get; set; } = 20;

    /// <summary>The shortest API key accepted (a guessable key is a configuration mistake).</summary>
    public const int MinKeyLength = 16;
}

/// <summary>Reports every invalid <see cref="IngestionOptions"/> value at once, naming its configuration key.</summary>
public sealed class IngestionOptionsValidator : IValidateOptions<IngestionOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string section = IngestionOptions.Section;
        foreach (var (source, key) in options.ApiKeys)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length < IngestionOptions.MinKeyLength || key.Any(char.IsWhiteSpace))
            {
                errors.Add($"{section}:ApiKeys:{source} must be at least {IngestionOptions.MinKeyLength} characters without white space.");
            }
        }
        foreach (var duplicate in options.ApiKeys.GroupBy(k => k.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{section}:ApiKeys: sources {string.Join(", ", duplicate.Select(d => d.Key))} share one key; give each source its own.");
        }
        if (options.MaxBatchEvents is < 1 or > 100_000)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:MaxBatchEvents must be between 1 and 100000 (was {options.MaxBatchEvents})."));
        }
        if (options.MaxBodyBytes is < 1024 or > 256L * 1024 * 1024)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:MaxBodyBytes must be between 1024 and 268435456 (was {options.MaxBodyBytes})."));
        }
        if (options.MaxRejectionLogLinesPerMinute < 0)
        {
            errors.Add($"{section}:MaxRejectionLogLinesPerMinute must be zero or more.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

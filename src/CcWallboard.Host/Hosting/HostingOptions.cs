using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Hosting;

/// <summary>
/// How browsers on other sites may reach the host (configuration section <c>Hosting</c>). A page may open the hubs
/// only from this host's own origin or from one listed in <see cref="AllowedOrigins"/>; see <see cref="HubOriginCheck"/>.
/// </summary>
public sealed class HostingOptions
{
    public const string Section = "Hosting";

    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>, like <c>http://wallboard.floor.local:5080</c>) whose pages may connect to
    /// the hubs besides the host's own. Empty: the host's own origin only.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// <paramref name="value"/> as a comparable origin (<c>scheme://host:port</c>, lower case, port explicit), or null
    /// when it is not an absolute http/https origin without user info, path, query or fragment.
    /// </summary>
    public static string? NormalizeOrigin(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)
            || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0
            || uri.AbsolutePath != "/"
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0
            || uri.Host.Length == 0)
        {
            return null;
        }
        return $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}".ToLowerInvariant();
    }
}

/// <summary>Reports every invalid <see cref="HostingOptions"/> value at once, naming its configuration key.</summary>
public sealed class HostingOptionsValidator : IValidateOptions<HostingOptions>
{
    public ValidateOptionsResult Validate(string? name, HostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            var origin = options.AllowedOrigins[i];
            if (HostingOptions.NormalizeOrigin(origin) is null || origin.TrimEnd().EndsWith('/'))
            {
                errors.Add($"{HostingOptions.Section}:AllowedOrigins:{i} must be an absolute http or https origin without a path, like http://wallboard.floor.local:5080 (was '{origin}').");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Ingestion;

/// <summary>
/// The per-source API keys of <c>Ingestion:ApiKeys</c>: which source sent a request (header <c>X-Api-Key</c>,
/// compared in constant time), for every endpoint that changes data.
/// </summary>
public sealed class ApiKeys(IOptions<IngestionOptions> options)
{
    public const string Header = "X-Api-Key";

    /// <summary>The source whose key the request carries; null when it carries none or an unknown one.</summary>
    public string? SourceOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }
        var sent = Encoding.UTF8.GetBytes(key);
        string? match = null;
        foreach (var (source, configured) in options.Value.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(sent, Encoding.UTF8.GetBytes(configured)))
            {
                match = source;
            }
        }
        return match;
    }

    public static IResult Unauthorized() =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not authorised",
            detail: $"{Header}: missing or not the key of a configured source (Ingestion:ApiKeys)");
}

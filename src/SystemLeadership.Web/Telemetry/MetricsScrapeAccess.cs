using System.Net;
using System.Security.Cryptography;
using System.Text;
using SystemLeadership.Web.Security;

namespace SystemLeadership.Web.Telemetry;

/// <summary>
/// Who may read /metrics: a scraper presenting the configured bearer token (Telemetry:ScrapeToken), or a process on
/// this machine talking to it directly. A request a proxy forwarded is not "from this machine", even when the proxy
/// is. Everyone else is answered 404, as if there were nothing there.
/// </summary>
public static class MetricsScrapeAccess
{
    public const string Path = "/metrics";

    public static bool Allows(HttpContext context, string? scrapeToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TokenMatches(context.Request.Headers.Authorization.ToString(), scrapeToken) || LocalRequest.IsDirect(context);
    }

    public static bool Allows(IPAddress? remote, string? authorization, bool forwarded, string? scrapeToken) =>
        TokenMatches(authorization, scrapeToken) || LocalRequest.IsDirect(remote, forwarded);

    private static bool TokenMatches(string? authorization, string? scrapeToken) =>
        !string.IsNullOrEmpty(scrapeToken) && authorization is not null
        && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization["Bearer ".Length..].Trim()), Encoding.UTF8.GetBytes(scrapeToken));
}

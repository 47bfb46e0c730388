using System.Net;

namespace SystemLeadership.Web.Security;

/// <summary>
/// Whether a request comes from this machine, directly: a loopback address and no proxy's forwarding header (a proxy
/// on this machine forwards other people's requests from loopback; once a known proxy's header has been read
/// (<see cref="ProxyHeaders"/>), X-Original-For says so). The one test behind the development mailbox, the test clock
/// and the metrics scrape.
/// </summary>
public static class LocalRequest
{
    public static bool IsDirect(HttpContext? request) =>
        request is not null && IsDirect(request.Connection.RemoteIpAddress,
            request.Request.Headers.ContainsKey("X-Forwarded-For") || request.Request.Headers.ContainsKey("Forwarded")
            || request.Request.Headers.ContainsKey("X-Original-For"));

    public static bool IsDirect(IPAddress? remote, bool forwarded) => remote is not null && IPAddress.IsLoopback(remote) && !forwarded;
}

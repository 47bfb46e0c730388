using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace SystemLeadership.Web.Security;

/// <summary>
/// Behind a reverse proxy (scripts/cluster.sh's HAProxy, a load balancer) every request arrives from the proxy's address.
/// Without this, everyone would share one rate-limit budget (30 posted sign-ins a minute for the whole country) and every
/// log line would name the proxy. ForwardedHeaders:KnownProxies lists the proxies' addresses (or networks); only a request from one of
/// them has its X-Forwarded-For and X-Forwarded-Proto believed, and only the last hop (the proxy's own entry).
/// Unset, nothing is read from those headers.
/// </summary>
public static class ProxyHeaders
{
    public const string Setting = "ForwardedHeaders:KnownProxies";

    /// <summary>
    /// The configured proxies: addresses or networks in CIDR form (a container network's proxy has no fixed address),
    /// comma- or space-separated. A start-up error names an entry that is neither.
    /// </summary>
    public static IReadOnlyList<IPNetwork> KnownProxies(IConfiguration configuration)
    {
        var text = configuration[Setting];
        if (string.IsNullOrWhiteSpace(text)) return [];
        return text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => IPAddress.TryParse(entry, out var address)
                ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
                : IPNetwork.TryParse(entry, out var network)
                    ? network
                    : throw new InvalidOperationException($"{Setting} holds '{entry}', which is neither an IP address nor a network. List the proxies' addresses or networks, e.g. 127.0.0.1,10.0.0.0/8."))
            .ToList();
    }

    public static IServiceCollection AddProxyHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = KnownProxies(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            // Only these: not the framework's default of any loopback address.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in proxies) options.KnownIPNetworks.Add(proxy);
        });
        return services;
    }

    /// <summary>First in the pipeline, when proxies are configured: the rate limits, logs and HSTS then see the client.</summary>
    public static void UseProxyHeaders(this IApplicationBuilder app, IConfiguration configuration)
    {
        if (KnownProxies(configuration).Count > 0) app.UseForwardedHeaders();
    }
}

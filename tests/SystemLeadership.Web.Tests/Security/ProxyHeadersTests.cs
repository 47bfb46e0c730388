using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Web.Security;

namespace SystemLeadership.Web.Tests.Security;

/// <summary>
/// Behind the proxy every request comes from the proxy's address: the rate limits must see the person instead, and only
/// when the header comes from a proxy we named.
/// </summary>
public class ProxyHeadersTests
{
    private static async Task<HttpContext> ThroughPipelineAsync(string? knownProxies, string from, string? forwardedFor)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ProxyHeaders.Setting] = knownProxies })
            .Build();
        var services = new ServiceCollection().AddLogging().AddOptions().AddProxyHeaders(configuration).BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        app.UseProxyHeaders(configuration);
        app.Run(_ => Task.CompletedTask);
        var context = new DefaultHttpContext { RequestServices = services, Connection = { RemoteIpAddress = IPAddress.Parse(from) } };
        if (forwardedFor is not null) context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        await app.Build()(context);
        return context;
    }

    [Fact]
    public async Task Behind_a_known_proxy_the_rate_limits_see_the_persons_own_address()
    {
        var context = await ThroughPipelineAsync("127.0.0.1", from: "127.0.0.1", forwardedFor: "203.0.113.5");
        Assert.Equal(IPAddress.Parse("203.0.113.5"), context.Connection.RemoteIpAddress);
        // Having come through the proxy, it is not a request from this machine, whatever address it came from.
        Assert.False(LocalRequest.IsDirect(context));
    }

    [Fact]
    public async Task Only_the_proxys_own_entry_is_believed_not_what_the_client_wrote_before_it()
    {
        var context = await ThroughPipelineAsync("127.0.0.1", from: "127.0.0.1", forwardedFor: "10.9.9.9, 203.0.113.5");
        Assert.Equal(IPAddress.Parse("203.0.113.5"), context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task A_proxy_may_be_named_by_its_network()
    {
        var context = await ThroughPipelineAsync("172.16.0.0/12", from: "172.18.0.5", forwardedFor: "203.0.113.5");
        Assert.Equal(IPAddress.Parse("203.0.113.5"), context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task A_forwarding_header_from_anyone_but_a_known_proxy_is_ignored()
    {
        var context = await ThroughPipelineAsync("127.0.0.1", from: "198.51.100.7", forwardedFor: "203.0.113.5");
        Assert.Equal(IPAddress.Parse("198.51.100.7"), context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task Without_known_proxies_no_forwarding_header_is_read()
    {
        var context = await ThroughPipelineAsync(null, from: "127.0.0.1", forwardedFor: "203.0.113.5");
        Assert.Equal(IPAddress.Parse("127.0.0.1"), context.Connection.RemoteIpAddress);
        Assert.False(LocalRequest.IsDirect(context));
    }

    [Fact]
    public void A_proxy_that_is_not_an_address_stops_the_start_and_names_the_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ProxyHeaders.Setting] = "127.0.0.1, proxy.local" })
            .Build();
        var error = Assert.Throws<InvalidOperationException>(() => ProxyHeaders.KnownProxies(configuration));
        Assert.Contains("ForwardedHeaders:KnownProxies", error.Message);
        Assert.Contains("proxy.local", error.Message);
    }
}

using System.Net;
using SystemLeadership.Web.Telemetry;

namespace SystemLeadership.Web.Tests.Telemetry;

public class MetricsScrapeAccessTests
{
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.9");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer wrong")]
    [InlineData("Bearer ")]
    [InlineData("Basic c2VjcmV0")]
    [InlineData("secret")]
    public void A_remote_caller_without_the_token_is_refused(string? authorization) =>
        Assert.False(MetricsScrapeAccess.Allows(Remote, authorization, forwarded: false, scrapeToken: "secret"));

    [Fact]
    public void A_remote_caller_with_the_token_is_allowed() =>
        Assert.True(MetricsScrapeAccess.Allows(Remote, "Bearer secret", forwarded: true, scrapeToken: "secret"));

    [Fact]
    public void With_no_token_configured_no_bearer_opens_it() =>
        Assert.False(MetricsScrapeAccess.Allows(Remote, "Bearer ", forwarded: false, scrapeToken: null));

    [Fact]
    public void Loopback_is_allowed_unless_a_proxy_forwarded_the_request()
    {
        Assert.True(MetricsScrapeAccess.Allows(IPAddress.Loopback, null, forwarded: false, scrapeToken: null));
        Assert.True(MetricsScrapeAccess.Allows(IPAddress.IPv6Loopback, null, forwarded: false, scrapeToken: "secret"));
        Assert.False(MetricsScrapeAccess.Allows(IPAddress.Loopback, null, forwarded: true, scrapeToken: "secret"));
    }
}

using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using SystemLeadership.Web.Security;

namespace SystemLeadership.Web.Tests.Security;

/// <summary>The development mailbox holds live reference links: only this machine, only in Development.</summary>
public class MailboxAccessTests
{
    private sealed class Host(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "SystemLeadership.Web";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static DefaultHttpContext From(string address) => new() { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Opens_in_development_from_this_machine(string address) =>
        Assert.True(MailboxAccess.IsOpenTo(new Host(Environments.Development), From(address)));

    [Theory]
    [InlineData("203.0.113.5")]
    [InlineData("192.168.1.20")]
    [InlineData("::ffff:203.0.113.5")]
    public void Is_not_found_from_any_other_address_even_in_development(string address) =>
        Assert.False(MailboxAccess.IsOpenTo(new Host(Environments.Development), From(address)));

    [Fact]
    public void Is_not_found_in_production_even_from_this_machine() =>
        Assert.False(MailboxAccess.IsOpenTo(new Host(Environments.Production), From("127.0.0.1")));

    [Fact]
    public void Is_not_found_without_a_request() =>
        Assert.False(MailboxAccess.IsOpenTo(new Host(Environments.Development), null));

    [Fact]
    public void Is_not_found_through_a_proxy_on_this_machine()
    {
        var request = From("127.0.0.1");
        request.Request.Headers["X-Forwarded-For"] = "203.0.113.5";
        Assert.False(MailboxAccess.IsOpenTo(new Host(Environments.Development), request));
    }
}

using SystemLeadership.Web.Security;

namespace SystemLeadership.Web.Tests.Security;

/// <summary>A return address only ever leads somewhere on this site: Url.IsLocalUrl's rules.</summary>
public class LocalUrlTests
{
    private const string Base = "https://app.test/";

    [Theory]
    [InlineData("/")]
    [InlineData("/t/swaledale/designations?state=Active")]
    [InlineData("~/")]
    [InlineData("~/t/swaledale")]
    public void Paths_on_this_site_are_local(string url) => Assert.True(LocalUrl.IsLocal(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("//evil.test")]
    [InlineData("/\\evil.test")]
    [InlineData("~//evil.test")]
    [InlineData("~/\\evil.test")]
    [InlineData("https://evil.test/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\t/evil.test")]
    [InlineData("/x\0y")]
    [InlineData("evil.test")]
    public void Anything_that_could_leave_the_site_is_not_local(string? url) => Assert.False(LocalUrl.IsLocal(url));

    [Theory]
    [InlineData("https://evil.test/", "")]
    [InlineData("//evil.test/", "")]
    [InlineData("/\\evil.test", "")]
    [InlineData("javascript:alert(1)", "")]
    [InlineData("JavaScript:alert(1)", "")]
    [InlineData("http:evil.test", "")]
    [InlineData("\\\\evil.test", "")]
    [InlineData("Account/\u0000Login", "")]
    [InlineData("/t/swaledale", "/t/swaledale")]
    [InlineData("~/t/swaledale", "/t/swaledale")]
    [InlineData("https://app.test/t/swaledale?x=1", "t/swaledale?x=1")]
    [InlineData("https://APP.test/", "")]
    [InlineData("https://app.test//evil.test", "")]
    [InlineData("Account/LoginWith2fa?returnUrl=%2Ft%2Fx", "Account/LoginWith2fa?returnUrl=%2Ft%2Fx")]
    [InlineData(null, "")]
    public void A_redirect_goes_to_a_page_on_this_site_or_home(string? url, string expected) =>
        Assert.Equal(expected, LocalUrl.Target(url, Base));
}

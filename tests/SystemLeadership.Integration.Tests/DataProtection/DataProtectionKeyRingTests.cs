using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.DataProtection;

/// <summary>
/// The key ring lives in PostgreSQL: what one process protected, a freshly started one (a restart, or a second node)
/// can read, as the application role, with nothing kept on local disk.
/// </summary>
public class DataProtectionKeyRingTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    // The purposes the cookie handler gives its protector for Identity's sign-in cookie.
    private static readonly string[] CookiePurposes =
        ["Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", IdentityConstants.ApplicationScheme, "v2"];

    private ServiceProvider StartNode()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTenancy(db.Connections.App, new AppLinks("http://localhost"));
        services.AddSystemLeadershipDataProtection();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_payload_protected_before_a_restart_is_unprotected_after_it()
    {
        string payload;
        await using (var before = StartNode())
        {
            payload = before.GetRequiredService<IDataProtectionProvider>().CreateProtector("restart-test").Protect("antiforgery-like secret");
        }

        await using var after = StartNode();
        Assert.Equal("antiforgery-like secret", after.GetRequiredService<IDataProtectionProvider>().CreateProtector("restart-test").Unprotect(payload));

        // The key is in the database (written as the application role), and a provider without it cannot read the payload.
        await using (var context = db.NewContext())
        {
            Assert.NotEmpty(await context.DataProtectionKeys.AsNoTracking().ToListAsync());
        }
        var stranger = new EphemeralDataProtectionProvider();
        Assert.ThrowsAny<CryptographicException>(() => stranger.CreateProtector("restart-test").Unprotect(payload));
    }

    [Fact]
    public async Task A_sign_in_cookie_ticket_survives_a_restart()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "user-42")], IdentityConstants.ApplicationScheme));
        string cookie;
        await using (var before = StartNode())
        {
            var format = new TicketDataFormat(before.GetRequiredService<IDataProtectionProvider>().CreateProtector(CookiePurposes[0], CookiePurposes[1..]));
            cookie = format.Protect(new AuthenticationTicket(principal, IdentityConstants.ApplicationScheme));
        }

        await using var after = StartNode();
        var reader = new TicketDataFormat(after.GetRequiredService<IDataProtectionProvider>().CreateProtector(CookiePurposes[0], CookiePurposes[1..]));
        var ticket = reader.Unprotect(cookie);
        Assert.NotNull(ticket);
        Assert.Equal("user-42", ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
    }
}

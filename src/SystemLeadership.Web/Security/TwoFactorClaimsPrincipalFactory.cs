using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Web.Security;

/// <summary>Puts "has two-factor on" into the sign-in cookie, so the College check costs no query per request.</summary>
public sealed class TwoFactorClaimsPrincipalFactory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    public const string TwoFactorEnabledClaim = "sl:2fa";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(TwoFactorEnabledClaim, user.TwoFactorEnabled ? "true" : "false"));
        identity.AddClaim(new Claim("name", user.FullName));
        return identity;
    }
}

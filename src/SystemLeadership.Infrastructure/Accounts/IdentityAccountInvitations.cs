using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Onboarding;

namespace SystemLeadership.Infrastructure.Accounts;

/// <summary>
/// A claim link is Identity's own password-reset link: the account's owner sets a password at /Account/ResetPassword,
/// and the token is bound to the account's security stamp, so it stops working once used.
/// </summary>
public sealed class IdentityAccountInvitations(UserManager<ApplicationUser> users, AppLinks links) : IAccountInvitations
{
    public async Task<string> ClaimLinkAsync(ApplicationUser user)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return $"{links.BaseUrl}/Account/ResetPassword?code={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}";
    }
}

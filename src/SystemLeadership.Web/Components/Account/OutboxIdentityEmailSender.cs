using System.Net;
using Microsoft.AspNetCore.Identity;
using SystemLeadership.Infrastructure.Email;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Web.Components.Account;

/// <summary>Account emails (confirmation, password reset) go through the outbox like every other email.</summary>
internal sealed class OutboxIdentityEmailSender(OutboxReader outbox) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        SendAsync(email, "Confirm your SystemLeadership account",
            $"""
            Dear {user.FullName},

            Please confirm your email address to finish creating your account:

            {WebUtility.HtmlDecode(confirmationLink)}
            """);

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        SendAsync(email, "Reset your SystemLeadership password",
            $"""
            Dear {user.FullName},

            Follow this link to choose a new password. If you did not ask for this, ignore this email.

            {WebUtility.HtmlDecode(resetLink)}
            """);

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        SendAsync(email, "Your SystemLeadership password reset code", $"Your password reset code is: {resetCode}");

    private Task SendAsync(string to, string subject, string body) => outbox.EnqueueAccountEmailAsync(to, subject, body);
}

using System.Net;
using Microsoft.AspNetCore.Identity;
using SystemLeadership.Infrastructure.Accounts;
using SystemLeadership.Infrastructure.Email;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Web.Components.Account;

/// <summary>
/// Account emails (confirmation, password reset) go through the outbox like every other email. Each is saved at once,
/// on its own: these are for accounts that already exist (resend confirmation, forgot password, change of email).
/// Registration writes its confirmation email with the account instead (<see cref="RegisterAccount"/>).
/// </summary>
internal sealed class OutboxIdentityEmailSender(OutboxReader outbox) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        SendAsync(email, AccountEmails.ConfirmationSubject, AccountEmails.ConfirmationBody(user.FullName, WebUtility.HtmlDecode(confirmationLink)));

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        SendAsync(email, AccountEmails.PasswordResetSubject, AccountEmails.PasswordResetBody(user.FullName, WebUtility.HtmlDecode(resetLink)));

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        SendAsync(email, AccountEmails.PasswordResetCodeSubject, AccountEmails.PasswordResetCodeBody(resetCode));

    private Task SendAsync(string to, string subject, string body) => outbox.EnqueueAccountEmailAsync(to, subject, body);
}

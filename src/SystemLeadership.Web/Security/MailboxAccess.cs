namespace SystemLeadership.Web.Security;

/// <summary>
/// Who may read the development mailbox (/dev/mail, every email the app has written, reference links included): only a
/// person at this machine's own keyboard, and only while the app runs in Development. Anywhere else the page is not found
/// and is never mentioned.
/// </summary>
public static class MailboxAccess
{
    public static bool IsOpenTo(IHostEnvironment environment, HttpContext? request) =>
        environment.IsDevelopment() && LocalRequest.IsDirect(request);
}

namespace SystemLeadership.Infrastructure.Accounts;

/// <summary>The account emails' words, in one place for the registration use case and Identity's email sender.</summary>
public static class AccountEmails
{
    public const string ConfirmationSubject = "Confirm your SystemLeadership account";

    /// <param name="fullName">The person's name as they gave it.</param>
    /// <param name="confirmationLink">The plain link (not HTML-encoded).</param>
    public static string ConfirmationBody(string fullName, string confirmationLink) =>
        $"""
        Dear {fullName},

        Please confirm your email address to finish creating your account:

        {confirmationLink}
        """;

    public const string PasswordResetSubject = "Reset your SystemLeadership password";

    public static string PasswordResetBody(string fullName, string resetLink) =>
        $"""
        Dear {fullName},

        Follow this link to choose a new password. If you did not ask for this, ignore this email.

        {resetLink}
        """;

    public const string PasswordResetCodeSubject = "Your SystemLeadership password reset code";

    public static string PasswordResetCodeBody(string resetCode) => $"Your password reset code is: {resetCode}";
}

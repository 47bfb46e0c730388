using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace SystemLeadership.Web.Security;

/// <summary>
/// What the account pages accept from a form or a link, checked before anything reaches Identity or the database:
/// an email the users table can hold (256 characters, no control characters: PostgreSQL refuses a NUL byte), ids and
/// codes that could have come from one of our own links. Bad input gets the field's message or the page's "invalid
/// link" answer, never a server error.
/// </summary>
public static class AccountInput
{
    public const int MaxEmailLength = 256;

    /// <summary>Identity's user ids are at most 450 characters (the column), and ours are GUIDs or plain slugs.</summary>
    public static bool IsPlausibleId(string? id) => !string.IsNullOrEmpty(id) && id.Length <= 450 && !HasControlCharacter(id);

    public static bool IsPlausibleEmail(string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.Length <= MaxEmailLength && !HasControlCharacter(email) && new EmailAddressAttribute().IsValid(email);

    /// <summary>Decodes a code from an emailed link (base64url of UTF-8); false for anything our links could not hold.</summary>
    public static bool TryDecodeCode(string? code, out string decoded)
    {
        decoded = "";
        if (string.IsNullOrEmpty(code) || code.Length > 4096) return false;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(WebEncoders.Base64UrlDecode(code));
            return !HasControlCharacter(decoded);
        }
        catch (FormatException)
        {
            return false;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    public static bool HasControlCharacter(string text) => text.Any(char.IsControl);
}

/// <summary>An email address an account can have: well formed, at most 256 characters, no control characters.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AccountEmailAttribute() : ValidationAttribute("Enter an email address of 256 characters or fewer, like name@school.sch.uk.")
{
    public override bool IsValid(object? value) => value is null || (value is string s && (s.Length == 0 || AccountInput.IsPlausibleEmail(s)));
}

/// <summary>Text kept as typed: no control characters (a NUL byte, a bell), which no name or answer needs.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlainTextAttribute() : ValidationAttribute("Use letters, numbers and punctuation only.")
{
    public override bool IsValid(object? value) => value is not string s || !AccountInput.HasControlCharacter(s);
}

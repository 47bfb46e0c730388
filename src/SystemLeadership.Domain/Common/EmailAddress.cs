using System.Text.RegularExpressions;

namespace SystemLeadership.Domain.Common;

/// <summary>The one check of an email address as typed: something@somewhere.tld, at most 256 characters.</summary>
public static partial class EmailAddress
{
    public const int MaxLength = 256;

    public static bool IsValid(string? email) => email is { Length: > 0 and <= MaxLength } && Shape().IsMatch(email);

    [GeneratedRegex(@"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")]
    private static partial Regex Shape();
}

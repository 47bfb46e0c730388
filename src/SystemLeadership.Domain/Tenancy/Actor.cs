namespace SystemLeadership.Domain.Tenancy;

/// <summary>The person making a change or opening a record, as the audit trail, the party functions and the tables need them.</summary>
public sealed record Actor(string UserId, string Name, string Email, TenantRoles Roles)
{
    public bool Is(TenantRoles role) => (Roles & role) == role;

    /// <summary>Whether an address named on a record is this person's: people are recognised by their account's email.</summary>
    public bool Owns(string? email) => SameEmail(email, Email);

    public static bool SameEmail(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && string.Equals(a.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);

    public static Actor Referee(string name, string email) => new($"referee:{email}", name, email, TenantRoles.None);
}

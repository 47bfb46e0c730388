using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Infrastructure.Auditing;

/// <summary>The person making a change, as the audit trail and the transition table need them.</summary>
public sealed record Actor(string UserId, string Name, string Email, TenantRoles Roles)
{
    public bool Is(TenantRoles role) => (Roles & role) == role;

    public static Actor Referee(string name, string email) => new($"referee:{email}", name, email, TenantRoles.None);
}

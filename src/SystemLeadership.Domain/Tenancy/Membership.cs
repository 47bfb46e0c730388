namespace SystemLeadership.Domain.Tenancy;

/// <summary>A person's place in one tenant. A person has one login and may hold memberships in several tenants.</summary>
public sealed class Membership : ITenantOwned
{
    private Membership() { }

    public Membership(Guid tenantId, string userId, TenantRoles roles)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        UserId = userId;
        Roles = roles;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string UserId { get; private set; } = "";
    public TenantRoles Roles { get; private set; }

    public bool Has(TenantRoles role) => (Roles & role) == role;

    public void Grant(TenantRoles role) => Roles |= role;
}

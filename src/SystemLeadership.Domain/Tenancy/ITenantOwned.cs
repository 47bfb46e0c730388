namespace SystemLeadership.Domain.Tenancy;

/// <summary>
/// Marks an entity that belongs to one tenant. Every such entity is behind both locks:
/// the EF global query filter and a forced PostgreSQL row-level-security policy.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}

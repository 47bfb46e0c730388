using Microsoft.EntityFrameworkCore;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Infrastructure.Data;

/// <summary>
/// Makes a context per operation for the tenant of the current request or circuit (never pooled: contexts carry tenant state).
/// </summary>
public sealed class TenantDbContextFactory(DbContextOptions<AppDbContext> options, TenantContext tenant) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => new(options, tenant);

    /// <summary>For work that is told its tenant rather than finding it on a person: emailed links, background jobs.</summary>
    public AppDbContext ForTenant(Guid tenantId) => new(options, TenantContext.For(tenantId, tenant.UserId));

    /// <summary>A factory for that tenant, for services asked about a tenant other than the page's (the menu's counts).</summary>
    public TenantDbContextFactory For(Guid tenantId) => new(options, TenantContext.For(tenantId, tenant.UserId));

    /// <summary>
    /// The College's national read: designations (the register) and the brokerage records the national dashboard counts,
    /// of every tenant, read only (a SELECT-only policy). College administrators only.
    /// </summary>
    public AppDbContext NationalRegister() => new(options, TenantContext.NationalRegister(tenant.UserId));

    /// <summary>National data and system tables only: no tenant-owned row is visible.</summary>
    public AppDbContext WithoutTenant() => new(options, TenantContext.For(null, tenant.UserId));
}

using Microsoft.EntityFrameworkCore;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Infrastructure.Data;

/// <summary>
/// A context per operation for the tenant of the current request or circuit, rented from the pool with that tenant
/// (the pool clears it when the context is given back).
/// </summary>
public sealed class TenantDbContextFactory(AppDbContextPool pool, TenantContext tenant) : IDbContextFactory<AppDbContext>
{
    /// <summary>From the pool of these options: for code that holds options rather than the app's services.</summary>
    public TenantDbContextFactory(DbContextOptions<AppDbContext> options, TenantContext tenant) : this(AppDbContextPool.For(options), tenant) { }

    public AppDbContext CreateDbContext() => pool.Rent(tenant);

    /// <summary>For work that is told its tenant rather than finding it on a person: emailed links, background jobs.</summary>
    public AppDbContext ForTenant(Guid tenantId) => pool.Rent(TenantContext.For(tenantId, tenant.UserId));

    /// <summary>
    /// For a step in another tenant inside a context's transaction, on its connection (<see cref="CrossTenantWrite"/>):
    /// made afresh rather than rented, as a pooled context would keep the borrowed connection when given back.
    /// </summary>
    public AppDbContext ForStepIn(Guid tenantId) => pool.MakeUnpooled(TenantContext.For(tenantId, tenant.UserId));

    /// <summary>A factory for that tenant, for services asked about a tenant other than the page's (the menu's counts).</summary>
    public TenantDbContextFactory For(Guid tenantId) => new(pool, TenantContext.For(tenantId, tenant.UserId));

    /// <summary>
    /// The College's national read: designations (the register) and the brokerage records the national dashboard counts,
    /// of every tenant, read only (a SELECT-only policy). College administrators only.
    /// </summary>
    public AppDbContext NationalRegister() => pool.Rent(TenantContext.NationalRegister(tenant.UserId));

    /// <summary>National data and system tables only: no tenant-owned row is visible.</summary>
    public AppDbContext WithoutTenant() => pool.Rent(TenantContext.For(null, tenant.UserId));
}

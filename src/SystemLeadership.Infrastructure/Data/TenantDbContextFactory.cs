using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Infrastructure.Data;

/// <summary>
/// Makes a context per operation for the tenant of the current request or circuit. With a pool (the web host's), the
/// context is rented and entered for the tenant on every rent (<see cref="PooledAppDbContext"/>); without one (tests,
/// tools), it is made new.
/// </summary>
public sealed class TenantDbContextFactory(DbContextOptions<AppDbContext> options, TenantContext tenant,
    PooledDbContextFactory<PooledAppDbContext>? pool = null) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => Make(tenant);

    /// <summary>For work that is told its tenant rather than finding it on a person: emailed links, background jobs.</summary>
    public AppDbContext ForTenant(Guid tenantId) => Make(TenantContext.For(tenantId, tenant.UserId));

    /// <summary>A factory for that tenant, for services asked about a tenant other than the page's (the menu's counts).</summary>
    public TenantDbContextFactory For(Guid tenantId) => new(options, TenantContext.For(tenantId, tenant.UserId), pool);

    /// <summary>
    /// The College's national read: designations (the register) and the brokerage records the national dashboard counts,
    /// of every tenant, read only (a SELECT-only policy). College administrators only.
    /// </summary>
    public AppDbContext NationalRegister() => Make(TenantContext.NationalRegister(tenant.UserId));

    /// <summary>National data and system tables only: no tenant-owned row is visible.</summary>
    public AppDbContext WithoutTenant() => Make(TenantContext.For(null, tenant.UserId));

    private AppDbContext Make(TenantContext who)
    {
        if (pool is null) return new AppDbContext(options, who);
        var context = pool.CreateDbContext();
        context.Enter(who);
        return context;
    }
}

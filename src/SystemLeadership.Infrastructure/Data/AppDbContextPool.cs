using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Infrastructure.Data;

/// <summary>
/// The app's contexts, kept for reuse (EF Core's context pool): making a context builds its own set of EF's internal
/// services every time, which was a large share of each page's allocations. A context is handed out with the tenant
/// of whoever asked (<see cref="AppDbContext.Enter"/>) and cleared when given back, so it never keeps an earlier
/// person's tenant; row-level security, set per transaction from the context, is unchanged.
/// </summary>
public sealed class AppDbContextPool(DbContextOptions<AppDbContext> options)
{
    /// <summary>Contexts kept; more are made (and not kept) when more are out at once.</summary>
    public const int Size = 256;

    private static readonly ConditionalWeakTable<DbContextOptions<AppDbContext>, AppDbContextPool> Pools = [];

    private readonly PooledDbContextFactory<AppDbContext> _pool = new(options, Size);

    /// <summary>The one pool for these options (the app's is a singleton made from its options the same way).</summary>
    public static AppDbContextPool For(DbContextOptions<AppDbContext> options) => Pools.GetValue(options, o => new AppDbContextPool(o));

    public AppDbContext Rent(TenantContext tenant)
    {
        var context = _pool.CreateDbContext();
        context.Enter(tenant, fromPool: true);
        return context;
    }

    /// <summary>
    /// A context made afresh, never given to the pool: for one that borrows another's connection and transaction
    /// (<see cref="Tenancy.CrossTenantWrite"/>), which a pooled context would keep when given back.
    /// </summary>
    public AppDbContext MakeUnpooled(TenantContext tenant) => new(options, tenant);
}

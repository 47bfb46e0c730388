using Microsoft.EntityFrameworkCore;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Infrastructure.Data;

/// <summary>
/// An <see cref="AppDbContext"/> kept in EF Core's pool (<see cref="Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory{TContext}"/>),
/// so a request's several contexts are not each built from nothing. It is made with no tenant; <see cref="TenantDbContextFactory"/>
/// enters it for its tenant on every rent, and it leaves with no one before it goes back: a rented context never keeps
/// a previous tenant, user or national read (TransactionPoolingTests). EF pools a context type with exactly one
/// constructor, hence this type.
/// </summary>
public sealed class PooledAppDbContext(DbContextOptions<PooledAppDbContext> options) : AppDbContext(options, new TenantContext())
{
    public override void Dispose()
    {
        Enter(new TenantContext());
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Enter(new TenantContext());
        return base.DisposeAsync();
    }
}

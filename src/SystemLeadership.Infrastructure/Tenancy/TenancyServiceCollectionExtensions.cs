using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SystemLeadership.Infrastructure.Accounts;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Database;

namespace SystemLeadership.Infrastructure.Tenancy;

public static class TenancyServiceCollectionExtensions
{
    /// <summary>
    /// The database as the app role sees it, with both tenant locks: the tenant fixed per request or circuit, contexts
    /// made for it, the slug checked against memberships, and the clock every change is recorded by.
    /// </summary>
    public static IServiceCollection AddTenancy(this IServiceCollection services, string appConnectionString, AppLinks links)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(links);
        services.AddSingleton(DatabaseSetup.Options(appConnectionString));
        services.AddSingleton(sp => AppDbContextPool.For(sp.GetRequiredService<DbContextOptions<AppDbContext>>()));
        services.AddScoped<TenantContext>();
        services.AddScoped(sp => new TenantDbContextFactory(sp.GetRequiredService<AppDbContextPool>(), sp.GetRequiredService<TenantContext>()));
        // The plain factory is for system work (the outbox sender): its contexts carry no tenant and see no tenant-owned row.
        services.AddSingleton<IDbContextFactory<AppDbContext>>(sp =>
            new TenantDbContextFactory(sp.GetRequiredService<AppDbContextPool>(), new TenantContext()));
        // Identity's stores need a context; it sees only Identity tables and national data. Not from the pool: the scope
        // disposes it, and a pooled context disposed twice (by its scope and by anyone else) would go back to the pool
        // twice, once someone else had rented it (the browser suite showed it when every context was pooled).
        services.AddScoped(sp => new AppDbContext(sp.GetRequiredService<DbContextOptions<AppDbContext>>(),
            TenantContext.For(null, sp.GetRequiredService<TenantContext>().UserId)));
        // Registration writes the account (through Identity's store) and its confirmation email on that same context.
        services.AddScoped<RegisterAccount>();
        services.AddScoped<SignedInPerson>();
        services.AddScoped<TenantAccess>();
        services.AddSingleton<Changes>();
        return services;
    }
}

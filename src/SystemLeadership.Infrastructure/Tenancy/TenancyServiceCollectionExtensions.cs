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
        services.AddScoped<TenantContext>();
        services.AddScoped<TenantDbContextFactory>();
        // The plain factory is for system work (the outbox sender): its contexts carry no tenant and see no tenant-owned row.
        services.AddSingleton<IDbContextFactory<AppDbContext>>(sp =>
            new TenantDbContextFactory(sp.GetRequiredService<DbContextOptions<AppDbContext>>(), new TenantContext()));
        // Identity's stores need a context; it sees only Identity tables and national data.
        services.AddScoped(sp => sp.GetRequiredService<TenantDbContextFactory>().WithoutTenant());
        // Registration writes the account (through Identity's store) and its confirmation email on that same context.
        services.AddScoped<RegisterAccount>();
        services.AddScoped<SignedInPerson>();
        services.AddScoped<TenantAccess>();
        services.AddSingleton<Changes>();
        return services;
    }
}

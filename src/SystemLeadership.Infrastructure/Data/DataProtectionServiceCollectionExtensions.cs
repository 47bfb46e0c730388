using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace SystemLeadership.Infrastructure.Data;

public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>Every node and every restart must name the application alike, or they cannot read each other's cookies.</summary>
    public const string ApplicationName = "SystemLeadership";

    /// <summary>
    /// The data-protection key ring in PostgreSQL (table DataProtectionKeys, through <see cref="AppDbContext"/>), so a
    /// restart or a second node keeps everyone signed in and antiforgery tokens valid. Needs the scoped tenant-less
    /// <see cref="AppDbContext"/> that AddTenancy registers; the table is global, outside row-level security.
    /// </summary>
    public static IDataProtectionBuilder AddSystemLeadershipDataProtection(this IServiceCollection services) =>
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<AppDbContext>();
}

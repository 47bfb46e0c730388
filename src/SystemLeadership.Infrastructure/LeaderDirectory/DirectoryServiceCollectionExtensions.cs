using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using SystemLeadership.Infrastructure.Database;

namespace SystemLeadership.Infrastructure.LeaderDirectory;

public static class DirectoryServiceCollectionExtensions
{
    /// <summary>
    /// The public directory (one data source of its own, read as the directory role) and each leader's consent to it
    /// (scoped like the tenant they act for).
    /// </summary>
    public static IServiceCollection AddLeaderDirectory(this IServiceCollection services, string appConnectionString, DatabaseRoles roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new PublicDirectory(NpgsqlDataSource.Create(appConnectionString), roles.Directory, sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<DirectoryListingService>();
        services.AddScoped<SupportEnquiries>();
        return services;
    }
}

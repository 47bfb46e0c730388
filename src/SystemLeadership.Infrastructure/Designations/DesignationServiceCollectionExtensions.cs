using Microsoft.Extensions.DependencyInjection;

namespace SystemLeadership.Infrastructure.Designations;

public static class DesignationServiceCollectionExtensions
{
    /// <summary>The one place pages and endpoints ask who sees which application and designation; scoped like the tenant.</summary>
    public static IServiceCollection AddDesignationViews(this IServiceCollection services)
    {
        services.AddScoped<ApplicationViews>();
        services.AddScoped<DesignationViews>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace SystemLeadership.Infrastructure.Schools;

public static class SchoolServiceCollectionExtensions
{
    /// <summary>GIAS school data: look-ups for forms and the College's extract upload. National data, no tenant.</summary>
    public static IServiceCollection AddSchools(this IServiceCollection services)
    {
        services.AddScoped<SchoolLookup>();
        services.AddScoped<SchoolImports>();
        return services;
    }
}

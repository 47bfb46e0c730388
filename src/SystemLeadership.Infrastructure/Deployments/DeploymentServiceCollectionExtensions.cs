using Microsoft.Extensions.DependencyInjection;

namespace SystemLeadership.Infrastructure.Deployments;

public static class DeploymentServiceCollectionExtensions
{
    /// <summary>Visits, the broker's changes, and who sees which deployment; scoped like the tenant.</summary>
    public static IServiceCollection AddDeployments(this IServiceCollection services)
    {
        services.AddScoped<DeploymentService>();
        services.AddScoped<VisitService>();
        services.AddScoped<DeploymentViews>();
        services.AddScoped<DeploymentGrid>();
        services.AddScoped<VisitGrid>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace SystemLeadership.Infrastructure.Evaluations;

public static class EvaluationServiceCollectionExtensions
{
    /// <summary>Quality assurance of deployments: objective reviews, the Deployment Evaluation, QA reviews and the leader's record; scoped like the tenant.</summary>
    public static IServiceCollection AddEvaluations(this IServiceCollection services)
    {
        services.AddScoped<QualityAssuranceService>();
        return services;
    }
}

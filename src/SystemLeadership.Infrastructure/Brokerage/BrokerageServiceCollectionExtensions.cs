using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Infrastructure.Reimbursement;

namespace SystemLeadership.Infrastructure.Brokerage;

public static class BrokerageServiceCollectionExtensions
{
    /// <summary>Commission, brokerage, deployment and reimbursement services; scoped like the tenant they act for.</summary>
    public static IServiceCollection AddBrokerage(this IServiceCollection services)
    {
        services.AddScoped<CommissionService>();
        services.AddScoped<FindLeaders>();
        services.AddScoped<NetworkService>();
        services.AddScoped<ProposalService>();
        services.AddScoped<LeaderProfileService>();
        services.AddScoped<DeploymentService>();
        services.AddScoped<VisitService>();
        services.AddScoped<QualityAssuranceService>();
        services.AddScoped<DeploymentViews>();
        services.AddScoped<BrokerageViews>();
        services.AddScoped<ClaimService>();
        services.AddScoped<GenerateClaims>();
        services.AddScoped<ClaimViews>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace SystemLeadership.Infrastructure.Brokerage;

public static class BrokerageServiceCollectionExtensions
{
    /// <summary>Support requests, finding leaders, networks, proposals and leader profiles, with their views; scoped like the tenant.</summary>
    public static IServiceCollection AddBrokerage(this IServiceCollection services)
    {
        services.AddScoped<CommissionService>();
        services.AddScoped<CommissionGrid>();
        services.AddScoped<FindLeaders>();
        services.AddScoped<NetworkService>();
        services.AddScoped<PartnershipService>();
        services.AddScoped<PoolAskService>();
        services.AddScoped<ProposalService>();
        services.AddScoped<LeaderProfileService>();
        services.AddScoped<BrokerageViews>();
        return services;
    }
}

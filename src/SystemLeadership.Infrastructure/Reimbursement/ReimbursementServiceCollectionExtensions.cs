using Microsoft.Extensions.DependencyInjection;

namespace SystemLeadership.Infrastructure.Reimbursement;

public static class ReimbursementServiceCollectionExtensions
{
    /// <summary>Claims generated per school per term, moved through their table, and who sees which; scoped like the tenant.</summary>
    public static IServiceCollection AddReimbursement(this IServiceCollection services)
    {
        services.AddScoped<GenerateClaims>();
        services.AddScoped<ClaimService>();
        services.AddScoped<PartnerClaimService>();
        services.AddScoped<ClaimViews>();
        services.AddScoped<JpdSessionService>();
        return services;
    }
}

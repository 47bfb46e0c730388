using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Infrastructure.Accounts;

namespace SystemLeadership.Infrastructure.Onboarding;

public static class OnboardingServiceCollectionExtensions
{
    /// <summary>Bringing an alliance's existing leaders in from its spreadsheet, with an invitation for each new account.</summary>
    public static IServiceCollection AddOnboarding(this IServiceCollection services)
    {
        services.AddScoped<IAccountInvitations, IdentityAccountInvitations>();
        services.AddScoped<LeaderImport>();
        return services;
    }
}

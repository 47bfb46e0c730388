using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SystemLeadership.Infrastructure.Evidence;
using SystemLeadership.Infrastructure.Health;
using SystemLeadership.Infrastructure.Telemetry;

namespace SystemLeadership.Infrastructure.Designations;

public static class DesignationServiceCollectionExtensions
{
    /// <summary>
    /// Applications, references, interviews, designations, schemes and evidence, with the views pages and downloads ask
    /// (scoped like the tenant they act for), and the scheduler for reminders, lapses and expiry (or just resolvable
    /// when it should not run on this node).
    /// </summary>
    public static IServiceCollection AddDesignations(this IServiceCollection services, bool runScheduler)
    {
        services.AddScoped<ApplicationService>();
        services.AddScoped<NlgCommitments>();
        services.AddScoped<ReferenceService>();
        services.AddScoped<InterviewService>();
        services.AddScoped<DesignationService>();
        services.AddScoped<NationalRegister>();
        services.AddScoped<AllianceRegister>();
        services.AddScoped<SchemeService>();
        services.AddScoped<EvidenceService>();
        services.AddScoped<ApplicationViews>();
        services.AddScoped<ApplicationGrid>();
        services.AddScoped<DesignationViews>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SchedulerHeartbeat>();
        ProductMetrics.AddTo(services);
        if (runScheduler) services.AddHostedService<DesignationScheduler>();
        else services.AddSingleton<DesignationScheduler>();
        return services;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SystemLeadership.Infrastructure.Health;

public static class HealthCheckBuilderExtensions
{
    /// <summary>Checks answered by /health/ready (besides the database): tagged so.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// The outbox backlog and, when the scheduler runs on this node, its heartbeat. Needs the tenant-less
    /// <c>IDbContextFactory&lt;AppDbContext&gt;</c> (AddTenancy) and AddDesignations (the heartbeat).
    /// </summary>
    public static IHealthChecksBuilder AddSystemLeadershipReadiness(this IHealthChecksBuilder builder, IConfiguration configuration, bool schedulerRuns)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<ReadinessOptions>(configuration.GetSection(ReadinessOptions.SectionName));
        builder.AddCheck<OutboxBacklogHealthCheck>("outbox", HealthStatus.Degraded, [ReadyTag]);
        if (schedulerRuns) builder.AddCheck<SchedulerHealthCheck>("scheduler", HealthStatus.Degraded, [ReadyTag]);
        return builder;
    }
}

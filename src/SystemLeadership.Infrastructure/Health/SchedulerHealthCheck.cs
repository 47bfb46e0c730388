using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SystemLeadership.Infrastructure.Designations;

namespace SystemLeadership.Infrastructure.Health;

/// <summary>Degraded when this node's designation scheduler has not finished a run for more than a few of its intervals.</summary>
public sealed class SchedulerHealthCheck(SchedulerHeartbeat heartbeat, TimeProvider clock, IOptions<ReadinessOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var allowed = DesignationScheduler.Interval * options.Value.SchedulerMissedIntervals;
        var silent = clock.GetUtcNow() - heartbeat.LastRun;
        var data = new Dictionary<string, object> { ["lastRun"] = heartbeat.HasRun ? heartbeat.LastRun.ToString("O") : "not yet" };
        return Task.FromResult(silent > allowed
            ? HealthCheckResult.Degraded($"The designation scheduler has not completed a run for {silent.TotalMinutes:0} minutes", data: data)
            : HealthCheckResult.Healthy("The designation scheduler is running", data));
    }
}

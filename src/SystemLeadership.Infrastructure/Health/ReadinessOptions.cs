namespace SystemLeadership.Infrastructure.Health;

/// <summary>Configuration section "Health": when /health/ready reports Degraded.</summary>
public sealed class ReadinessOptions
{
    public const string SectionName = "Health";

    /// <summary>An unsent email older than this counts towards the backlog.</summary>
    public TimeSpan OutboxBacklogAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>More than this many such emails: Degraded.</summary>
    public int OutboxBacklogThreshold { get; set; } = 10;

    /// <summary>The scheduler silent for more than this many of its intervals: Degraded.</summary>
    public int SchedulerMissedIntervals { get; set; } = 3;
}

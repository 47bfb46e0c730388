namespace SystemLeadership.Infrastructure.Email;

/// <summary>Bound from the "Outbox" configuration section.</summary>
public sealed class OutboxSenderOptions
{
    public const string SectionName = "Outbox";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    public int BatchSize { get; set; } = 20;
}

namespace SystemLeadership.Infrastructure.Email;

/// <summary>Bound from the "Outbox" configuration section.</summary>
public sealed class OutboxSenderOptions
{
    public const string SectionName = "Outbox";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How long an email may show "sending" with no sender holding it before it is marked in doubt. Only covers the
    /// moment between committing "sending" and locking the row for the send; a live sender holds the lock throughout.
    /// </summary>
    public TimeSpan InDoubtAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The role the sender steps into to read and mark every tenant's emails: Database:MailerRole, not this section.</summary>
    public string MailerRole { get; set; } = Database.DatabaseSetup.MailerRole;
}

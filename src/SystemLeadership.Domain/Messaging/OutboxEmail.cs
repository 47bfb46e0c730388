namespace SystemLeadership.Domain.Messaging;

/// <summary>
/// An email waiting to be sent. Written in the same transaction as the change that causes it, so a crash
/// between the change and the send loses nothing. A system table: the sender works across tenants.
/// </summary>
public sealed class OutboxEmail
{
    private OutboxEmail() { }

    public OutboxEmail(string to, string subject, string textBody, DateTimeOffset createdAt, Guid? tenantId = null)
    {
        if (string.IsNullOrWhiteSpace(to)) throw new ArgumentException("An email needs a recipient.", nameof(to));
        Id = Guid.NewGuid();
        To = to.Trim();
        Subject = subject;
        TextBody = textBody;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
        TenantId = tenantId;
    }

    public Guid Id { get; private set; }
    public Guid? TenantId { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public string? LastError { get; private set; }

    public const int MaxAttempts = 8;

    public bool GaveUp => SentAt is null && Attempts >= MaxAttempts;

    public void MarkSent(DateTimeOffset at)
    {
        SentAt = at;
        Attempts++;
        LastError = null;
    }

    /// <summary>Exponential back-off: 1, 2, 4 … minutes, so a mail server that is down for a while is not hammered.</summary>
    public void MarkFailed(DateTimeOffset at, string error)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        NextAttemptAt = at.AddMinutes(Math.Pow(2, Attempts - 1));
    }
}

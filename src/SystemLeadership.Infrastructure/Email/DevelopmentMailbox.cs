using SystemLeadership.Domain.Messaging;

namespace SystemLeadership.Infrastructure.Email;

/// <summary>
/// Used when no SMTP host is configured: "sending" succeeds and does nothing, so the email is marked sent and stays
/// readable in the outbox table for the /dev/mail page.
/// </summary>
public sealed class DevelopmentMailbox : IEmailTransport
{
    public Task SendAsync(OutboxEmail email, CancellationToken ct) => Task.CompletedTask;
}

using SystemLeadership.Domain.Messaging;

namespace SystemLeadership.Infrastructure.Email;

/// <summary>
/// Used when no SMTP host is configured: "sending" succeeds and does nothing, so the email is marked sent and stays
/// readable, links and all, in the outbox table for the /dev/mail page (or an operator without a mail server). Nothing
/// was delivered, so nothing is removed from it (<see cref="Delivers"/>).
/// </summary>
public sealed class DevelopmentMailbox : IEmailTransport
{
    public Task SendAsync(OutboxEmail email, CancellationToken ct) => Task.CompletedTask;

    public bool Delivers => false;
}

using SystemLeadership.Domain.Messaging;

namespace SystemLeadership.Infrastructure.Email;

/// <summary>
/// The one seam to the mail server, which lies outside the product. Throwing means "not sent": the outbox
/// records the failure and tries again later.
/// </summary>
public interface IEmailTransport
{
    Task SendAsync(OutboxEmail email, CancellationToken ct);

    /// <summary>
    /// Whether a sent email has left for its recipient, so the outbox may forget its links (<see cref="OutboxEmail.MarkSent"/>).
    /// False for the development mailbox, where the outbox row is the only copy anyone can read.
    /// </summary>
    bool Delivers => true;
}

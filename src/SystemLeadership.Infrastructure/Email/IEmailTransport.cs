using SystemLeadership.Domain.Messaging;

namespace SystemLeadership.Infrastructure.Email;

/// <summary>
/// The one seam to the mail server, which lies outside the product. Throwing means "not sent": the outbox
/// records the failure and tries again later.
/// </summary>
public interface IEmailTransport
{
    Task SendAsync(OutboxEmail email, CancellationToken ct);
}

using SystemLeadership.Domain.Messaging;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Email;

/// <summary>
/// Queues an email on the caller's context only: it is saved by the caller's SaveChanges, in the same transaction as
/// the change that causes it, so either both happen or neither does.
/// </summary>
public static class Outbox
{
    public static OutboxEmail Enqueue(AppDbContext db, string to, string subject, string textBody, Guid? tenantId = null, TimeProvider? clock = null)
    {
        var email = new OutboxEmail(to, subject, textBody, (clock ?? TimeProvider.System).GetUtcNow(), tenantId);
        db.Outbox.Add(email);
        return email;
    }
}

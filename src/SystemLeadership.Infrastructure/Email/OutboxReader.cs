using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Messaging;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Email;

/// <summary>
/// The outbox for the host's own needs: account emails that belong to no tenant and no other change (Identity's
/// confirmation and reset links), and the newest emails for the development mailbox page (Development only).
/// </summary>
public sealed class OutboxReader(TenantDbContextFactory contexts, TimeProvider clock)
{
    /// <summary>An email of its own, outside any tenant, saved at once.</summary>
    public async Task EnqueueAccountEmailAsync(string to, string subject, string body, CancellationToken ct = default)
    {
        await using var db = contexts.WithoutTenant();
        Outbox.Enqueue(db, to, subject, body, tenantId: null, clock);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<OutboxEmail>> NewestAsync(int count, CancellationToken ct = default)
    {
        await using var db = contexts.WithoutTenant();
        return await db.Outbox.AsNoTracking().OrderByDescending(e => e.CreatedAt).Take(count).ToListAsync(ct);
    }
}

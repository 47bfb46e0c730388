using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Auditing;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Auditing;

/// <summary>
/// What every state change writes beside the record: its audit entry and its emails, on the caller's context, so one
/// SaveChanges commits all of them or none.
/// </summary>
public sealed class Changes(TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public void Audit(AppDbContext db, Guid tenantId, string entityType, Guid entityId, Actor actor, string action,
        string? from, string? to, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry(tenantId, entityType, entityId, action, from, to, actor.UserId, actor.Name, clock.GetUtcNow(),
            detail is { Length: > 4000 } ? detail[..4000] : detail));

    public void Email(AppDbContext db, Guid tenantId, string to, string subject, string body) =>
        Outbox.Enqueue(db, to, subject, body, tenantId, clock);

    /// <summary>A templated email, to each of its recipients.</summary>
    public void Send(AppDbContext db, Guid tenantId, EmailMessage email)
    {
        foreach (var to in email.Recipients) Email(db, tenantId, to, email.Subject, email.Body);
    }

    /// <summary>
    /// Saves, turning a lost race (a concurrency token that moved, a unique key a racing insert took first, a
    /// serialization failure or deadlock) into the "changed by someone else" people see.
    /// </summary>
    public static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (DatabaseConflicts.IsConflict(e))
        {
            throw new StaleException();
        }
    }

    /// <summary>The tenant's alliance managers' addresses, for "something needs you" emails.</summary>
    public static async Task<IReadOnlyList<string>> ManagerEmailsAsync(AppDbContext db, CancellationToken ct) =>
        await db.Memberships.Where(m => (m.Roles & TenantRoles.AllianceManager) == TenantRoles.AllianceManager)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email)
            .OfType<string>().ToListAsync(ct);

    /// <summary>The System actor for scheduled work.</summary>
    public static readonly Actor System = new("system", "SystemLeadership (scheduled)", "", TenantRoles.None);
}

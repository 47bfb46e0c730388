using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Auditing;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Auditing;

/// <summary>
/// The one recorder of a state change: what every use case writes beside its record — the audit entry, the outbox
/// emails, the activity-feed entry with its audiences — on the use case's own context, so one SaveChanges (one
/// transaction) commits all of them or none. The tenant is the context's, or the one given for a cross-tenant write.
/// </summary>
public sealed class ChangeRecorder(AppDbContext db, TimeProvider clock, Guid? tenantId = null)
{
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public DateOnly Today => UkTime.Day(Now);

    public Guid TenantId => tenantId ?? db.TenantId ?? throw new InvalidOperationException("No tenant is selected.");

    /// <summary>A recorder on another tenant's context in the same change (a step of a cross-tenant write), on the same clock.</summary>
    public ChangeRecorder On(AppDbContext other) => new(other, clock);

    public void Audit(string entityType, Guid entityId, Actor actor, string action, string? from, string? to, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry(TenantId, entityType, entityId, action, from, to, actor.UserId, actor.Name, Now,
            detail is { Length: > 4000 } ? detail[..4000] : detail));

    /// <summary>
    /// A templated email into the outbox, one row for each of its recipients (blanks and repeats left out). The only way
    /// a change sends email: every text lives in a template beside its feature (VisitEmails, ClaimEmails, …).
    /// </summary>
    public void Send(EmailMessage email)
    {
        foreach (var address in email.Recipients) Outbox.Enqueue(db, address, email.Subject, email.Body, TenantId, clock);
    }

    public void Activity(Guid commissionId, Guid? proposalId, Guid? deploymentId, Audience audiences, string text, Actor actor) =>
        db.Set<ActivityEntry>().Add(new ActivityEntry(TenantId, commissionId, proposalId, deploymentId, audiences, text, actor.Name, Now));

    /// <summary>The tenant's alliance managers' addresses: brokers are told of every step that needs them.</summary>
    public Task<IReadOnlyList<string>> BrokerEmailsAsync(CancellationToken ct) => ManagerEmailsAsync(db, ct);

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

    /// <summary>
    /// Saves a change that carries a request key, unless the unique index <paramref name="requestKeyIndex"/> says the
    /// same request was saved already (a post sent twice at once): then nothing is written and the answer is false.
    /// </summary>
    private static async Task<bool> SaveUnlessDoneAsync(AppDbContext db, string requestKeyIndex, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } p && p.ConstraintName == requestKeyIndex)
        {
            return false;
        }
        catch (Exception e) when (DatabaseConflicts.IsConflict(e))
        {
            throw new StaleException();
        }
    }

    /// <summary>
    /// Saves a record made by a keyed form. When the key was taken (the same form sent again after an error whose
    /// answer was lost, or pressed twice at once) this sending wrote nothing, and the record the first one saved is
    /// the answer, unless the form was changed since (other details typed after an error): that is refused with
    /// <paramref name="refusal"/>, not silently taken for the first.
    /// </summary>
    public static async Task<T> SaveOrFindAsync<T>(AppDbContext db, string requestKeyIndex, T created,
        Expression<Func<T, bool>> sentBefore, Func<T, bool> sameDetails, Func<T, string> refusal, CancellationToken ct) where T : class
    {
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("A keyed form is saved in its own transaction: after a taken key, an open one could read nothing more.");
        if (await SaveUnlessDoneAsync(db, requestKeyIndex, ct)) return created;
        // This sending's unsaved records are dropped, so the read below is a plain read (retried if the connection fails).
        db.ChangeTracker.Clear();
        var first = await db.Set<T>().AsNoTracking().SingleAsync(sentBefore, ct);
        return sameDetails(first) ? first : throw new NotAllowedException(refusal(first));
    }

    /// <summary>The tenant's alliance managers' addresses, for "something needs you" emails.</summary>
    public static async Task<IReadOnlyList<string>> ManagerEmailsAsync(AppDbContext db, CancellationToken ct) =>
        await db.Memberships.Where(m => (m.Roles & TenantRoles.AllianceManager) == TenantRoles.AllianceManager)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.Email)
            .OfType<string>().ToListAsync(ct);

    public static void RequireBroker(Actor actor)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) throw new NotAllowedException("Only the alliance's broker can do that.");
    }

    /// <summary>The current tenant's slug, for links in emails.</summary>
    public static async Task<string> SlugAsync(AppDbContext db, CancellationToken ct) =>
        await db.Tenants.AsNoTracking().Where(t => t.Id == db.TenantId).Select(t => t.Slug).FirstAsync(ct);

    /// <summary>The System actor for scheduled work.</summary>
    public static readonly Actor System = new("system", "SystemLeadership (scheduled)", "", TenantRoles.None);
}

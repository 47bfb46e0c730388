using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Auditing;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>
/// What every brokerage step writes beside its record, on the same context so one SaveChanges commits them together:
/// the audit entry, the outbox emails and the activity-feed entry with its audiences.
/// </summary>
internal sealed class BrokerageRecorder(AppDbContext db, TimeProvider clock)
{
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public Guid TenantId => db.TenantId ?? throw new InvalidOperationException("No tenant is selected.");

    public void Audit(string entityType, Guid entityId, Actor actor, string action, string? from, string? to, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry(TenantId, entityType, entityId, action, from, to, actor.UserId, actor.Name, Now, detail));

    public void Email(string? to, string subject, string body)
    {
        if (string.IsNullOrWhiteSpace(to)) return;
        Outbox.Enqueue(db, to, subject, body, TenantId, clock);
    }

    /// <summary>A templated email, to each of its recipients.</summary>
    public void Send(EmailMessage email) => EmailAll(email.Recipients, email.Subject, email.Body);

    public void EmailAll(IEnumerable<string?> to, string subject, string body)
    {
        foreach (var address in to.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.OrdinalIgnoreCase)) Email(address, subject, body);
    }

    public void Activity(Guid commissionId, Guid? proposalId, Guid? deploymentId, Audience audiences, string text, Actor actor) =>
        db.Set<ActivityEntry>().Add(new ActivityEntry(TenantId, commissionId, proposalId, deploymentId, audiences, text, actor.Name, Now));

    /// <summary>The tenant's alliance managers' addresses: brokers are told of every step that needs them.</summary>
    public Task<IReadOnlyList<string>> BrokerEmailsAsync(CancellationToken ct) => Changes.ManagerEmailsAsync(db, ct);

    public static Task SaveAsync(AppDbContext db, CancellationToken ct) => Changes.SaveAsync(db, ct);

    public static void RequireBroker(Actor actor)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) throw new NotAllowedException("Only the alliance's broker can do that.");
    }

    /// <summary>The current tenant's slug, for links in emails.</summary>
    public static async Task<string> SlugAsync(AppDbContext db, CancellationToken ct) =>
        await db.Tenants.AsNoTracking().Where(t => t.Id == db.TenantId).Select(t => t.Slug).FirstAsync(ct);
}

/// <summary>Links for brokerage emails, built on the configured base address.</summary>
public static class BrokerageLinks
{
    public static string Commission(this AppLinks links, string tenantSlug, Guid id) => $"{links.BaseUrl}/t/{tenantSlug}/commissions/{id}";
    public static string Proposal(this AppLinks links, string tenantSlug, Guid id) => $"{links.BaseUrl}/t/{tenantSlug}/proposals/{id}";
    public static string Deployment(this AppLinks links, string tenantSlug, Guid id) => $"{links.BaseUrl}/t/{tenantSlug}/deployments/{id}";
    public static string Claim(this AppLinks links, string tenantSlug, Guid id) => $"{links.BaseUrl}/t/{tenantSlug}/claims/{id}";
}

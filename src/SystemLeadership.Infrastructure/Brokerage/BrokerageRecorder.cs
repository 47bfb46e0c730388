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

    public void EmailAll(IEnumerable<string?> to, string subject, string body)
    {
        foreach (var address in to.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.OrdinalIgnoreCase)) Email(address, subject, body);
    }

    public void Activity(Guid commissionId, Guid? proposalId, Guid? deploymentId, Audience audiences, string text, Actor actor) =>
        db.Set<ActivityEntry>().Add(new ActivityEntry(TenantId, commissionId, proposalId, deploymentId, audiences, text, actor.Name, Now));

    /// <summary>The tenant's alliance managers' addresses: brokers are told of every step that needs them.</summary>
    public Task<IReadOnlyList<string>> BrokerEmailsAsync(CancellationToken ct) => Changes.ManagerEmailsAsync(db, ct);

    public static Task SaveAsync(AppDbContext db, CancellationToken ct) => Changes.SaveAsync(db, ct);
}

/// <summary>The parts a person plays, worked out from the records: nobody is trusted to say who they are.</summary>
public static class Parties
{
    public static bool SameEmail(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && string.Equals(a.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<BrokerageRole> On(Commission commission, Actor actor)
    {
        List<BrokerageRole> roles = [];
        if (actor.Is(TenantRoles.AllianceManager)) roles.Add(BrokerageRole.Broker);
        if (commission.RaisedByUserId == actor.UserId) roles.Add(BrokerageRole.Requester);
        if (SameEmail(commission.SupportedSchoolContactEmail, actor.Email)) roles.Add(BrokerageRole.SupportedSchool);
        if (SameEmail(commission.CommissionerEmail, actor.Email)) roles.Add(BrokerageRole.Commissioner);
        return roles;
    }

    public static IReadOnlyList<BrokerageRole> On(Proposal proposal, Commission commission, Actor actor)
    {
        var roles = On(commission, actor).ToList();
        if (proposal.LeaderUserId == actor.UserId) roles.Add(BrokerageRole.Leader);
        if (SameEmail(proposal.HeadteacherEmail, actor.Email)) roles.Add(BrokerageRole.LeaderHeadteacher);
        return roles;
    }

    public static Audience AudienceOf(IEnumerable<BrokerageRole> roles) => roles.Aggregate(Audience.None, (a, r) => a | r switch
    {
        BrokerageRole.Broker => Audience.Broker,
        BrokerageRole.Leader => Audience.Leader,
        BrokerageRole.LeaderHeadteacher => Audience.LeaderHeadteacher,
        BrokerageRole.SupportedSchool => Audience.SupportedSchool,
        BrokerageRole.Commissioner => Audience.Commissioner,
        _ => Audience.None,
    });
}

/// <summary>Links for brokerage emails, built on the configured base address.</summary>
public static class BrokerageLinks
{
    public static string Commission(this AppLinks links, string tenantSlug, Guid id) => $"{links.BaseUrl}/t/{tenantSlug}/commissions/{id}";
    public static string Proposal(this AppLinks links, string tenantSlug, Guid id) => $"{links.BaseUrl}/t/{tenantSlug}/proposals/{id}";
    public static string Deployment(this AppLinks links, string tenantSlug, Guid id) => $"{links.BaseUrl}/t/{tenantSlug}/deployments/{id}";
    public static string Claim(this AppLinks links, string tenantSlug, Guid id) => $"{links.BaseUrl}/t/{tenantSlug}/claims/{id}";
}

/// <summary>Agreeing would take the leader over the days their school can spare in a term.</summary>
public sealed class NotEnoughCapacityException(string message) : InvalidOperationException(message);

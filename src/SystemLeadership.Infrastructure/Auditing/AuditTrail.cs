using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Auditing;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Grids;

namespace SystemLeadership.Infrastructure.Auditing;

/// <summary>What a manager filters the audit trail by; every field travels in the page's address.</summary>
public sealed record AuditFilter(string? Kind = null, string? Search = null);

/// <summary>A kind of record in the trail: its name, and the segment of its page's path if it has one.</summary>
public sealed record AuditKind(string Name, string? Page);

/// <summary>One line of the audit trail: who did what to which record, when.</summary>
public sealed record AuditRow(Guid Id, DateTimeOffset At, string ActorName, string EntityType, Guid EntityId, string Action, string? FromState,
    string? ToState, string? Detail);

/// <summary>
/// The alliance's audit trail for its managers: every change to every record, the latest first (a large alliance writes
/// tens of thousands a year), filtered, sorted and paged in SQL. Null for anyone but an alliance manager.
/// </summary>
public sealed class AuditTrail(TenantDbContextFactory contexts)
{
    public static readonly IReadOnlyList<string> Sorts = ["at", "who", "kind"];

    /// <summary>
    /// The kinds of record a change can be to, as stored, with the name a person reads and, for a record with a page of
    /// its own, the alliance's path to it (/t/{slug}/{page}/{id}).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, AuditKind> Kinds = new Dictionary<string, AuditKind>
    {
        ["Application"] = new("Application", "applications"),
        ["Designation"] = new("Designation", "designations"),
        ["Scheme"] = new("Scheme", null),
        ["Membership"] = new("Membership", null),
        ["Commission"] = new("Support request", "commissions"),
        ["Proposal"] = new("Proposal", "proposals"),
        ["Deployment"] = new("Deployment", "deployments"),
        ["Visit"] = new("Visit", null),
        ["VisitEvaluation"] = new("Visit evaluation", null),
        ["DeploymentEvaluation"] = new("Deployment evaluation", null),
        ["ObjectiveReview"] = new("Objective review", null),
        ["QaReview"] = new("Quality-assurance review", null),
        ["Claim"] = new("Claim", "claims"),
        ["PartnerClaim"] = new("Partner claim", null),
        ["LeaderProfile"] = new("Leader's profile", null),
        ["AwayPeriod"] = new("Time away", null),
        ["CapacityCommitment"] = new("Capacity", null),
        ["SchoolCapacity"] = new("School's capacity", null),
        ["JpdSession"] = new("JPD session", null),
        ["LeaderNetwork"] = new("Network", null),
        ["NetworkInvitation"] = new("Network invitation", null),
        ["PoolAsk"] = new("Pool request", null),
        ["ProfessionalPartnership"] = new("Professional partnership", "partnerships"),
        ["DirectoryListing"] = new("Directory listing", null),
        ["SupportEnquiry"] = new("Support enquiry", null),
    };

    /// <summary>The name a person reads for a kind of record (a kind not listed reads as stored).</summary>
    public static string KindName(string entityType) => Kinds.TryGetValue(entityType, out var kind) ? kind.Name : entityType;

    /// <summary>The download's columns: the page's, with the time in UK time.</summary>
    public static readonly IReadOnlyList<ExportColumn<AuditRow>> Columns =
    [
        new("When (UK time)", r => Domain.Common.UkTime.Local(r.At)),
        new("Who", r => r.ActorName),
        new("Record", r => KindName(r.EntityType)),
        new("Record id", r => r.EntityId),
        new("What", r => r.Action),
        new("From", r => r.FromState),
        new("To", r => r.ToState),
        new("Detail", r => r.Detail),
    ];

    public async Task<PageOf<AuditRow>?> PageAsync(Actor actor, AuditFilter filter, PageRequest page, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        return await Query(db, filter, page.Sort, page.Descending).ToPageAsync(page, ct);
    }

    /// <summary>Every change the filter matches, in the trail's order, for a download (see <see cref="TableExport.ReadLimit"/>).</summary>
    public async Task<IReadOnlyList<AuditRow>?> ExportAsync(Actor actor, AuditFilter filter, string? sort, bool descending, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        return await Query(db, filter, sort, descending).Take(TableExport.ReadLimit).ToListAsync(ct);
    }

    private static IQueryable<AuditRow> Query(AppDbContext db, AuditFilter filter, string? sort, bool descending)
    {
        // A draft application is its applicant's alone (the managers' grid leaves drafts out): so are its changes.
        var rows = db.AuditEntries.AsNoTracking().Where(a => a.EntityType != "Application"
            || !db.Applications.Any(x => x.Id == a.EntityId && x.State == Domain.Designations.ApplicationState.Draft));
        if (!string.IsNullOrWhiteSpace(filter.Kind)) rows = rows.Where(a => a.EntityType == filter.Kind);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = LikePattern.Containing(filter.Search);
            rows = rows.Where(a => EF.Functions.ILike(a.ActorName, pattern) || EF.Functions.ILike(a.Action, pattern)
                                   || (a.Detail != null && EF.Functions.ILike(a.Detail, pattern)));
        }
        // The latest first unless asked otherwise; each order ends on the id, so pages never repeat or skip a row.
        var ordered = (sort, descending) switch
        {
            ("who", false) => rows.OrderBy(a => a.ActorName).ThenByDescending(a => a.At),
            ("who", true) => rows.OrderByDescending(a => a.ActorName).ThenByDescending(a => a.At),
            ("kind", false) => rows.OrderBy(a => a.EntityType).ThenByDescending(a => a.At),
            ("kind", true) => rows.OrderByDescending(a => a.EntityType).ThenByDescending(a => a.At),
            ("at", false) => rows.OrderBy(a => a.At),
            _ => rows.OrderByDescending(a => a.At),
        };
        return ordered.ThenBy(a => a.Id)
            .Select(a => new AuditRow(a.Id, a.At, a.ActorName, a.EntityType, a.EntityId, a.Action, a.FromState, a.ToState, a.Detail));
    }
}

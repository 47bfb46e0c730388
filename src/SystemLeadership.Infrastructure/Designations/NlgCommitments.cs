using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>An active NLG designation and the year of it that holds today, against the 10–20 days committed.</summary>
public sealed record NlgYear(Guid DesignationId, string HolderName, CommitmentYear Year);

/// <summary>
/// The NLG's commitment (003 §5: 10 to 20 days a year) against the days delivered: days logged from visit records on
/// deployments made under the NLG designation, and the days those deployments still have agreed. Read by the
/// designation page, the College's overview, and the scheduler that warns the College when a year will end under 10.
/// </summary>
public sealed class NlgCommitments(TenantDbContextFactory contexts, TimeProvider clock)
{
    /// <summary>The tenant's active NLGs, each with this year's commitment; its managers only (the College's administrators in the College).</summary>
    public async Task<IReadOnlyList<NlgYear>> ForManagersAsync(Actor manager, CancellationToken ct = default)
    {
        if (!manager.Is(TenantRoles.AllianceManager)) return [];
        await using var db = contexts.CreateDbContext();
        return await YearsAsync(db, UkTime.Today(clock), null, ct);
    }

    /// <summary>The College's own NLGs, for its overview; the caller has checked the College administrator role.</summary>
    public async Task<IReadOnlyList<NlgYear>> ForCollegeAsync(CancellationToken ct = default)
    {
        Guid college;
        await using (var national = contexts.NationalRegister())
        {
            college = await national.Tenants.AsNoTracking().Where(t => t.Slug == Tenant.CollegeSlug).Select(t => t.Id).FirstOrDefaultAsync(ct);
        }
        if (college == Guid.Empty) return [];
        await using var db = contexts.ForTenant(college);
        return await YearsAsync(db, UkTime.Today(clock), null, ct);
    }

    /// <summary>One designation's year, or null when it is not an active NLG designation here.</summary>
    public async Task<NlgYear?> ForDesignationAsync(Guid designationId, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        return (await YearsAsync(db, UkTime.Today(clock), designationId, ct)).SingleOrDefault();
    }

    internal static async Task<List<NlgYear>> YearsAsync(AppDbContext db, DateOnly today, Guid? only, CancellationToken ct)
    {
        var nlgs = db.Designations.AsNoTracking().Where(d => d.Type == DesignationType.NationalLeaderOfGovernance && d.State == DesignationState.Active);
        if (only is { } id) nlgs = nlgs.Where(d => d.Id == id);
        var designations = await nlgs.OrderBy(d => d.HolderName).Select(d => new { d.Id, d.HolderName, d.StartDate }).ToListAsync(ct);
        if (designations.Count == 0) return [];
        var ids = designations.Select(d => d.Id).ToList();
        var earliest = designations.Min(d => NlgCommitment.YearHolding(d.StartDate, today).Start);
        var delivered = (await (from l in db.Set<DayLogEntry>().AsNoTracking()
                                join d in db.Set<Deployment>().AsNoTracking() on l.DeploymentId equals d.Id
                                // After a change of leader a deployment names the new designation: each day counts for whoever gave it.
                                where ids.Contains(d.DesignationId) && l.LeaderUserId == d.LeaderUserId && l.Date >= earliest
                                select new { d.DesignationId, l.Date, l.HalfDays }).ToListAsync(ct))
            .ToLookup(l => l.DesignationId, l => (l.Date, l.HalfDays));
        var ahead = (await db.Set<Deployment>().AsNoTracking()
                .Where(d => ids.Contains(d.DesignationId) && (d.State == DeploymentState.Active || d.State == DeploymentState.Paused) && d.End >= today)
                .Select(d => new { d.DesignationId, d.Start, d.End, Left = d.AgreedHalfDays - d.LoggedHalfDays }).ToListAsync(ct))
            .ToLookup(d => d.DesignationId, d => new DaysAhead(d.Start, d.End, d.Left));
        return designations.Select(d => new NlgYear(d.Id, d.HolderName, NlgCommitment.For(d.StartDate, today, delivered[d.Id], ahead[d.Id]))).ToList();
    }

    /// <summary>The College's administrators' addresses (a global role, readable from any tenant): who is warned.</summary>
    internal static async Task<IReadOnlyList<string>> CollegeAdministratorEmailsAsync(AppDbContext db, CancellationToken ct) =>
        await (from r in db.Roles.AsNoTracking()
               where r.Name == GlobalRoles.CollegeAdministrator
               join ur in db.UserRoles.AsNoTracking() on r.Id equals ur.RoleId
               join u in db.Users.AsNoTracking() on ur.UserId equals u.Id
               where u.Email != null
               select u.Email!).ToListAsync(ct);
}

using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>
/// The broker's search: this tenant's designated leaders and those its networks pool, through the hard filters, then
/// ranked with every factor of the score explained (<see cref="Matching"/>).
/// </summary>
public sealed class FindLeaders(TenantDbContextFactory contexts)
{
    /// <summary>The leaders who pass every hard filter, ranked with their scores explained, and those filtered out with why.</summary>
    public async Task<MatchResult> FindLeadersAsync(Guid commissionId, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        // One connection for the whole search: the tenant is set once, not before each of its statements.
        await db.Database.OpenConnectionAsync(ct);
        var found = await (from c in db.Set<Commission>().AsNoTracking()
                           where c.Id == commissionId
                           join s in db.Schools.AsNoTracking() on c.SchoolUrn equals s.Urn into schools
                           from s in schools.DefaultIfEmpty()
                           select new { Commission = c, s.Trust, s.Easting, s.Northing, s.Phase, Found = s != null }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException();
        var commission = found.Commission;
        var school = found.Found ? new { found.Trust, found.Easting, found.Northing, found.Phase } : null;
        var spread = SchoolTerm.Spread(commission.DesiredStart, commission.PlannedEnd, commission.HalfDays);
        var firstTerm = spread[0].Term;
        var request = new MatchRequest(commission.SchoolUrn, school?.Trust, school?.Easting, school?.Northing,
            commission.Phase ?? school?.Phase, commission.Specialisms, commission.DesignationTypes, commission.SchemeIds,
            commission.PlannedEnd, spread[0].HalfDays);
        var candidates = await CandidatesAsync(db, firstTerm, commission.Specialisms, ct);
        candidates.AddRange(await PooledCandidatesAsync(db, firstTerm, ct));
        return Matching.Find(request, candidates);
    }

    /// <summary>
    /// Leaders other tenants pool through a network this tenant has joined. Lock 1 is lifted for exactly those partner
    /// tenants; lock 2's policy on PooledLeaders lets a network partner read the pooled rows and nothing else of theirs.
    /// </summary>
    private static async Task<List<LeaderCandidate>> PooledCandidatesAsync(AppDbContext db, SchoolTerm term, CancellationToken ct)
    {
        var pooled = await Pooled(db).ToListAsync(ct);
        var urns = pooled.Where(p => p.SchoolUrn is not null).Select(p => p.SchoolUrn!.Value).Distinct().ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => urns.Contains(s.Urn)).ToDictionaryAsync(s => s.Urn, ct);
        return pooled.Select(p =>
        {
            var school = p.SchoolUrn is { } urn ? schools.GetValueOrDefault(urn) : null;
            return p.ToCandidate(term, school?.Easting, school?.Northing, school?.Phase, school?.Trust);
        }).ToList();
    }

    /// <summary>
    /// The pooled leaders of the tenants that share a network with this one now. Lock 1 is lifted for exactly those
    /// partners; lock 2 (the policy on PooledLeaders) allows the same rows and no others.
    /// </summary>
    internal static IQueryable<PooledLeader> Pooled(AppDbContext db)
    {
        var mine = db.TenantId!.Value;
        var networks = db.Set<NetworkMember>().Where(m => m.TenantId == mine).Select(m => m.NetworkId);
        var partners = db.Set<NetworkMember>().Where(m => networks.Contains(m.NetworkId) && m.TenantId != mine).Select(m => m.TenantId);
        return db.Set<PooledLeader>().IgnoreQueryFilters().AsNoTracking().Where(p => partners.Contains(p.TenantId));
    }

    /// <summary>
    /// Builds the search's input from this tenant's designations and leader profiles. Joins Designations on its existing
    /// columns only; the school comes from the leader's profile until designations carry their own.
    /// </summary>
    internal static async Task<List<LeaderCandidate>> CandidatesAsync(AppDbContext db, SchoolTerm term, IReadOnlyList<string> specialisms, CancellationToken ct)
    {
        // The leader's school in the same statement (it was a second one), and only the columns the search reads.
        var rows = await (from d in db.Designations.AsNoTracking()
                          join p in db.Set<LeaderProfile>().AsNoTracking() on d.HolderUserId equals p.UserId
                          join s in db.Schools.AsNoTracking() on p.SchoolUrn equals s.Urn into schools
                          from s in schools.DefaultIfEmpty()
                          select new
                          {
                              Designation = new { d.Id, d.TenantId, d.HolderUserId, d.HolderName, d.Type, d.SchemeId, d.Specialisms, d.EndDate, d.DayRatePence, d.State },
                              Profile = new { p.Id, p.UserId, p.SchoolUrn, p.IsHeadteacher, p.CapacityHalfDaysPerTerm },
                              School = new { Found = s != null, s.Easting, s.Northing, s.Phase, s.Trust },
                          }).ToListAsync(ct);
        var profileIds = rows.Select(r => r.Profile.Id).Distinct().ToList();
        var committed = await db.Set<CapacityCommitment>().AsNoTracking()
            .Where(c => profileIds.Contains(c.LeaderProfileId) && c.TermKey == term.Key)
            .GroupBy(c => c.LeaderProfileId).Select(g => new { g.Key, HalfDays = g.Sum(c => c.HalfDays) })
            .ToDictionaryAsync(g => g.Key, g => g.HalfDays, ct);
        var userIds = rows.Select(r => r.Profile.UserId).Distinct().ToList();
        var ratings = (await db.Set<DeploymentEvaluation>().AsNoTracking().Where(e => userIds.Contains(e.LeaderUserId))
            .Select(e => new { e.LeaderUserId, e.ObjectiveRatings }).ToListAsync(ct))
            .GroupBy(e => e.LeaderUserId).ToDictionary(g => g.Key, g => g.SelectMany(e => e.ObjectiveRatings).ToList());
        var past = await (from d in db.Set<Deployment>().AsNoTracking()
                          join c in db.Set<Commission>().AsNoTracking() on d.CommissionId equals c.Id
                          where userIds.Contains(d.LeaderUserId)
                          select new { d.LeaderUserId, c.Specialisms }).ToListAsync(ct);

        return rows.Select(x =>
        {
            var school = x.School.Found ? x.School : null;
            return new LeaderCandidate(
                x.Designation.Id, x.Designation.TenantId, x.Designation.HolderUserId, x.Designation.HolderName, x.Designation.Type,
                x.Designation.SchemeId, x.Designation.Specialisms, x.Profile.SchoolUrn, school?.Easting, school?.Northing, school?.Phase, school?.Trust,
                // The designation's own rate (its scheme's, head rate for heads) where it has one.
                x.Designation.EndDate, x.Designation.DayRatePence ?? Money.DayRateFor(x.Profile.IsHeadteacher),
                Capacity.Free(x.Profile.CapacityHalfDaysPerTerm, committed.GetValueOrDefault(x.Profile.Id)),
                ratings.GetValueOrDefault(x.Profile.UserId) ?? [],
                past.Count(p => p.LeaderUserId == x.Profile.UserId && p.Specialisms.Intersect(specialisms).Any()),
                IsActive: x.Designation.State == DesignationState.Active);
        }).ToList();
    }
}

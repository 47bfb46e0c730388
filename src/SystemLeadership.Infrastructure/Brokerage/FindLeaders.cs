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
            commission.PlannedEnd, spread[0].HalfDays, commission.DesiredStart, spread);
        var candidates = await CandidatesAsync(db, [.. spread.Select(s => s.Term)], commission.Specialisms, ct,
            (commission.DesiredStart, commission.PlannedEnd));
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
    /// <param name="terms">The terms the support falls in, the first first: free days are counted in each.</param>
    /// <param name="dates">The support's first and last days, for the leaders' calendars (none when only the terms matter).</param>
    internal static async Task<List<LeaderCandidate>> CandidatesAsync(AppDbContext db, IReadOnlyList<SchoolTerm> terms, IReadOnlyList<string> specialisms,
        CancellationToken ct, (DateOnly Start, DateOnly End)? dates = null)
    {
        var term = terms[0];
        var termKeys = terms.Select(t => t.Key).ToList();
        // The leader's school in the same statement (it was a second one), and only the columns the search reads.
        var rows = await (from d in db.Designations.AsNoTracking()
                          join p in db.Set<LeaderProfile>().AsNoTracking() on d.HolderUserId equals p.UserId
                          join s in db.Schools.AsNoTracking() on p.SchoolUrn equals s.Urn into schools
                          from s in schools.DefaultIfEmpty()
                          select new
                          {
                              Designation = new { d.Id, d.TenantId, d.HolderUserId, d.HolderName, d.Type, d.SchemeId, d.Specialisms, d.EndDate, d.DayRatePence, d.State },
                              Profile = new { p.Id, p.UserId, p.SchoolUrn, p.SchoolName, p.IsHeadteacher, p.CapacityHalfDaysPerTerm },
                              School = new { Found = s != null, s.Easting, s.Northing, s.Phase, s.Trust },
                          }).ToListAsync(ct);
        var profileIds = rows.Select(r => r.Profile.Id).Distinct().ToList();
        var committed = (await db.Set<CapacityCommitment>().AsNoTracking()
                .Where(c => profileIds.Contains(c.LeaderProfileId) && termKeys.Contains(c.TermKey))
                .GroupBy(c => new { c.LeaderProfileId, c.TermKey }).Select(g => new { g.Key.LeaderProfileId, g.Key.TermKey, HalfDays = g.Sum(c => c.HalfDays) })
                .ToListAsync(ct))
            .ToLookup(c => c.LeaderProfileId, c => (Term: SchoolTerm.Parse(c.TermKey), c.HalfDays));
        var schoolTimes = await SchoolTimeAsync(db, rows.Select(r => r.Profile.SchoolUrn).Distinct().ToList(), termKeys, ct);
        var away = dates is { } span
            ? (await db.Set<AwayPeriod>().AsNoTracking().Where(a => profileIds.Contains(a.LeaderProfileId) && a.From <= span.End && a.To >= span.Start)
                .Select(a => new { a.LeaderProfileId, a.From, a.To }).ToListAsync(ct)).ToLookup(a => a.LeaderProfileId, a => new DateSpan(a.From, a.To))
            : null;
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
            var schoolTime = schoolTimes.GetValueOrDefault(x.Profile.SchoolUrn);
            var time = new Availability(x.Profile.Id, x.Profile.CapacityHalfDaysPerTerm,
                committed[x.Profile.Id].ToDictionary(c => c.Term, c => c.HalfDays), x.Profile.SchoolName,
                schoolTime?.CapacityHalfDaysPerTerm, schoolTime?.Committed ?? new Dictionary<SchoolTerm, int>(),
                away is null ? [] : [.. away[x.Profile.Id]]);
            return new LeaderCandidate(
                x.Designation.Id, x.Designation.TenantId, x.Designation.HolderUserId, x.Designation.HolderName, x.Designation.Type,
                x.Designation.SchemeId, x.Designation.Specialisms, x.Profile.SchoolUrn, school?.Easting, school?.Northing, school?.Phase, school?.Trust,
                // The designation's own rate (its scheme's, head rate for heads) where it has one.
                x.Designation.EndDate, x.Designation.DayRatePence ?? Money.DayRateFor(x.Profile.IsHeadteacher),
                time.FreeIn(term),
                ratings.GetValueOrDefault(x.Profile.UserId) ?? [],
                past.Count(p => p.LeaderUserId == x.Profile.UserId && p.Specialisms.Intersect(specialisms).Any()),
                IsActive: x.Designation.State == DesignationState.Active,
                Availability: time);
        }).ToList();
    }

    internal sealed record SchoolTime(int CapacityHalfDaysPerTerm, IReadOnlyDictionary<SchoolTerm, int> Committed);

    /// <summary>The schools among these that set a limit of their own, with what is agreed for all their leaders in each of these terms.</summary>
    internal static async Task<Dictionary<int, SchoolTime>> SchoolTimeAsync(AppDbContext db, IReadOnlyList<int> urns, IReadOnlyList<string> termKeys, CancellationToken ct)
    {
        var limits = await db.Set<SchoolCapacity>().AsNoTracking().Where(s => urns.Contains(s.SchoolUrn))
            .Select(s => new { s.SchoolUrn, s.CapacityHalfDaysPerTerm }).ToListAsync(ct);
        if (limits.Count == 0) return [];
        var used = await SchoolAgreedAsync(db, [.. limits.Select(l => l.SchoolUrn)], termKeys, ct);
        return limits.ToDictionary(l => l.SchoolUrn, l => new SchoolTime(l.CapacityHalfDaysPerTerm,
            used.TryGetValue(l.SchoolUrn, out var agreed) ? agreed : new Dictionary<SchoolTerm, int>()));
    }

    /// <summary>
    /// Half days agreed for all the leaders of each of these schools (any leader whose profile names it), term by term:
    /// in these terms, or in every term when none are given.
    /// </summary>
    internal static async Task<Dictionary<int, Dictionary<SchoolTerm, int>>> SchoolAgreedAsync(AppDbContext db, IReadOnlyList<int> urns,
        IReadOnlyList<string>? termKeys, CancellationToken ct)
    {
        var commitments = from c in db.Set<CapacityCommitment>().AsNoTracking()
                          join p in db.Set<LeaderProfile>().AsNoTracking() on c.LeaderProfileId equals p.Id
                          where urns.Contains(p.SchoolUrn)
                          select new { p.SchoolUrn, c.TermKey, c.HalfDays };
        if (termKeys is not null) commitments = commitments.Where(c => termKeys.Contains(c.TermKey));
        var used = await commitments.GroupBy(c => new { c.SchoolUrn, c.TermKey })
            .Select(g => new { g.Key.SchoolUrn, g.Key.TermKey, HalfDays = g.Sum(c => c.HalfDays) }).ToListAsync(ct);
        return used.GroupBy(u => u.SchoolUrn).ToDictionary(g => g.Key, g => g.ToDictionary(u => SchoolTerm.Parse(u.TermKey), u => u.HalfDays));
    }
}

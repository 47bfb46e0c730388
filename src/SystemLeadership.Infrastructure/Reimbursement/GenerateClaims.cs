using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Reimbursement;

/// <summary>
/// How a claim is generated (004: schools are reimbursed for the time their leaders give): for a term, every day logged
/// from a Visit Record and not yet claimed is grouped by the leader's school into one draft claim, each day at the rate
/// agreed for its deployment; the days are marked as claimed so they can never be claimed twice, and whoever acts for
/// each school (<see cref="ClaimParties"/>) is asked to check and submit.
/// </summary>
public sealed class GenerateClaims(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    /// <summary>Draft claims for every school with unclaimed days in the term; days already claimed are never claimed twice.</summary>
    public async Task<IReadOnlyList<Claim>> ForTermAsync(SchoolTerm term, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var entries = await db.Set<DayLogEntry>().Where(l => l.TermKey == term.Key && l.ClaimId == null).ToListAsync(ct);
        var deploymentIds = entries.Select(e => e.DeploymentId).Distinct().ToList();
        var deployments = await db.Set<Deployment>().AsNoTracking().Where(d => deploymentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var slug = await ChangeRecorder.SlugAsync(db, ct);
        List<Claim> claims = [];
        foreach (var school in entries.GroupBy(e => (e.LeaderSchoolUrn, e.LeaderSchoolName)).OrderBy(g => g.Key.LeaderSchoolName, StringComparer.Ordinal))
        {
            var lines = school.Select(e => new ClaimLineInput(e.Id, e.DeploymentId, e.LeaderName, deployments[e.DeploymentId].SchoolName, e.Date, e.HalfDays, e.DayRatePence)).ToList();
            var claim = new Claim(r.TenantId, school.Key.LeaderSchoolUrn, school.Key.LeaderSchoolName, term.Key, lines, r.Now);
            foreach (var e in school) e.ClaimedBy(claim.Id);
            db.Set<Claim>().Add(claim);
            claims.Add(claim);
            r.Audit(nameof(Claim), claim.Id, broker, "Claim drafted", null, claim.State.ToString(),
                $"{HalfDays.Describe(claim.TotalHalfDays)}, {Money.Format(claim.TotalPence)}");
            r.Send(ClaimEmails.Ready(claim, await ClaimViews.SchoolEmailsAsync(db, claim.SchoolUrn, ct), links.Claim(slug, claim.Id)));
        }
        await ChangeRecorder.SaveAsync(db, ct);
        return claims;
    }
}

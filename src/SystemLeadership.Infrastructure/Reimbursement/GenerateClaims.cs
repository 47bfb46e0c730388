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
/// from a Visit Record and every joint practice development session not yet claimed is grouped by the leader's school into one draft claim, each day at the rate
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
        // Days given by a leader pooled from a network partner are claimed through that leader's home alliance.
        var proposalIds = deployments.Values.Select(d => d.ProposalId).Distinct().ToList();
        var pooled = await db.Set<Proposal>().AsNoTracking().Where(p => proposalIds.Contains(p.Id) && p.HomeTenantId != null)
            .Join(db.Tenants, p => p.HomeTenantId, t => t.Id, (p, t) => new { p.Id, p.LeaderUserId, Home = t.Id, t.Name, t.LeadTeachingSchoolUrn })
            .ToDictionaryAsync(p => p.Id, ct);
        (int Urn, string Name, Guid? Payee) PaidTo(DayLogEntry e) =>
            pooled.TryGetValue(deployments[e.DeploymentId].ProposalId, out var p) && p.LeaderUserId == e.LeaderUserId
                ? (p.LeadTeachingSchoolUrn, p.Name, p.Home)
                : (e.LeaderSchoolUrn, e.LeaderSchoolName, null);
        // Joint practice development sessions facilitated by this alliance's own leaders are paid to their schools the same way.
        var sessions = await db.Set<JpdSession>().Where(s => s.TermKey == term.Key && s.ClaimId == null).ToListAsync(ct);
        var owed = entries.Select(e => (PaidTo: PaidTo(e), Line: new ClaimLineInput(e.Id, e.DeploymentId, e.LeaderName, deployments[e.DeploymentId].SchoolName, e.Date, e.HalfDays, e.DayRatePence),
                Claimed: (Action<Guid>)e.ClaimedBy))
            .Concat(sessions.Select(s => (PaidTo: (Urn: s.LeaderSchoolUrn, Name: s.LeaderSchoolName, Payee: (Guid?)null), Line: new ClaimLineInput(s.Id, null, s.LeaderName, s.ClaimDescription, s.Date, s.HalfDays, s.DayRatePence),
                Claimed: (Action<Guid>)s.ClaimedBy)));
        List<Claim> claims = [];
        // One claim per school (and payee): the school's name as its latest line has it, should a record carry an older one.
        foreach (var school in owed.GroupBy(o => (o.PaidTo.Urn, o.PaidTo.Payee)).Select(g => (Key: g.Key, Name: g.MaxBy(o => o.Line.Date).PaidTo.Name, Owed: g.ToList()))
                     .OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            var lines = school.Owed.Select(o => o.Line).ToList();
            var claim = new Claim(r.TenantId, school.Key.Urn, school.Name, term.Key, lines, r.Now,
                school.Key.Payee is { } payee ? (payee, school.Name) : null);
            foreach (var o in school.Owed) o.Claimed(claim.Id);
            db.Set<Claim>().Add(claim);
            claims.Add(claim);
            r.Audit(nameof(Claim), claim.Id, broker, "Claim drafted", null, claim.State.ToString(),
                $"{HalfDays.Describe(claim.TotalHalfDays)}, {Money.Format(claim.TotalPence)}");
            if (claim.PayeeTenantId is null)
                r.Send(ClaimEmails.Ready(claim, await ClaimViews.SchoolEmailsAsync(db, claim, ct), links.Claim(slug, claim.Id)));
        }
        var throughHomes = claims.Where(c => c.PayeeTenantId is not null).ToList();
        if (throughHomes.Count == 0)
        {
            await ChangeRecorder.SaveAsync(db, ct);
            return claims;
        }
        var partnerName = await db.Tenants.AsNoTracking().Where(t => t.Id == r.TenantId).Select(t => t.Name).FirstAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ChangeRecorder.SaveAsync(db, ct);
        foreach (var claim in throughHomes)
            await PartnerClaims.OpenAtHomeAsync(db, contexts, clock, links, claim, partnerName, ct);
        await transaction.CommitAsync(ct);
        return claims;
    }
}

using SystemLeadership.Domain.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Documents;

namespace SystemLeadership.Infrastructure.Reimbursement;

/// <summary>
/// Reimbursement to leaders' schools: a claim per school per term from the days logged at the agreed rates, moved
/// through its table by the school and the broker, with a statement PDF and a CSV for finance.
/// </summary>
public sealed class ClaimService(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    /// <summary>Draft claims for every school with unclaimed days in the term; days already claimed are never claimed twice.</summary>
    public async Task<IReadOnlyList<Claim>> GenerateAsync(SchoolTerm term, Actor broker, CancellationToken ct = default)
    {
        BrokerageRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new BrokerageRecorder(db, clock);
        var entries = await db.Set<DayLogEntry>().Where(l => l.TermKey == term.Key && l.ClaimId == null).ToListAsync(ct);
        var deploymentIds = entries.Select(e => e.DeploymentId).Distinct().ToList();
        var deployments = await db.Set<Deployment>().AsNoTracking().Where(d => deploymentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var slug = await BrokerageRecorder.SlugAsync(db, ct);
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
            r.EmailAll(await ClaimViews.SchoolEmailsAsync(db, claim.SchoolUrn, ct), $"Reimbursement claim ready: {school.Key.LeaderSchoolName}, {term}",
                $"""
                A claim for {HalfDays.Describe(claim.TotalHalfDays)} of system leadership support by your staff in the {term},
                {Money.Format(claim.TotalPence)}, is ready for you to check and submit.

                {links.Claim(slug, claim.Id)}
                """);
        }
        await BrokerageRecorder.SaveAsync(db, ct);
        return claims;
    }

    public async Task MoveAsync(Guid id, uint version, ClaimMove move, Actor actor, string? note = null, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new BrokerageRecorder(db, clock);
        var claim = await db.Set<Claim>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException();
        db.Entry(claim).Property(c => c.Version).OriginalValue = version;
        var roles = ClaimParties.Of(claim, await ClaimViews.SchoolEmailsAsync(db, claim.SchoolUrn, ct), actor);
        var role = roles.Where(x => ClaimWorkflow.Table.RowsFor(claim.State, x).Any(t => t.Move == move)).Cast<ClaimRole?>().FirstOrDefault()
            ?? throw new NotAllowedException("You cannot make that move on this claim now.");
        var from = claim.State;
        var t = claim.Apply(move, role, r.Now, note);
        r.Audit(nameof(Claim), claim.Id, actor, t.Label, from.ToString(), claim.State.ToString(), note);
        var slug = await BrokerageRecorder.SlugAsync(db, ct);
        var body = $"""
            The claim from {claim.SchoolName} for the {SchoolTerm.Parse(claim.TermKey)} ({Money.Format(claim.TotalPence)}) is now {ClaimWorkflow.Display(claim.State).ToLowerInvariant()}.{(note is null ? "" : "\n" + note)}

            {links.Claim(slug, claim.Id)}
            """;
        if (role == ClaimRole.LeaderSchool)
            r.EmailAll(await r.BrokerEmailsAsync(ct), $"Claim {ClaimWorkflow.Display(claim.State).ToLowerInvariant()}: {claim.SchoolName}", body);
        else
            r.EmailAll(await ClaimViews.SchoolEmailsAsync(db, claim.SchoolUrn, ct), $"Your claim is {ClaimWorkflow.Display(claim.State).ToLowerInvariant()}", body);
        await BrokerageRecorder.SaveAsync(db, ct);
    }
}

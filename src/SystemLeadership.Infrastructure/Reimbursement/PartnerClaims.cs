using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Email;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Infrastructure.Reimbursement;

/// <summary>
/// Claims paid through a pooled leader's home alliance (003 §6): the partner drafts the claim for the days the leader
/// gave, addressed to the home alliance; the home alliance checks and submits it from its own side; the partner approves
/// and pays it; each step is copied to the home's <see cref="PartnerClaim"/> in the same transaction.
/// </summary>
public sealed class PartnerClaimService(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    public async Task<IReadOnlyList<PartnerClaim>> ListAsync(Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        return await db.Set<PartnerClaim>().AsNoTracking().OrderByDescending(c => c.TermKey).ThenBy(c => c.PartnerName).Take(200).ToListAsync(ct);
    }

    /// <summary>The home alliance's manager submits (or resubmits) the claim to the partner, whose brokers are emailed.</summary>
    public async Task SubmitAsync(Guid partnerClaimId, uint version, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var mirror = await db.Set<PartnerClaim>().FirstOrDefaultAsync(c => c.Id == partnerClaimId, ct) ?? throw new NotFoundException();
        db.Entry(mirror).Property(c => c.Version).OriginalValue = version;
        var from = mirror.State;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await CrossTenantWrite.InTenantAsync(db, contexts.ForStepIn(mirror.PartnerTenantId), async partner =>
        {
            var p = new ChangeRecorder(partner, clock);
            var claim = await partner.Set<Claim>().FirstOrDefaultAsync(c => c.Id == mirror.ClaimId && c.PayeeTenantId == r.TenantId, ct)
                ?? throw new NotFoundException();
            var t = claim.Apply(ClaimMove.Submit, ClaimRole.LeaderSchool, r.Now);
            p.Audit(nameof(Claim), claim.Id, broker, $"{t.Label} (for {claim.PayeeName})", from.ToString(), claim.State.ToString());
            var slug = await ChangeRecorder.SlugAsync(partner, ct);
            p.Send(ClaimEmails.Moved(claim, ClaimRole.LeaderSchool, null, await ChangeRecorder.ManagerEmailsAsync(partner, ct), [], links.Claim(slug, claim.Id)));
            mirror.Follow(claim);
        }, ct);
        r.Audit(nameof(PartnerClaim), mirror.Id, broker, "Claim submitted to a partner", from.ToString(), mirror.State.ToString(),
            $"{mirror.PartnerName}, {SchoolTerm.Parse(mirror.TermKey)}, {Money.Format(mirror.TotalPence)}");
        await ChangeRecorder.SaveAsync(db, ct);
        await transaction.CommitAsync(ct);
    }
}

/// <summary>The partner's side: opening and following the home alliance's record of a claim, inside the partner's transaction.</summary>
internal static class PartnerClaims
{
    internal static Task OpenAtHomeAsync(AppDbContext db, TenantDbContextFactory contexts, TimeProvider clock, AppLinks links, Claim claim, string partnerName, CancellationToken ct) =>
        CrossTenantWrite.InTenantAsync(db, contexts.ForStepIn(claim.PayeeTenantId!.Value), async home =>
        {
            var h = new ChangeRecorder(home, clock);
            var mirror = new PartnerClaim(h.TenantId, db.TenantId!.Value, partnerName, claim);
            home.Set<PartnerClaim>().Add(mirror);
            h.Audit(nameof(PartnerClaim), mirror.Id, ChangeRecorder.System, $"{partnerName} drafted a claim for your pooled leaders' days", null, mirror.State.ToString(),
                $"{HalfDays.Describe(mirror.TotalHalfDays)}, {Money.Format(mirror.TotalPence)}");
            h.Send(ClaimEmails.Ready(claim, await ChangeRecorder.ManagerEmailsAsync(home, ct), links.Networks(await ChangeRecorder.SlugAsync(home, ct)) + "#partner-claims"));
        }, ct);

    internal static Task FollowAtHomeAsync(AppDbContext db, TenantDbContextFactory contexts, TimeProvider clock, AppLinks links, Claim claim, string? note, CancellationToken ct) =>
        CrossTenantWrite.InTenantAsync(db, contexts.ForStepIn(claim.PayeeTenantId!.Value), async home =>
        {
            var mirror = await home.Set<PartnerClaim>().FirstOrDefaultAsync(c => c.ClaimId == claim.Id, ct);
            if (mirror is null) return;
            mirror.Follow(claim);
            var h = new ChangeRecorder(home, clock);
            h.Send(ClaimEmails.Moved(claim, ClaimRole.Broker, note, [], await ChangeRecorder.ManagerEmailsAsync(home, ct),
                links.Networks(await ChangeRecorder.SlugAsync(home, ct)) + "#partner-claims"));
        }, ct);
}

using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Infrastructure.Reimbursement;

/// <summary>
/// A claim moved through its table: the leader's school submits (or resubmits), the broker asks for changes, approves and
/// marks it paid. Claims are drafted by <see cref="GenerateClaims"/>; who sees them is <see cref="ClaimViews"/>.
/// </summary>
public sealed class ClaimService(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    public async Task MoveAsync(Guid id, uint version, ClaimMove move, Actor actor, string? note = null, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var claim = await db.Set<Claim>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException();
        db.Entry(claim).Property(c => c.Version).OriginalValue = version;
        var schoolEmails = await ClaimViews.SchoolEmailsAsync(db, claim, ct);
        var roles = ClaimParties.Of(claim, schoolEmails, actor);
        var role = roles.Where(x => ClaimWorkflow.Table.RowsFor(claim.State, x).Any(t => t.Move == move)).Cast<ClaimRole?>().FirstOrDefault()
            ?? throw new NotAllowedException("You cannot make that move on this claim now.");
        var from = claim.State;
        var t = claim.Apply(move, role, r.Now, note);
        r.Audit(nameof(Claim), claim.Id, actor, t.Label, from.ToString(), claim.State.ToString(), note);
        var slug = await ChangeRecorder.SlugAsync(db, ct);
        r.Send(ClaimEmails.Moved(claim, role, note, await r.BrokerEmailsAsync(ct), schoolEmails, links.Claim(slug, claim.Id)));
        if (claim.PayeeTenantId is null)
        {
            await ChangeRecorder.SaveAsync(db, ct);
            return;
        }
        // Paid through a pooled leader's home alliance: its record follows, and its managers hear, in this transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ChangeRecorder.SaveAsync(db, ct);
        await PartnerClaims.FollowAtHomeAsync(db, contexts, clock, links, claim, note, ct);
        await transaction.CommitAsync(ct);
    }
}

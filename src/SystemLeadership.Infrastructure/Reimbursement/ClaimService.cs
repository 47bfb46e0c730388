using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;

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
        var roles = ClaimParties.Of(claim, await ClaimViews.SchoolEmailsAsync(db, claim.SchoolUrn, ct), actor);
        var role = roles.Where(x => ClaimWorkflow.Table.RowsFor(claim.State, x).Any(t => t.Move == move)).Cast<ClaimRole?>().FirstOrDefault()
            ?? throw new NotAllowedException("You cannot make that move on this claim now.");
        var from = claim.State;
        var t = claim.Apply(move, role, r.Now, note);
        r.Audit(nameof(Claim), claim.Id, actor, t.Label, from.ToString(), claim.State.ToString(), note);
        var slug = await ChangeRecorder.SlugAsync(db, ct);
        var body = $"""
            The claim from {claim.SchoolName} for the {SchoolTerm.Parse(claim.TermKey)} ({Money.Format(claim.TotalPence)}) is now {ClaimWorkflow.Display(claim.State).ToLowerInvariant()}.{(note is null ? "" : "\n" + note)}

            {links.Claim(slug, claim.Id)}
            """;
        if (role == ClaimRole.LeaderSchool)
            r.EmailAll(await r.BrokerEmailsAsync(ct), $"Claim {ClaimWorkflow.Display(claim.State).ToLowerInvariant()}: {claim.SchoolName}", body);
        else
            r.EmailAll(await ClaimViews.SchoolEmailsAsync(db, claim.SchoolUrn, ct), $"Your claim is {ClaimWorkflow.Display(claim.State).ToLowerInvariant()}", body);
        await ChangeRecorder.SaveAsync(db, ct);
    }
}

using SystemLeadership.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Brokerage;

// Emails are compared case-insensitively in SQL with lower(): EF translates ToLower, not string.Equals with a comparison.
#pragma warning disable CA1862

public sealed record CommissionRequest(
    int SchoolUrn, CommissionerKind CommissionerKind, string CommissionerName, string CommissionerEmail,
    string SupportedSchoolContactEmail, string FunderName, SupportNeed Need, Guid? RequestKey = null);

/// <summary>Support requests: raised by a school (or for it), triaged by the broker, answered, withdrawn or declined.</summary>
public sealed class CommissionService(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    private static readonly Audience CommissionAudience = Audience.Broker | Audience.SupportedSchool | Audience.Commissioner;

    public const string RequestKeyIndex = "IX_Commissions_TenantId_RequestKey";

    public async Task<Commission> RaiseCommissionAsync(Actor requester, CommissionRequest request, CancellationToken ct = default)
    {
        // The people a request names become parties who agree the deployment, so only those who speak for schools raise one.
        if (!(requester.Is(TenantRoles.SchoolContact) || requester.Is(TenantRoles.Headteacher) || requester.Is(TenantRoles.AllianceManager)))
            throw new NotAllowedException("Support is requested by a school contact, a headteacher or the alliance's broker.");
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Urn == request.SchoolUrn, ct)
            ?? throw new InvalidInputException(nameof(request), $"No school has URN {request.SchoolUrn}.");
        var commission = new Commission(r.TenantId, school.Urn, school.Name, requester.UserId, requester.Name, requester.Email,
            request.CommissionerKind, request.CommissionerName, request.CommissionerEmail, request.SupportedSchoolContactEmail,
            request.FunderName, request.Need, r.Now, request.RequestKey);
        db.Set<Commission>().Add(commission);
        r.Audit(nameof(Commission), commission.Id, requester, "Support requested", null, commission.State.ToString(), $"{school.Name} ({school.Urn})");
        r.Activity(commission.Id, null, null, CommissionAudience, $"{requester.Name} asked for support for {school.Name}.", requester);
        var slug = await ChangeRecorder.SlugAsync(db, ct);
        var link = links.Commission(slug, commission.Id);
        r.Send(CommissionEmails.NewRequest(commission, await r.BrokerEmailsAsync(ct), link));
        r.Send(CommissionEmails.Received(commission, link));
        // Sent again, the request the form raised first is the answer, if it is the same person's.
        return await ChangeRecorder.SaveOrFindAsync(db, RequestKeyIndex, commission, c => c.RequestKey == request.RequestKey,
            raised => raised.RaisedByUserId == requester.UserId && raised.SchoolUrn == request.SchoolUrn && raised.HalfDays == request.Need.HalfDays
                && raised.DesiredStart == request.Need.DesiredStart && raised.LengthWeeks == request.Need.LengthWeeks,
            _ => "This form was already sent with other details. To ask again, open the form afresh.", ct);
    }

    /// <summary>What this person asked for, or is the supported school or commissioner of.</summary>
    public async Task<IReadOnlyList<Commission>> MyCommissionsAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var email = actor.Email.Trim().ToLowerInvariant();
        return await db.Set<Commission>().AsNoTracking()
            .Where(c => c.RaisedByUserId == actor.UserId || c.SupportedSchoolContactEmail.ToLower() == email || c.CommissionerEmail.ToLower() == email)
            .OrderByDescending(c => c.RaisedAt).ToListAsync(ct);
    }

    public async Task MoveCommissionAsync(Guid id, uint version, CommissionMove move, Actor actor, string? note = null, CancellationToken ct = default)
    {
        if (move == CommissionMove.MarkBrokered) throw new NotAllowedException("A commission is brokered when a proposal is agreed.");
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var commission = await db.Set<Commission>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException();
        db.Entry(commission).Property(c => c.Version).OriginalValue = version;
        var role = CommissionParties.Of(commission, actor).Where(p => CommissionWorkflow.Table.RowsFor(commission.State, p).Any(t => t.Move == move))
            .Cast<BrokerageRole?>().FirstOrDefault() ?? throw new NotAllowedException("You cannot make that move on this request now.");
        var from = commission.State;
        var t = commission.Apply(move, role, note);
        r.Audit(nameof(Commission), commission.Id, actor, t.Label, from.ToString(), commission.State.ToString(), note);
        var text = move switch
        {
            CommissionMove.Accept => $"{actor.Name} accepted the request for brokerage.",
            CommissionMove.AskForInformation => $"{actor.Name} asked for more information: {note}",
            CommissionMove.ProvideInformation => $"{actor.Name} sent more information: {note}",
            CommissionMove.Decline => $"{actor.Name} declined the request: {note}",
            _ => $"{actor.Name}: {t.Label}.",
        };
        r.Activity(commission.Id, null, null, CommissionAudience, text, actor);
        var slug = await ChangeRecorder.SlugAsync(db, ct);
        r.Send(CommissionEmails.Moved(commission, move, t.Label, text, await r.BrokerEmailsAsync(ct), links.Commission(slug, commission.Id)));
        var pooled = move == CommissionMove.Withdraw ? (await CloseOpenProposalsAsync(db, r, commission, actor, ct)).Where(p => p.IsPooled).ToList() : [];
        if (pooled.Count == 0)
        {
            await ChangeRecorder.SaveAsync(db, ct);
            return;
        }
        // A pooled proposal's home alliance keeps its own record: it follows in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ChangeRecorder.SaveAsync(db, ct);
        foreach (var proposal in pooled) await PoolAsks.FollowAsync(db, contexts, r, proposal, "The request was withdrawn.", actor, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>A withdrawn request leaves nothing to agree: its open proposals close, and whoever was asked is told.</summary>
    private static async Task<List<Proposal>> CloseOpenProposalsAsync(AppDbContext db, ChangeRecorder r, Commission commission, Actor actor, CancellationToken ct)
    {
        var open = await db.Set<Proposal>()
            .Where(p => p.CommissionId == commission.Id && (p.State == ProposalState.Draft || p.State == ProposalState.AwaitingConsent)).ToListAsync(ct);
        foreach (var proposal in open)
        {
            var was = proposal.State;
            var t = proposal.Apply(ProposalMove.CloseWithRequest, BrokerageRole.System, r.Now, "The request was withdrawn.");
            r.Audit(nameof(Proposal), proposal.Id, actor, t.Label, was.ToString(), proposal.State.ToString());
            if (was != ProposalState.AwaitingConsent) continue;
            r.Send(ProposalEmails.RequestWithdrawn(proposal, commission));
            r.Activity(commission.Id, proposal.Id, null, proposal.AsksLeaderSideYet ? Audience.Everyone : Audience.Everyone & ~(Audience.Leader | Audience.LeaderHeadteacher),
                $"The proposal for {proposal.LeaderName} was closed because the request was withdrawn.", actor);
        }
        return open;
    }
}

using SystemLeadership.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>
/// Proposals: a shortlisted leader's draft, revised and sent for agreement; each party agrees or refuses; the broker may
/// withdraw. The last agreement hands over to <see cref="AgreeDeployment"/>.
/// </summary>
public sealed class ProposalService(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    /// <summary>Shortlisting a leader is drafting a proposal for them; nothing is assigned until every party agrees.</summary>
    public async Task<Proposal> DraftProposalAsync(Guid commissionId, Guid designationId, ProposalTerms terms, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var commission = await db.Set<Commission>().FirstOrDefaultAsync(c => c.Id == commissionId, ct) ?? throw new NotFoundException();
        if (commission.State != CommissionState.Accepted) throw new NotAllowedException("Proposals are made on a commission accepted for brokerage.");
        var designation = await db.Designations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == designationId, ct);
        Proposal proposal;
        if (designation is null)
        {
            proposal = await DraftPooledAsync(db, commission, designationId, terms, r, ct);
        }
        else
        {
            if (designation.State != DesignationState.Active) throw new NotAllowedException("That designation is not active.");
            var profile = await db.Set<LeaderProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.UserId == designation.HolderUserId, ct)
                ?? throw new NotAllowedException("This leader has no profile yet: record their school and the days they can give.");
            var own = new ProposedLeader(designation.Id, profile.Id, profile.UserId, profile.Name, profile.Email, profile.SchoolUrn,
                profile.SchoolName, profile.IsHeadteacher, profile.HeadteacherName, profile.HeadteacherEmail,
                // The rate the leader was shown at in the match: their designation's (its scheme's, heads' rate for heads).
                designation.DayRatePence ?? Money.DayRateFor(profile.IsHeadteacher), designation.Type);
            proposal = new Proposal(commission, own, terms, r.Now);
        }
        var leader = proposal;
        db.Set<Proposal>().Add(proposal);
        r.Audit(nameof(Proposal), proposal.Id, broker, "Proposal drafted", null, proposal.State.ToString(), $"{leader.LeaderName}, {HalfDays.Describe(terms.HalfDays)}");
        r.Activity(commission.Id, proposal.Id, null, Audience.Broker,
            $"{broker.Name} shortlisted {leader.LeaderName}{(proposal.IsPooled ? $" (from {proposal.HomeAllianceName})" : "")} and drafted a proposal.", broker);
        await ChangeRecorder.SaveAsync(db, ct);
        return proposal;
    }

    public async Task ReviseProposalAsync(Guid id, uint version, ProposalTerms terms, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var proposal = await LoadProposalAsync(db, id, version, ct);
        proposal.Revise(terms);
        r.Audit(nameof(Proposal), proposal.Id, broker, "Proposal revised", null, null);
        await ChangeRecorder.SaveAsync(db, ct);
    }

    public async Task ProposeAsync(Guid id, uint version, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var proposal = await LoadProposalAsync(db, id, version, ct);
        var commission = await db.Set<Commission>().AsNoTracking().FirstAsync(c => c.Id == proposal.CommissionId, ct);
        var t = proposal.Apply(ProposalMove.Propose, BrokerageRole.Broker, r.Now);
        r.Audit(nameof(Proposal), proposal.Id, broker, t.Label, ProposalState.Draft.ToString(), proposal.State.ToString());
        r.Activity(commission.Id, proposal.Id, null, Audience.Everyone,
            $"{broker.Name} proposed {proposal.LeaderName} for {HalfDays.Describe(proposal.HalfDays)} ({proposal.Pattern}), " +
            $"{proposal.Start:d MMMM yyyy} to {proposal.End:d MMMM yyyy}, {Money.Format(proposal.TotalPence)} funded by {proposal.FunderName}.", broker);
        var slug = await ChangeRecorder.SlugAsync(db, ct);
        if (!proposal.IsPooled)
        {
            r.Send(ProposalEmails.PleaseAgree(proposal, commission, links.Proposal(slug, proposal.Id)));
            await ChangeRecorder.SaveAsync(db, ct);
            return;
        }
        // A pooled leader: the school and commissioner are asked now; the leader's home alliance is asked in its own
        // tenant, and the leader and their headteacher only once it agrees. Only while the home still shares them with us.
        if (!await FindLeaders.Pooled(db).AnyAsync(p => p.DesignationId == proposal.DesignationId && p.TenantId == proposal.HomeTenantId, ct))
            throw new NotAllowedException($"{proposal.HomeAllianceName} no longer shares {proposal.LeaderName} with your networks: withdraw this draft.");
        r.Send(ProposalEmails.PleaseAgree(proposal, commission, links.Proposal(slug, proposal.Id), ProposalEmails.RequestParties(commission)));
        var partnerName = await db.Tenants.AsNoTracking().Where(t => t.Id == r.TenantId).Select(t => t.Name).FirstAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ChangeRecorder.SaveAsync(db, ct);
        await CrossTenantWrite.InTenantAsync(db, contexts.ForStepIn(proposal.HomeTenantId!.Value), async home =>
        {
            var h = new ChangeRecorder(home, clock);
            var ask = new PoolAsk(h.TenantId, r.TenantId, partnerName, proposal, proposal.HomeLeaderProfileId!.Value, commission.SchoolName, r.Now);
            home.Set<PoolAsk>().Add(ask);
            h.Audit(nameof(PoolAsk), ask.Id, broker, $"{partnerName} proposed a pooled leader", null, ask.State.ToString(),
                $"{ask.LeaderName} for {ask.SupportedSchoolName}, {HalfDays.Describe(ask.HalfDays)}");
            h.Send(NetworkEmails.LeaderAsked(ask, await ChangeRecorder.ManagerEmailsAsync(home, ct), links.Networks(await ChangeRecorder.SlugAsync(home, ct)) + "#asks"));
        }, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Drafts a proposal for a leader another alliance pools through a network this one is in: from the pool's snapshot,
    /// with the leader recorded here as a visiting profile (their days are held at home, when everyone agrees).
    /// </summary>
    private static async Task<Proposal> DraftPooledAsync(AppDbContext db, Commission commission, Guid designationId, ProposalTerms terms, ChangeRecorder r, CancellationToken ct)
    {
        var pooled = await FindLeaders.Pooled(db).FirstOrDefaultAsync(p => p.DesignationId == designationId, ct) ?? throw new NotFoundException();
        var profile = await db.Set<LeaderProfile>().FirstOrDefaultAsync(p => p.UserId == pooled.HolderUserId, ct);
        if (profile is null)
        {
            profile = new LeaderProfile(r.TenantId, pooled.HolderUserId, pooled.HolderName, pooled.HolderEmail, pooled.SchoolUrn ?? 0,
                pooled.SchoolName, pooled.IsHeadteacher, pooled.HeadteacherName, pooled.HeadteacherEmail, pooled.CapacityHalfDaysPerTerm);
            db.Set<LeaderProfile>().Add(profile);
        }
        var leader = new ProposedLeader(pooled.DesignationId, profile.Id, pooled.HolderUserId, pooled.HolderName, pooled.HolderEmail,
            pooled.SchoolUrn ?? 0, pooled.SchoolName, pooled.IsHeadteacher, pooled.HeadteacherName, pooled.HeadteacherEmail, pooled.DayRatePence, pooled.Type);
        return new Proposal(commission, leader, terms, r.Now, new PoolHome(pooled.TenantId, pooled.TenantName, pooled.LeaderProfileId));
    }

    public Task ConsentAsync(Guid id, Actor actor, CancellationToken ct = default) => DecideAsync(id, actor, ProposalMove.Consent, null, ct);

    public Task RefuseAsync(Guid id, Actor actor, string reason, CancellationToken ct = default) => DecideAsync(id, actor, ProposalMove.Refuse, reason, ct);

    public async Task WithdrawProposalAsync(Guid id, uint version, Actor broker, string reason, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var proposal = await LoadProposalAsync(db, id, version, ct);
        var from = proposal.State;
        var t = proposal.Apply(ProposalMove.Withdraw, BrokerageRole.Broker, r.Now, reason);
        r.Audit(nameof(Proposal), proposal.Id, broker, t.Label, from.ToString(), proposal.State.ToString(), reason);
        r.Activity(proposal.CommissionId, proposal.Id, null, from == ProposalState.Draft ? Audience.Broker : Audience.Everyone,
            $"{broker.Name} withdrew the proposal for {proposal.LeaderName}: {reason}", broker);
        if (from == ProposalState.AwaitingConsent)
            r.Send(ProposalEmails.Withdrawn(proposal, reason));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ChangeRecorder.SaveAsync(db, ct);
        await PoolAsks.FollowAsync(db, contexts, r, proposal, reason, broker, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// One party agrees or refuses. The whole decision runs in a transaction that first locks the leader's profile row,
    /// so when this is the last agreement the free days it checks cannot be spent by another agreement meanwhile.
    /// </summary>
    private async Task DecideAsync(Guid id, Actor actor, ProposalMove move, string? reason, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var peek = await db.Set<Proposal>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AgreeDeployment.LockLeaderAsync(db, r.TenantId, peek.LeaderProfileId, ct);
        // Read again under the lock: what another agreement committed while we waited is now visible.
        var proposal = await db.Set<Proposal>().FirstAsync(p => p.Id == id, ct);
        var commission = await db.Set<Commission>().FirstAsync(c => c.Id == proposal.CommissionId, ct);
        // A rival agreed while this person looked at the proposal: say so, rather than that the move is not allowed. Rivals
        // have other leaders (other locks), so the rival's commit may land between the two reads above: the request
        // already names the winner while this proposal still reads as waiting.
        if (commission.AgreedProposalId is { } winner && winner != proposal.Id && proposal.State is ProposalState.AwaitingConsent or ProposalState.Closed
            && ProposalParties.Of(proposal, commission, actor).Any(proposal.Parties.Contains))
            throw new NotAllowedException($"Another proposal for {commission.SchoolName} was agreed first, so this one is closed. Reload to see the agreed deployment.");
        var roles = ProposalParties.Of(proposal, commission, actor)
            .Where(role => ProposalWorkflow.Table.MovesFor(proposal, proposal.State, role).Any(t => t.Move == move)).ToList();
        if (roles.Count == 0)
        {
            // Let the table say why (already agreed, not a party, or not waiting any more).
            var any = ProposalParties.Of(proposal, commission, actor).Where(proposal.Parties.Contains).DefaultIfEmpty(BrokerageRole.System).First();
            proposal.Apply(move, any, r.Now, reason);
        }
        var from = proposal.State;
        var slug = await ChangeRecorder.SlugAsync(db, ct);
        foreach (var role in roles)
        {
            if (proposal.State != ProposalState.AwaitingConsent) break;
            var t = proposal.Apply(move, role, r.Now, reason);
            r.Audit(nameof(Proposal), proposal.Id, actor, $"{t.Label} (as {ProposalWorkflow.PartyName(role)})", from.ToString(), proposal.State.ToString(), reason);
        }

        if (move == ProposalMove.Refuse)
        {
            var who = ProposalWorkflow.PartyName(proposal.RefusedBy!.Value);
            r.Activity(commission.Id, proposal.Id, null, Audience.Everyone, $"{actor.Name} ({who}) refused the deployment of {proposal.LeaderName}: {reason}", actor);
            r.Send(ProposalEmails.Refused(proposal, commission, actor.Name, reason, await r.BrokerEmailsAsync(ct), links.Proposal(slug, proposal.Id)));
        }
        else
        {
            r.Activity(commission.Id, proposal.Id, null, Audience.Everyone,
                $"{actor.Name} agreed ({string.Join(", ", roles.Select(ProposalWorkflow.PartyName))}).", actor);
            if (proposal.State == ProposalState.Agreed) await AgreeDeployment.AgreeAsync(db, contexts, r, proposal, commission, actor, links, slug, ct);
        }
        await ChangeRecorder.SaveAsync(db, ct);
        if (move == ProposalMove.Refuse) await PoolAsks.FollowAsync(db, contexts, r, proposal, $"Refused by {ProposalWorkflow.PartyName(proposal.RefusedBy!.Value)}: {reason}", actor, ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task<Proposal> LoadProposalAsync(AppDbContext db, Guid id, uint version, CancellationToken ct)
    {
        var proposal = await db.Set<Proposal>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException();
        db.Entry(proposal).Property(p => p.Version).OriginalValue = version;
        return proposal;
    }
}

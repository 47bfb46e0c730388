using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>
/// A pooled leader's home alliance answers a network partner's proposal (003 §6). The answer is recorded on the home's
/// <see cref="PoolAsk"/> and, in the same transaction, as the home alliance's consent (or refusal) on the partner's
/// proposal; agreeing lets the leader and their headteacher into the partner's alliance for this deployment and asks them.
/// </summary>
public sealed class PoolAskService(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    public async Task DecideAsync(Guid askId, uint version, bool agree, string? reason, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var ask = await db.Set<PoolAsk>().FirstOrDefaultAsync(a => a.Id == askId, ct) ?? throw new NotFoundException();
        db.Entry(ask).Property(a => a.Version).OriginalValue = version;
        ask.Decide(agree, broker, reason, r.Now);
        if (agree && !await StillPooledWithAsync(db, ask.DesignationId, ask.PartnerTenantId, ct))
            throw new NotAllowedException($"{ask.LeaderName} is no longer shared with {ask.PartnerName}: share them again, or refuse.");
        r.Audit(nameof(PoolAsk), ask.Id, broker, agree ? "Agreed to lend a pooled leader" : "Refused to lend a pooled leader",
            PoolAskState.Waiting.ToString(), ask.State.ToString(), $"{ask.LeaderName} to {ask.PartnerName}{(agree ? "" : $": {reason}")}");

        // The partner's proposal first, then this alliance's record: the order every other path takes (no deadlock).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await CrossTenantWrite.InTenantAsync(db, contexts.ForStepIn(ask.PartnerTenantId), async partner =>
        {
            var p = new ChangeRecorder(partner, clock);
            var proposal = await partner.Set<Proposal>().FirstOrDefaultAsync(x => x.Id == ask.ProposalId && x.HomeTenantId == r.TenantId, ct)
                ?? throw new NotFoundException();
            var commission = await partner.Set<Commission>().AsNoTracking().FirstAsync(c => c.Id == proposal.CommissionId, ct);
            var from = proposal.State;
            var t = proposal.Apply(agree ? ProposalMove.Consent : ProposalMove.Refuse, BrokerageRole.HomeAlliance, r.Now, reason);
            p.Audit(nameof(Proposal), proposal.Id, broker, $"{t.Label} (as {ProposalWorkflow.PartyName(BrokerageRole.HomeAlliance)})", from.ToString(), proposal.State.ToString(), reason);
            var slug = await ChangeRecorder.SlugAsync(partner, ct);
            var link = links.Proposal(slug, proposal.Id);
            var brokers = await ChangeRecorder.ManagerEmailsAsync(partner, ct);
            if (agree)
            {
                p.Activity(commission.Id, proposal.Id, null, Audience.Everyone, $"{broker.Name} agreed for {proposal.HomeAllianceName}, {proposal.LeaderName}'s home alliance.", broker);
                await LetInAsync(partner, p, proposal, broker, ct);
                p.Send(ProposalEmails.PleaseAgree(proposal, commission, link, ProposalEmails.LeaderParties(proposal)));
            }
            else
            {
                p.Activity(commission.Id, proposal.Id, null, Audience.Broker, $"{proposal.HomeAllianceName} refused to lend {proposal.LeaderName}: {reason}", broker);
            }
            p.Send(NetworkEmails.HomeAnswered(proposal, agree, reason, brokers, link));
        }, ct);
        await ChangeRecorder.SaveAsync(db, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Whether this alliance still shares the leader and is still in a network with the partner.</summary>
    private static async Task<bool> StillPooledWithAsync(AppDbContext home, Guid designationId, Guid partnerTenantId, CancellationToken ct)
    {
        var mine = home.TenantId!.Value;
        var networks = home.Set<NetworkMember>().Where(m => m.TenantId == mine).Select(m => m.NetworkId);
        return await home.Set<PooledLeader>().AnyAsync(p => p.DesignationId == designationId, ct)
            && await home.Set<NetworkMember>().AnyAsync(m => m.TenantId == partnerTenantId && networks.Contains(m.NetworkId), ct);
    }

    /// <summary>
    /// The leader joins the partner alliance as a system leader (to record visits and follow the deployment there), and
    /// their headteacher, when they have an account, with no role at all: what either sees there is decided, as for
    /// anyone, by being a party to the record. An existing membership is kept as it is, but a leader gains the role.
    /// </summary>
    private static async Task LetInAsync(AppDbContext partner, ChangeRecorder p, Proposal proposal, Actor broker, CancellationToken ct)
    {
        await GrantAsync(partner, p, proposal.LeaderUserId, TenantRoles.SystemLeader, proposal, broker, ct);
        var head = proposal.HeadteacherEmail.Trim().ToUpperInvariant();
        var headId = await partner.Users.Where(u => u.NormalizedEmail == head).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (headId is not null && headId != proposal.LeaderUserId) await GrantAsync(partner, p, headId, TenantRoles.None, proposal, broker, ct);
    }

    private static async Task GrantAsync(AppDbContext db, ChangeRecorder p, string userId, TenantRoles role, Proposal proposal, Actor broker, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return;
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == userId, ct);
        if (membership is not null && (role == TenantRoles.None || membership.Has(role))) return;
        if (membership is null)
        {
            membership = new Membership(db.TenantId!.Value, userId, role);
            db.Memberships.Add(membership);
        }
        else
        {
            membership.Grant(role);
        }
        p.Audit("Membership", membership.Id, broker, "Let in for a pooled deployment", null, membership.Roles.ToString(),
            $"{(userId == proposal.LeaderUserId ? proposal.LeaderName : proposal.HeadteacherName)}, from {proposal.HomeAllianceName}");
    }
}

/// <summary>The partner's side of a pooled proposal reaching into the leader's home tenant, inside the partner's transaction.</summary>
internal static class PoolAsks
{
    /// <summary>
    /// The home alliance's record follows the partner's proposal when it is withdrawn, refused or closed: audited there,
    /// and its managers told when they had been asked.
    /// </summary>
    internal static async Task FollowAsync(AppDbContext db, TenantDbContextFactory contexts, ChangeRecorder r, Proposal proposal, string? note, Actor actor, CancellationToken ct)
    {
        if (!proposal.IsPooled) return;
        await CrossTenantWrite.InTenantAsync(db, contexts.ForStepIn(proposal.HomeTenantId!.Value), async home =>
        {
            var ask = await home.Set<PoolAsk>().FirstOrDefaultAsync(a => a.ProposalId == proposal.Id, ct);
            if (ask is null) return;
            var from = ask.State;
            ask.Follow(proposal.State, note);
            if (ask.State == from) return;
            var h = r.On(home);
            h.Audit(nameof(PoolAsk), ask.Id, actor, "A partner's proposal ended", from.ToString(), ask.State.ToString(), note);
            h.Send(NetworkEmails.AskEnded(ask, await ChangeRecorder.ManagerEmailsAsync(home, ct)));
        }, ct);
    }

    /// <summary>
    /// Everyone agreed a pooled leader's deployment: their days are held against their one capacity at home, under the
    /// home profile's row lock, and refused when a term would go over, exactly as for the home alliance's own proposals.
    /// </summary>
    internal static Task CommitAtHomeAsync(AppDbContext db, TenantDbContextFactory contexts, ChangeRecorder r, Proposal proposal, Actor actor, CancellationToken ct) =>
        CommitAtHomeAsync(db, contexts, r, proposal, proposal.Start, proposal.End, proposal.HalfDays, actor, ct, agreed: true);

    /// <summary>Holds more of a pooled leader's days at home (an extension), under the home profile's row lock.</summary>
    internal static async Task CommitAtHomeAsync(AppDbContext db, TenantDbContextFactory contexts, ChangeRecorder r, Proposal proposal, DateOnly start, DateOnly end,
        int halfDays, Actor actor, CancellationToken ct, bool agreed = false) =>
        await CrossTenantWrite.InTenantAsync(db, contexts.ForStepIn(proposal.HomeTenantId!.Value), async home =>
        {
            await AgreeDeployment.LockLeaderAsync(home, home.TenantId!.Value, proposal.HomeLeaderProfileId!.Value, ct);
            if (!await home.Designations.AnyAsync(d => d.Id == proposal.DesignationId && d.State == DesignationState.Active, ct))
                throw new NotAllowedException($"{proposal.LeaderName}'s designation at {proposal.HomeAllianceName} is no longer active.");
            var profile = await home.Set<LeaderProfile>().AsNoTracking().FirstAsync(p => p.Id == proposal.HomeLeaderProfileId, ct);
            await AgreeDeployment.CommitCapacityAsync(home, profile, proposal.Id, start, end, halfDays, ct);
            var h = r.On(home);
            var ask = await home.Set<PoolAsk>().FirstOrDefaultAsync(a => a.ProposalId == proposal.Id, ct);
            h.Audit(nameof(CapacityCommitment), ask?.Id ?? proposal.Id, actor, agreed ? "Days held for a partner's deployment" : "More days held for a partner's deployment",
                null, null, $"{proposal.LeaderName}: {HalfDays.Describe(halfDays)}, {start:d MMM yyyy} to {end:d MMM yyyy}");
            if (!agreed || ask is null) return;
            ask.Follow(ProposalState.Agreed, null);
            h.Send(NetworkEmails.Lent(ask, await ChangeRecorder.ManagerEmailsAsync(home, ct)));
        }, ct);

    /// <summary>At an early end, completion or change of leader, a pooled leader's days held but not used go back at home.</summary>
    internal static async Task ReleaseAtHomeAsync(AppDbContext db, TenantDbContextFactory contexts, ChangeRecorder r, Proposal proposal,
        IReadOnlyDictionary<string, int> loggedByTerm, Actor actor, CancellationToken ct) =>
        await CrossTenantWrite.InTenantAsync(db, contexts.ForStepIn(proposal.HomeTenantId!.Value), async home =>
        {
            var commitments = await home.Set<CapacityCommitment>()
                .Where(c => c.ProposalId == proposal.Id && c.LeaderProfileId == proposal.HomeLeaderProfileId).ToListAsync(ct);
            var before = commitments.Sum(c => c.HalfDays);
            AgreeDeployment.KeepOnlyLogged(commitments, loggedByTerm);
            var ask = await home.Set<PoolAsk>().AsNoTracking().FirstOrDefaultAsync(a => a.ProposalId == proposal.Id, ct);
            r.On(home).Audit(nameof(CapacityCommitment), ask?.Id ?? proposal.Id, actor, "Unused days back from a partner's deployment", null, null,
                $"{proposal.LeaderName}: {HalfDays.Describe(before - commitments.Sum(c => c.HalfDays))} back");
        }, ct);

    /// <summary>The pooled proposal behind a deployment while its pooled leader still leads it; null otherwise.</summary>
    internal static async Task<Proposal?> PooledAsync(AppDbContext db, Domain.Deployments.Deployment deployment, CancellationToken ct) =>
        await db.Set<Proposal>().AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == deployment.ProposalId && p.HomeTenantId != null && p.LeaderUserId == deployment.LeaderUserId, ct);
}

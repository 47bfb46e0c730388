using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
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
        r.Audit(nameof(PoolAsk), ask.Id, broker, agree ? "Agreed to lend a pooled leader" : "Refused to lend a pooled leader",
            PoolAskState.Waiting.ToString(), ask.State.ToString(), $"{ask.LeaderName} to {ask.PartnerName}{(agree ? "" : $": {reason}")}");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ChangeRecorder.SaveAsync(db, ct);
        await CrossTenantWrite.InTenantAsync(db, contexts.ForTenant(ask.PartnerTenantId), async partner =>
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
                await LetInAsync(partner, proposal, ct);
                p.Send(ProposalEmails.PleaseAgree(proposal, commission, link, ProposalEmails.LeaderParties(proposal)));
            }
            else
            {
                p.Activity(commission.Id, proposal.Id, null, Audience.Broker, $"{proposal.HomeAllianceName} refused to lend {proposal.LeaderName}: {reason}", broker);
            }
            p.Send(NetworkEmails.HomeAnswered(proposal, agree, reason, brokers, link));
        }, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// The leader, and their headteacher when they have an account, join the partner alliance with just the role the
    /// deployment needs: what they see there is decided, as for anyone, by being a party to the record.
    /// </summary>
    private static async Task LetInAsync(AppDbContext partner, Proposal proposal, CancellationToken ct)
    {
        await GrantAsync(partner, proposal.LeaderUserId, TenantRoles.SystemLeader, ct);
        var head = proposal.HeadteacherEmail.Trim().ToUpperInvariant();
        var headId = await partner.Users.Where(u => u.NormalizedEmail == head).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (headId is not null) await GrantAsync(partner, headId, TenantRoles.Headteacher, ct);
    }

    private static async Task GrantAsync(AppDbContext db, string userId, TenantRoles role, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return;
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == userId, ct);
        if (membership is null) db.Memberships.Add(new Membership(db.TenantId!.Value, userId, role));
        else membership.Grant(role);
    }
}

/// <summary>The partner's side of a pooled proposal reaching into the leader's home tenant, inside the partner's transaction.</summary>
internal static class PoolAsks
{
    /// <summary>The home alliance's record follows the partner's proposal when it is withdrawn, refused or closed.</summary>
    internal static async Task FollowAsync(AppDbContext db, TenantDbContextFactory contexts, Proposal proposal, string? note, CancellationToken ct)
    {
        if (!proposal.IsPooled) return;
        await CrossTenantWrite.InTenantAsync(db, contexts.ForTenant(proposal.HomeTenantId!.Value), async home =>
        {
            var ask = await home.Set<PoolAsk>().FirstOrDefaultAsync(a => a.ProposalId == proposal.Id, ct);
            ask?.Follow(proposal.State, note);
        }, ct);
    }

    /// <summary>
    /// Everyone agreed a pooled leader's deployment: their days are held against their one capacity at home, under the
    /// home profile's row lock, and refused when a term would go over, exactly as for the home alliance's own proposals.
    /// </summary>
    internal static Task CommitAtHomeAsync(AppDbContext db, TenantDbContextFactory contexts, Proposal proposal, CancellationToken ct) =>
        CommitAtHomeAsync(db, contexts, proposal, proposal.Start, proposal.End, proposal.HalfDays, ct, agreed: true);

    /// <summary>Holds more of a pooled leader's days at home (an extension), under the home profile's row lock.</summary>
    internal static async Task CommitAtHomeAsync(AppDbContext db, TenantDbContextFactory contexts, Proposal proposal, DateOnly start, DateOnly end,
        int halfDays, CancellationToken ct, bool agreed = false) =>
        await CrossTenantWrite.InTenantAsync(db, contexts.ForTenant(proposal.HomeTenantId!.Value), async home =>
        {
            await AgreeDeployment.LockLeaderAsync(home, home.TenantId!.Value, proposal.HomeLeaderProfileId!.Value, ct);
            var profile = await home.Set<LeaderProfile>().AsNoTracking().FirstAsync(p => p.Id == proposal.HomeLeaderProfileId, ct);
            await AgreeDeployment.CommitCapacityAsync(home, profile, proposal.Id, start, end, halfDays, ct);
            if (!agreed) return;
            var ask = await home.Set<PoolAsk>().FirstOrDefaultAsync(a => a.ProposalId == proposal.Id, ct);
            ask?.Follow(ProposalState.Agreed, null);
        }, ct);

    /// <summary>At an early end, completion or change of leader, a pooled leader's days held but not used go back at home.</summary>
    internal static async Task ReleaseAtHomeAsync(AppDbContext db, TenantDbContextFactory contexts, Proposal proposal,
        IReadOnlyDictionary<string, int> loggedByTerm, CancellationToken ct) =>
        await CrossTenantWrite.InTenantAsync(db, contexts.ForTenant(proposal.HomeTenantId!.Value), async home =>
        {
            var commitments = await home.Set<CapacityCommitment>()
                .Where(c => c.ProposalId == proposal.Id && c.LeaderProfileId == proposal.HomeLeaderProfileId).ToListAsync(ct);
            AgreeDeployment.KeepOnlyLogged(commitments, loggedByTerm);
        }, ct);

    /// <summary>The pooled proposal behind a deployment while its pooled leader still leads it; null otherwise.</summary>
    internal static async Task<Proposal?> PooledAsync(AppDbContext db, Domain.Deployments.Deployment deployment, CancellationToken ct) =>
        await db.Set<Proposal>().AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == deployment.ProposalId && p.HomeTenantId != null && p.LeaderUserId == deployment.LeaderUserId, ct);
}

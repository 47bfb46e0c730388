using SystemLeadership.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>A network as one member alliance sees it: who is in it, and the invitations this alliance sent or was sent.</summary>
public sealed record NetworkSummary(Guid Id, string Name, IReadOnlyList<string> Members, IReadOnlyList<NetworkInvitation> Invitations);

/// <summary>One of the alliance's active leaders, and whether their broker offers them to the networks.</summary>
public sealed record SharableLeader(Guid DesignationId, string Name, DesignationType Type, bool HasProfile, bool Shared);

/// <summary>Everything the networks page shows a manager of one alliance.</summary>
public sealed record NetworksOverview(
    IReadOnlyList<NetworkSummary> Networks,
    IReadOnlyList<NetworkInvitation> InvitationsToUs,
    IReadOnlyList<(Guid Id, string Name)> OtherAlliances,
    IReadOnlyList<SharableLeader> Leaders,
    IReadOnlyList<PoolAsk> Asks);

/// <summary>
/// Leaders' networks (003 §2, §6): an alliance starts a network and invites others; each invited alliance's manager
/// accepts or declines; any member may leave; and each alliance offers the leaders it chooses to its networks.
/// </summary>
public sealed class NetworkService(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    /// <summary>Starts a network with this alliance as its first member.</summary>
    public async Task<Guid> CreateNetworkAsync(string name, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var network = new LeaderNetwork(name, r.TenantId, r.Now);
        db.Set<LeaderNetwork>().Add(network);
        db.Set<NetworkMember>().Add(new NetworkMember(network.Id, r.TenantId, r.Now));
        r.Audit(nameof(LeaderNetwork), network.Id, broker, "Started a leaders' network", null, null, network.Name);
        await ChangeRecorder.SaveAsync(db, ct);
        return network.Id;
    }

    /// <summary>A member invites another alliance; the invited alliance's managers are emailed, in its own outbox.</summary>
    public async Task InviteAsync(Guid networkId, Guid invitedTenantId, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var network = await MemberNetworkAsync(db, networkId, r.TenantId, ct);
        var invited = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == invitedTenantId && !t.IsCollege, ct)
            ?? throw new InvalidInputException("Alliance", "Choose an alliance to invite.");
        if (await db.Set<NetworkMember>().AnyAsync(m => m.NetworkId == networkId && m.TenantId == invitedTenantId, ct))
            throw new NotAllowedException($"{invited.Name} is already in {network.Name}.");
        if (await db.Set<NetworkInvitation>().AnyAsync(i => i.NetworkId == networkId && i.InvitedTenantId == invitedTenantId && i.State == NetworkInvitationState.Waiting, ct))
            throw new NotAllowedException($"{invited.Name} has already been invited and has still to answer.");
        var mine = await db.Tenants.AsNoTracking().Where(t => t.Id == r.TenantId).Select(t => t.Name).FirstAsync(ct);
        var invitation = new NetworkInvitation(r.TenantId, mine, network, invited.Id, invited.Name, broker, r.Now);
        db.Set<NetworkInvitation>().Add(invitation);
        r.Audit(nameof(NetworkInvitation), invitation.Id, broker, "Invited an alliance to a network", null, invitation.State.ToString(), $"{invited.Name} to {network.Name}");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ChangeRecorder.SaveAsync(db, ct);
        await CrossTenantWrite.InTenantAsync(db, contexts.ForStepIn(invited.Id), async other =>
        {
            var managers = await ChangeRecorder.ManagerEmailsAsync(other, ct);
            new ChangeRecorder(other, clock).Send(NetworkEmails.Invited(invitation, managers, links.Networks(invited.Slug)));
        }, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// The invited alliance's manager accepts (joining the network) or declines. The answer is written on the inviter's
    /// invitation in the inviter's tenant, in this alliance's transaction, and both alliances audit it.
    /// </summary>
    public async Task AnswerInvitationAsync(Guid invitationId, bool accept, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        // Lock 1 shows an alliance its own invitations; the ones sent to it are read past it, and lock 2 allows exactly those.
        var invitation = await db.Set<NetworkInvitation>().IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == invitationId && i.InvitedTenantId == r.TenantId, ct) ?? throw new NotFoundException();
        if (invitation.State != NetworkInvitationState.Waiting) throw new NotAllowedException("This invitation has already been answered.");
        if (accept && !await db.Set<NetworkMember>().AnyAsync(m => m.NetworkId == invitation.NetworkId && m.TenantId == invitation.TenantId, ct))
            throw new NotAllowedException($"{invitation.InvitedByName} has left {invitation.NetworkName} since inviting you: it can no longer be joined this way.");
        if (accept && !await db.Set<NetworkMember>().AnyAsync(m => m.NetworkId == invitation.NetworkId && m.TenantId == r.TenantId, ct))
            db.Set<NetworkMember>().Add(new NetworkMember(invitation.NetworkId, r.TenantId, r.Now));
        var action = accept ? "Joined a leaders' network" : "Declined to join a leaders' network";
        var detail = $"{invitation.NetworkName}, invited by {invitation.InvitedByName}";
        r.Audit(nameof(NetworkInvitation), invitation.Id, broker, action, NetworkInvitationState.Waiting.ToString(),
            (accept ? NetworkInvitationState.Accepted : NetworkInvitationState.Declined).ToString(), detail);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ChangeRecorder.SaveAsync(db, ct);
        await CrossTenantWrite.InTenantAsync(db, contexts.ForStepIn(invitation.TenantId), async inviter =>
        {
            var sent = await inviter.Set<NetworkInvitation>().FirstAsync(i => i.Id == invitationId, ct);
            sent.Answer(accept, broker, r.Now);
            new ChangeRecorder(inviter, clock).Audit(nameof(NetworkInvitation), sent.Id, broker, action, NetworkInvitationState.Waiting.ToString(), sent.State.ToString(),
                $"{sent.InvitedTenantName}: {detail}");
        }, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// This alliance leaves a network: its partners there stop finding its pooled leaders at once (the pool's read policy
    /// follows membership), and it stops finding theirs. Deployments already agreed go on.
    /// </summary>
    public async Task LeaveAsync(Guid networkId, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var network = await MemberNetworkAsync(db, networkId, r.TenantId, ct);
        var membership = await db.Set<NetworkMember>().FirstAsync(m => m.NetworkId == networkId && m.TenantId == r.TenantId, ct);
        db.Set<NetworkMember>().Remove(membership);
        r.Audit(nameof(LeaderNetwork), network.Id, broker, "Left a leaders' network", null, null, network.Name);
        await ChangeRecorder.SaveAsync(db, ct);
    }

    /// <summary>Offers a leader to this tenant's networks (or withdraws the offer), as a snapshot refreshed on each share.</summary>
    public async Task ShareWithNetworksAsync(Guid designationId, bool share, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var designation = await db.Designations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == designationId, ct) ?? throw new NotFoundException();
        var profile = await db.Set<LeaderProfile>().FirstOrDefaultAsync(p => p.UserId == designation.HolderUserId, ct)
            ?? throw new NotAllowedException("This leader has no profile yet: record their school and the days they can give.");
        var existing = await db.Set<PooledLeader>().FirstOrDefaultAsync(p => p.DesignationId == designationId, ct);
        profile.ShareWithNetwork(share);
        if (!share)
        {
            if (existing is not null) db.Set<PooledLeader>().Remove(existing);
        }
        else
        {
            var term = SchoolTerm.Of(r.Today);
            var candidate = (await FindLeaders.CandidatesAsync(db, [term], [], ct)).Single(c => c.DesignationId == designationId);
            if (!candidate.IsActive) throw new NotAllowedException("Only an active designation can be shared.");
            if (existing is null)
            {
                var tenantName = await db.Tenants.AsNoTracking().Where(t => t.Id == r.TenantId).Select(t => t.Name).FirstAsync(ct);
                db.Set<PooledLeader>().Add(new PooledLeader(r.TenantId, tenantName, candidate, profile, term, r.Now));
            }
            else
            {
                existing.Refresh(candidate, profile, term, r.Now);
            }
        }
        r.Audit(nameof(LeaderProfile), profile.Id, broker, share ? "Shared with networks" : "No longer shared with networks", null, null, designation.HolderName);
        await ChangeRecorder.SaveAsync(db, ct);
    }

    /// <summary>The networks page: this alliance's networks and members, invitations to it, its leaders and partners' asks.</summary>
    public async Task<NetworksOverview> OverviewAsync(Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var mine = db.TenantId!.Value;
        var networks = await db.Set<LeaderNetwork>().AsNoTracking()
            .Where(n => db.Set<NetworkMember>().Any(m => m.NetworkId == n.Id && m.TenantId == mine))
            .OrderBy(n => n.Name).ToListAsync(ct);
        var ids = networks.Select(n => n.Id).ToList();
        var members = await db.Set<NetworkMember>().AsNoTracking().Where(m => ids.Contains(m.NetworkId))
            .Join(db.Tenants, m => m.TenantId, t => t.Id, (m, t) => new { m.NetworkId, t.Name }).ToListAsync(ct);
        // Invitations this alliance sent (lock 1 as it stands) and those sent to it (past lock 1; lock 2 allows them).
        var sent = await db.Set<NetworkInvitation>().AsNoTracking().Where(i => ids.Contains(i.NetworkId)).OrderByDescending(i => i.InvitedAt).ToListAsync(ct);
        var toUs = await db.Set<NetworkInvitation>().IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.InvitedTenantId == mine && i.State == NetworkInvitationState.Waiting).OrderBy(i => i.InvitedAt).ToListAsync(ct);
        var others = await db.Tenants.AsNoTracking().Where(t => t.Id != mine && !t.IsCollege).OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var leaders = await (from d in db.Designations.AsNoTracking()
                             where d.State == DesignationState.Active
                             join p in db.Set<LeaderProfile>() on d.HolderUserId equals p.UserId into profiles
                             from p in profiles.DefaultIfEmpty()
                             orderby d.HolderName, d.Id
                             select new SharableLeader(d.Id, d.HolderName, d.Type, p != null,
                                 db.Set<PooledLeader>().Any(x => x.DesignationId == d.Id))).ToListAsync(ct);
        var asks = await db.Set<PoolAsk>().AsNoTracking().OrderByDescending(a => a.State == PoolAskState.Waiting).ThenByDescending(a => a.AskedAt)
            .Take(200).ToListAsync(ct);
        return new NetworksOverview(
            networks.Select(n => new NetworkSummary(n.Id, n.Name,
                members.Where(m => m.NetworkId == n.Id).Select(m => m.Name).Order().ToList(),
                sent.Where(i => i.NetworkId == n.Id).ToList())).ToList(),
            toUs, others.Select(o => (o.Id, o.Name)).ToList(), leaders, asks);
    }

    private static async Task<LeaderNetwork> MemberNetworkAsync(AppDbContext db, Guid networkId, Guid mine, CancellationToken ct) =>
        await db.Set<LeaderNetwork>().AsNoTracking()
            .FirstOrDefaultAsync(n => n.Id == networkId && db.Set<NetworkMember>().Any(m => m.NetworkId == n.Id && m.TenantId == mine), ct)
        ?? throw new NotFoundException();
}

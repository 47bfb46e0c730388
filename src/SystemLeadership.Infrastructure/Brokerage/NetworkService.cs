using SystemLeadership.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>Leaders' networks (003 §2, §6): joining one, and offering a leader to the networks the alliance is in.</summary>
public sealed class NetworkService(TenantDbContextFactory contexts, TimeProvider clock)
{
    /// <summary>Joins an agreed network for this tenant (opt-in: each alliance joins for itself).</summary>
    public async Task JoinNetworkAsync(Guid networkId, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        if (!await db.Set<LeaderNetwork>().AnyAsync(n => n.Id == networkId, ct)) throw new NotFoundException();
        if (await db.Set<NetworkMember>().AnyAsync(m => m.NetworkId == networkId && m.TenantId == r.TenantId, ct)) return;
        db.Set<NetworkMember>().Add(new NetworkMember(networkId, r.TenantId, r.Now));
        r.Audit(nameof(NetworkMember), networkId, broker, "Joined a leaders' network", null, null);
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
            ?? throw new NotAllowedException("This leader has no profile yet.");
        var existing = await db.Set<PooledLeader>().FirstOrDefaultAsync(p => p.DesignationId == designationId, ct);
        profile.ShareWithNetwork(share);
        if (!share)
        {
            if (existing is not null) db.Set<PooledLeader>().Remove(existing);
        }
        else
        {
            var term = SchoolTerm.Of(DateOnly.FromDateTime(r.Now.UtcDateTime));
            var candidate = (await FindLeaders.CandidatesAsync(db, term, [], ct)).Single(c => c.DesignationId == designationId);
            if (!candidate.IsActive) throw new NotAllowedException("Only an active designation can be shared.");
            if (existing is null)
            {
                var tenantName = await db.Tenants.AsNoTracking().Where(t => t.Id == r.TenantId).Select(t => t.Name).FirstAsync(ct);
                db.Set<PooledLeader>().Add(new PooledLeader(r.TenantId, tenantName, candidate, profile.Id, profile.CapacityHalfDaysPerTerm, term, r.Now));
            }
            else
            {
                existing.Refresh(candidate, profile.CapacityHalfDaysPerTerm, term, r.Now);
            }
        }
        r.Audit(nameof(LeaderProfile), profile.Id, broker, share ? "Shared with networks" : "No longer shared with networks", null, null, designation.HolderName);
        await ChangeRecorder.SaveAsync(db, ct);
    }
}

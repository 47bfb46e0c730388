using SystemLeadership.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>
/// How a deployment is agreed. <see cref="ProposalService"/> decides under a row lock on the leader's profile
/// (<see cref="LockLeaderAsync"/>); when the last party agrees, <see cref="AgreeAsync"/> commits the leader's days term by
/// term (<see cref="CommitCapacityAsync"/>, refused when any term would go over), creates the deployment and closes the
/// rivals, all in that one transaction. Extending a deployment or changing its leader commits capacity the same way.
/// </summary>
internal static class AgreeDeployment
{
    /// <summary>
    /// Everyone has agreed: commit the days against the leader's capacity (the caller holds the leader's row lock), create
    /// the deployment, mark the request brokered, tell every party, and close the rival proposals.
    /// </summary>
    internal static async Task AgreeAsync(AppDbContext db, TenantDbContextFactory contexts, ChangeRecorder r, Proposal proposal, Commission commission, Actor actor,
        AppLinks links, string slug, CancellationToken ct)
    {
        if (proposal.IsPooled)
        {
            // A pooled leader has one capacity, held at home: their days are committed there, in this transaction.
            await PoolAsks.CommitAtHomeAsync(db, contexts, r, proposal, actor, ct);
        }
        else
        {
            var profile = await db.Set<LeaderProfile>().AsNoTracking().FirstAsync(p => p.Id == proposal.LeaderProfileId, ct);
            await CommitCapacityAsync(db, profile, proposal.Id, proposal.Start, proposal.End, proposal.HalfDays, ct);
        }

        var deployment = new Deployment(proposal, commission);
        db.Set<Deployment>().Add(deployment);
        var from = commission.State;
        commission.Apply(CommissionMove.MarkBrokered, BrokerageRole.System, agreedProposalId: proposal.Id);
        r.Audit(nameof(Commission), commission.Id, actor, "Brokered", from.ToString(), commission.State.ToString(), $"Proposal {proposal.Id}");
        r.Audit(nameof(Deployment), deployment.Id, actor, "Deployment agreed", null, deployment.State.ToString());
        r.Activity(commission.Id, proposal.Id, deployment.Id, Audience.Everyone,
            $"Everyone has agreed: {proposal.LeaderName} will support {commission.SchoolName} from {proposal.Start:d MMMM yyyy}.", actor);
        r.Send(ProposalEmails.Agreed(proposal, commission, await r.BrokerEmailsAsync(ct), links.Deployment(slug, deployment.Id)));

        var rivals = await db.Set<Proposal>()
            .Where(p => p.CommissionId == commission.Id && p.Id != proposal.Id && (p.State == ProposalState.Draft || p.State == ProposalState.AwaitingConsent))
            .ToListAsync(ct);
        foreach (var rival in rivals)
        {
            var was = rival.State;
            rival.Apply(ProposalMove.CloseAsRival, BrokerageRole.System, r.Now, $"Another proposal for {commission.SchoolName} was agreed.");
            r.Audit(nameof(Proposal), rival.Id, actor, "Closed: another proposal was agreed", was.ToString(), rival.State.ToString());
            r.Activity(commission.Id, rival.Id, null, was == ProposalState.Draft ? Audience.Broker : Audience.Broker | Audience.Leader | Audience.LeaderHeadteacher,
                $"The proposal for {rival.LeaderName} was closed because another proposal was agreed.", actor);
            if (was == ProposalState.AwaitingConsent)
                r.Send(ProposalEmails.RivalClosed(rival, commission));
            await PoolAsks.FollowAsync(db, contexts, r, rival, $"Another proposal for {commission.SchoolName} was agreed.", actor, ct);
        }
    }

    /// <summary>
    /// At an early end, completion or change of leader: each term keeps only the days logged in it, shared out over that
    /// term's commitments (the agreement's and any extension's) so none is counted twice; the rest goes back.
    /// </summary>
    internal static void KeepOnlyLogged(IEnumerable<CapacityCommitment> commitments, IReadOnlyDictionary<string, int> loggedByTerm)
    {
        foreach (var term in commitments.GroupBy(c => c.TermKey))
        {
            var left = loggedByTerm.GetValueOrDefault(term.Key);
            foreach (var c in term)
            {
                var keep = Math.Min(c.HalfDays, left);
                left -= keep;
                c.Change(keep);
            }
        }
    }

    /// <summary>Takes a row lock on the leader's profile for the rest of the transaction.</summary>
    internal static async Task LockLeaderAsync(AppDbContext db, Guid tenantId, Guid leaderProfileId, CancellationToken ct)
    {
        var found = await db.Database
            .SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "LeaderProfiles" WHERE "TenantId" = {tenantId} AND "Id" = {leaderProfileId} FOR UPDATE""")
            .ToListAsync(ct);
        if (found.Count == 0) throw new NotFoundException();
    }

    /// <summary>
    /// Serialises every change to a school's days for its leaders (an agreement, a move of school, the limit set or lifted)
    /// on a transaction-scoped advisory lock, held whether or not the school has a limit yet, so a first limit cannot race
    /// an agreement. Always taken after the leader's row lock, so two changes never wait on each other in opposite orders.
    /// </summary>
    internal static async Task LockSchoolAsync(AppDbContext db, Guid tenantId, int schoolUrn, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({tenantId.ToString()}), {schoolUrn})", ct);

    /// <summary>
    /// Locks the school and says why these days would take it past its limit ("can release its leaders for …; the …
    /// term would be over by …"), or null when it sets none or they fit. Call inside the change's transaction.
    /// </summary>
    internal static async Task<string?> SchoolOverAsync(AppDbContext db, Guid tenantId, int schoolUrn, IReadOnlyList<(SchoolTerm Term, int HalfDays)> wanted, CancellationToken ct)
    {
        await LockSchoolAsync(db, tenantId, schoolUrn, ct);
        var limit = await db.Database
            .SqlQuery<int>($"""SELECT "CapacityHalfDaysPerTerm" AS "Value" FROM "SchoolCapacities" WHERE "TenantId" = {tenantId} AND "SchoolUrn" = {schoolUrn}""")
            .ToListAsync(ct);
        if (limit.Count == 0 || wanted.Count == 0) return null;
        var agreed = (await FindLeaders.SchoolAgreedAsync(db, [schoolUrn], [.. wanted.Select(w => w.Term.Key)], ct)).GetValueOrDefault(schoolUrn) ?? [];
        var shortfalls = Capacity.Shortfalls(limit[0], agreed, wanted);
        return shortfalls.Count == 0 ? null
            : $"releases its leaders for {HalfDays.Describe(limit[0])} a term in all, and " +
              string.Join("; ", shortfalls.Select(s => $"the {s.Term} would be over by {HalfDays.Describe(s.OverBy)}")) + ".";
    }

    /// <summary>Holds the days against the leader's capacity term by term; call with the leader's row locked.</summary>
    internal static async Task CommitCapacityAsync(AppDbContext db, LeaderProfile profile, Guid proposalId, DateOnly start, DateOnly end, int halfDays, CancellationToken ct)
    {
        var wanted = SchoolTerm.Spread(start, end, halfDays);
        var keys = wanted.Select(w => w.Term.Key).ToList();
        var committed = (await db.Set<CapacityCommitment>().AsNoTracking()
                .Where(c => c.LeaderProfileId == profile.Id && keys.Contains(c.TermKey))
                .GroupBy(c => c.TermKey).Select(g => new { g.Key, HalfDays = g.Sum(c => c.HalfDays) }).ToListAsync(ct))
            .ToDictionary(g => SchoolTerm.Parse(g.Key), g => g.HalfDays);
        var shortfalls = Capacity.Shortfalls(profile.CapacityHalfDaysPerTerm, committed, wanted);
        if (shortfalls.Count > 0)
        {
            throw new NotAllowedException(
                $"{profile.Name} does not have the days free: " +
                string.Join("; ", shortfalls.Select(s => $"{s.Term} would be over by {HalfDays.Describe(s.OverBy)}")) + ".");
        }
        if (await SchoolOverAsync(db, profile.TenantId, profile.SchoolUrn, wanted, ct) is { } over)
            throw new NotAllowedException($"{profile.SchoolName} does not have the days free for its leaders: it {over}");
        foreach (var (term, days) in wanted)
        {
            db.Set<CapacityCommitment>().Add(new CapacityCommitment(profile.TenantId, profile.Id, proposalId, term, days));
        }
    }
}

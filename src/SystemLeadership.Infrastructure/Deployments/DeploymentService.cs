using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Deployments;

/// <summary>
/// The broker's recorded changes to a deployment: pause, resume, complete, end early, extend (committing the extra days
/// under the leader's row lock) and change of leader (moving the unused days to the new leader's capacity).
/// </summary>
public sealed class DeploymentService(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    /// <summary>Pause, resume, end early or complete: each a recorded move from the deployment's table.</summary>
    public async Task MoveAsync(Guid id, uint version, DeploymentMove move, Actor broker, string? note = null, CancellationToken ct = default)
    {
        if (move is DeploymentMove.Extend or DeploymentMove.ChangeLeader) throw new NotAllowedException("Extensions and changes of leader have their own steps.");
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var deployment = await LoadAsync(db, id, ct, version);
        var from = deployment.State;
        var t = deployment.Apply(move, RoleOf(broker), note);
        var ends = move is DeploymentMove.EndEarly or DeploymentMove.Complete;
        var pooled = ends ? await PoolAsks.PooledAsync(db, deployment, ct) : null;
        if (ends && pooled is null) await ReleaseUnusedCapacityAsync(db, deployment, ct);
        await RecordMoveAsync(db, r, deployment, broker, t.Label, from, note, ct);
        if (pooled is null)
        {
            await ChangeRecorder.SaveAsync(db, ct);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ChangeRecorder.SaveAsync(db, ct);
        await PoolAsks.ReleaseAtHomeAsync(db, contexts, r, pooled, await LoggedByTermAsync(db, deployment, ct), broker, ct);
        await transaction.CommitAsync(ct);
    }

    public async Task ExtendAsync(Guid id, uint version, DateOnly newEnd, int extraHalfDays, Actor broker, string note, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var peek = await db.Set<Deployment>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException();
        await AgreeDeployment.LockLeaderAsync(db, r.TenantId, peek.LeaderProfileId, ct);
        var deployment = await LoadAsync(db, id, ct, version);
        var from = deployment.State;
        var oldEnd = deployment.End;
        var t = deployment.Extend(RoleOf(broker), newEnd, extraHalfDays, note);
        // The extended deployment still keeps to its leader's designation (an NLG's six months and 20 days; full time).
        if (DeploymentLimits.Problem(await LeaderTypeAsync(db, deployment, ct), deployment.AgreedHalfDays, deployment.Start, deployment.End) is { } limit)
            throw new InvalidInputException("extension", limit);
        if (extraHalfDays > 0)
        {
            var profile = await db.Set<LeaderProfile>().AsNoTracking().FirstAsync(p => p.Id == deployment.LeaderProfileId, ct);
            // The extra days fall in the added weeks when the end moves, otherwise in what is left of the deployment.
            var today = UkTime.Day(r.Now);
            var heldFrom = newEnd > oldEnd ? oldEnd.AddDays(1) : deployment.Start;
            if (today > heldFrom && today <= newEnd) heldFrom = today;
            if (await PoolAsks.PooledAsync(db, deployment, ct) is { } pooled)
                await PoolAsks.CommitAtHomeAsync(db, contexts, r, pooled, heldFrom, newEnd, extraHalfDays, broker, ct);
            else
                await AgreeDeployment.CommitCapacityAsync(db, profile, deployment.ProposalId, heldFrom, newEnd, extraHalfDays, ct);
        }
        await RecordMoveAsync(db, r, deployment, broker, t.Label, from, $"{note} (to {newEnd:d MMMM yyyy}, {HalfDays.Describe(deployment.AgreedHalfDays)} in all)", ct);
        await ChangeRecorder.SaveAsync(db, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Hands the rest of the deployment to another designated leader, moving the remaining days to their capacity.</summary>
    public async Task ChangeLeaderAsync(Guid id, uint version, Guid newDesignationId, Actor broker, string note, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var designation = await db.Designations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == newDesignationId, ct) ?? throw new NotFoundException();
        if (designation.State != DesignationState.Active) throw new NotAllowedException("That designation is not active.");
        var profile = await db.Set<LeaderProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.UserId == designation.HolderUserId, ct)
            ?? throw new NotAllowedException("The new leader has no profile yet.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AgreeDeployment.LockLeaderAsync(db, r.TenantId, profile.Id, ct);
        var deployment = await LoadAsync(db, id, ct, version);
        var from = deployment.State;
        var previous = deployment.LeaderName;
        if (await PoolAsks.PooledAsync(db, deployment, ct) is { } pooled)
            await PoolAsks.ReleaseAtHomeAsync(db, contexts, r, pooled, await LoggedByTermAsync(db, deployment, ct), broker, ct);
        else
            await ReleaseUnusedCapacityAsync(db, deployment, ct);
        var today = UkTime.Day(r.Now);
        if (deployment.RemainingHalfDays > 0)
            await AgreeDeployment.CommitCapacityAsync(db, profile, deployment.ProposalId, today > deployment.Start ? today : deployment.Start,
                deployment.End, deployment.RemainingHalfDays, ct);
        var t = deployment.ChangeLeader(RoleOf(broker), new ProposedLeader(designation.Id, profile.Id, profile.UserId, profile.Name, profile.Email,
            profile.SchoolUrn, profile.SchoolName, profile.IsHeadteacher, profile.HeadteacherName, profile.HeadteacherEmail,
            designation.DayRatePence ?? Money.DayRateFor(profile.IsHeadteacher), designation.Type), note);
        await RecordMoveAsync(db, r, deployment, broker, t.Label, from, $"{previous} → {profile.Name}: {note}", ct);
        var slug = await ChangeRecorder.SlugAsync(db, ct);
        r.Send(DeploymentEmails.LeaderChanged(deployment, profile, broker.Name, note, links.Deployment(slug, deployment.Id)));
        await ChangeRecorder.SaveAsync(db, ct);
        await transaction.CommitAsync(ct);
    }

    private async Task RecordMoveAsync(AppDbContext db, ChangeRecorder r, Deployment deployment, Actor broker, string label, DeploymentState from, string? note, CancellationToken ct)
    {
        r.Audit(nameof(Deployment), deployment.Id, broker, label, from.ToString(), deployment.State.ToString(), note);
        r.Activity(deployment.CommissionId, deployment.ProposalId, deployment.Id, Audience.Everyone,
            $"{broker.Name}: {label.ToLowerInvariant()}{(string.IsNullOrWhiteSpace(note) ? "" : " — " + note)}.", broker);
        var slug = await ChangeRecorder.SlugAsync(db, ct);
        r.Send(DeploymentEmails.Moved(deployment, broker.Name, label, note, links.Deployment(slug, deployment.Id)));
    }

    /// <summary>At an early end or a change of leader, days held but not used go back to the leader's capacity.</summary>
    private static async Task ReleaseUnusedCapacityAsync(AppDbContext db, Deployment deployment, CancellationToken ct)
    {
        var commitments = await db.Set<CapacityCommitment>()
            .Where(c => c.ProposalId == deployment.ProposalId && c.LeaderProfileId == deployment.LeaderProfileId).ToListAsync(ct);
        var logged = await LoggedByTermAsync(db, deployment, ct);
        AgreeDeployment.KeepOnlyLogged(commitments, logged);
    }

    /// <summary>The designation type of the deployment's current leader: theirs here, or as their pooled proposal records it.</summary>
    private static async Task<DesignationType> LeaderTypeAsync(AppDbContext db, Deployment deployment, CancellationToken ct) =>
        await db.Designations.AsNoTracking().Where(d => d.Id == deployment.DesignationId).Select(d => (DesignationType?)d.Type).FirstOrDefaultAsync(ct)
        ?? await db.Set<Proposal>().AsNoTracking().Where(p => p.Id == deployment.ProposalId).Select(p => p.LeaderType).FirstAsync(ct);

    /// <summary>The half days the deployment's current leader has logged, by term.</summary>
    private static async Task<Dictionary<string, int>> LoggedByTermAsync(AppDbContext db, Deployment deployment, CancellationToken ct) =>
        await db.Set<DayLogEntry>().AsNoTracking()
            .Where(l => l.DeploymentId == deployment.Id && l.LeaderUserId == deployment.LeaderUserId)
            .GroupBy(l => l.TermKey).Select(g => new { g.Key, HalfDays = g.Sum(l => l.HalfDays) }).ToDictionaryAsync(g => g.Key, g => g.HalfDays, ct);

    private static BrokerageRole RoleOf(Actor actor) =>
        actor.Is(SystemLeadership.Domain.Tenancy.TenantRoles.AllianceManager) ? BrokerageRole.Broker : BrokerageRole.Requester;

    /// <summary>A deployment to change, with the version the person saw as its concurrency token.</summary>
    internal static async Task<Deployment> LoadAsync(AppDbContext db, Guid id, CancellationToken ct, uint? version = null)
    {
        var deployment = await db.Set<Deployment>().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException();
        if (version is { } v) db.Entry(deployment).Property(d => d.Version).OriginalValue = v;
        return deployment;
    }
}

using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Domain.Workflows;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Deployments;

/// <summary>
/// One deployment as one person may see it: only the parts <see cref="DeploymentParties"/> opens to them, and the moves
/// they may make now. Null means "not found" — not in this tenant, or not theirs to see — for pages and downloads alike.
/// A prerendered page carries it to its circuit without its moves, which <see cref="DeploymentViews.From"/> works out again.
/// </summary>
public sealed record DeploymentView(
    Deployment Deployment,
    IReadOnlyList<BrokerageRole> Roles,
    DeploymentSight Sight,
    IReadOnlyList<Visit> Visits,
    IReadOnlyList<VisitRecord> Records,
    IReadOnlyList<VisitEvaluation> VisitEvaluations,
    IReadOnlyList<ObjectiveReview> Reviews,
    DeploymentEvaluation? Evaluation,
    IReadOnlyList<QaReview> QaReviews,
    [property: JsonIgnore] IReadOnlyList<Transition<DeploymentState, DeploymentMove, BrokerageRole, Deployment>> Moves)
{
    /// <summary>Half days planned in visits still to happen.</summary>
    public int PlannedHalfDays => Visits.Where(v => v.State == VisitState.Scheduled).Sum(v => v.HalfDays);

    public bool Is(BrokerageRole role) => Roles.Contains(role);
}

/// <summary>A visit's calendar file, for a party to the visit's deployment.</summary>
public sealed record VisitCalendarFile(string Content, string FileName);

/// <summary>Who sees which deployment, and what of it: the one place pages and endpoints ask.</summary>
public sealed class DeploymentViews(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    public async Task<DeploymentView?> ForAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var deployment = await db.Set<Deployment>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        return deployment is null ? null : (await ViewsAsync(db, [deployment], actor, ct)).SingleOrDefault();
    }

    /// <summary>
    /// The deployments this person is named on — as leader, leader's headteacher, supported school or commissioner — each
    /// as they may see it. The SQL narrows the rows; <see cref="DeploymentParties"/> decides, as for one deployment.
    /// </summary>
    public async Task<IReadOnlyList<DeploymentView>> MineAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var email = actor.Email.Trim().ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower to SQL lower().
        var deployments = await db.Set<Deployment>().AsNoTracking()
            .Where(d => d.LeaderUserId == actor.UserId || d.HeadteacherEmail.ToLower() == email
                        || d.SupportedSchoolContactEmail.ToLower() == email || d.CommissionerEmail.ToLower() == email)
            .OrderByDescending(d => d.Start).ToListAsync(ct);
#pragma warning restore CA1862
        // As a party, not as the broker: "my deployments" are those the person is named on.
        return await ViewsAsync(db, deployments, actor with { Roles = actor.Roles & ~TenantRoles.AllianceManager }, ct);
    }

    /// <summary>
    /// Each deployment as this person may see it, dropping those they are no party to. Every part is read once for all
    /// the deployments (a statement per table, on one connection), and a part is read only when someone may see it.
    /// </summary>
    private static async Task<IReadOnlyList<DeploymentView>> ViewsAsync(AppDbContext db, IReadOnlyList<Deployment> deployments, Actor actor, CancellationToken ct)
    {
        var seen = deployments.Select(d => (Deployment: d, Roles: DeploymentParties.Of(d, actor))).Where(x => x.Roles.Count > 0)
            .Select(x => (x.Deployment, x.Roles, Sight: DeploymentParties.Sight(x.Deployment, x.Roles))).ToList();
        if (seen.Count == 0) return [];
        await db.Database.OpenConnectionAsync(ct);
        List<Guid> Ids(Func<DeploymentSight, bool> part) => seen.Where(x => part(x.Sight)).Select(x => x.Deployment.Id).ToList();
        var all = Ids(_ => true);
        var visits = (await db.Set<Visit>().AsNoTracking().Where(v => all.Contains(v.DeploymentId)).OrderBy(v => v.StartsAt).ToListAsync(ct)).ToLookup(v => v.DeploymentId);
        var recordIds = Ids(s => s.VisitRecords);
        var records = (await db.Set<VisitRecord>().AsNoTracking().Where(v => recordIds.Contains(v.DeploymentId)).ToListAsync(ct)).ToLookup(v => v.DeploymentId);
        var evaluationIds = Ids(s => s.VisitEvaluations);
        var visitEvaluations = (await db.Set<VisitEvaluation>().AsNoTracking().Where(v => evaluationIds.Contains(v.DeploymentId)).ToListAsync(ct)).ToLookup(v => v.DeploymentId);
        var reviewIds = Ids(s => s.ObjectiveReviews);
        var reviews = (await db.Set<ObjectiveReview>().AsNoTracking().Where(o => reviewIds.Contains(o.DeploymentId)).OrderBy(o => o.At).ToListAsync(ct)).ToLookup(o => o.DeploymentId);
        var evaluations = await db.Set<DeploymentEvaluation>().AsNoTracking().Where(e => all.Contains(e.DeploymentId)).ToDictionaryAsync(e => e.DeploymentId, ct);
        var qaIds = Ids(s => s.QaReviews);
        var qaReviews = (await db.Set<QaReview>().AsNoTracking().Where(q => qaIds.Contains(q.DeploymentId)).OrderBy(q => q.OpenedAt).ToListAsync(ct)).ToLookup(q => q.DeploymentId);
        return seen.Select(x =>
        {
            var id = x.Deployment.Id;
            return View(x.Deployment, x.Roles, x.Sight, [.. visits[id]], [.. records[id]], [.. visitEvaluations[id]], [.. reviews[id]],
                evaluations.GetValueOrDefault(id), [.. qaReviews[id]]);
        }).ToList();
    }

    private static DeploymentView View(Deployment deployment, IReadOnlyList<BrokerageRole> roles, DeploymentSight sight, IReadOnlyList<Visit> visits,
        IReadOnlyList<VisitRecord> records, IReadOnlyList<VisitEvaluation> visitEvaluations, IReadOnlyList<ObjectiveReview> reviews,
        DeploymentEvaluation? evaluation, IReadOnlyList<QaReview> qaReviews) =>
        new(deployment, roles, sight, visits, records, visitEvaluations, reviews, evaluation, qaReviews,
            sight.ManageDeployment ? DeploymentWorkflow.Table.MovesFor(deployment, deployment.State, BrokerageRole.Broker) : []);

    /// <summary>
    /// The view of a deployment already read (by this page's prerender, for whoever it was prerendered for), decided
    /// afresh for the person, with only the parts they may see now and their moves now. Null when they are no party to it
    /// now, or may now see a part that was not read for them then: the page then reads it again (<see cref="ForAsync"/>),
    /// which decides.
    /// </summary>
    public static DeploymentView? From(DeploymentView read, Actor actor, Guid tenantId)
    {
        // Not read here, so the tenant's query filter did not see it: the tenant is checked as the filter would.
        if (read.Deployment.TenantId != tenantId) return null;
        var roles = DeploymentParties.Of(read.Deployment, actor);
        if (roles.Count == 0) return null;
        var (now, then) = (DeploymentParties.Sight(read.Deployment, roles), read.Sight);
        if ((now.VisitRecords && !then.VisitRecords) || (now.VisitEvaluations && !then.VisitEvaluations)
            || (now.ObjectiveReviews && !then.ObjectiveReviews) || (now.QaReviews && !then.QaReviews)) return null;
        return View(read.Deployment, roles, now, read.Visits, now.VisitRecords ? read.Records : [], now.VisitEvaluations ? read.VisitEvaluations : [],
            now.ObjectiveReviews ? read.Reviews : [], read.Evaluation, now.QaReviews ? read.QaReviews : []);
    }

    /// <summary>The deployment a request or proposal led to, when this person may see it.</summary>
    public async Task<Deployment?> FromProposalAsync(Guid proposalId, Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var deployment = await db.Set<Deployment>().AsNoTracking().FirstOrDefaultAsync(d => d.ProposalId == proposalId, ct);
        return deployment is not null && DeploymentParties.Of(deployment, actor).Count > 0 ? deployment : null;
    }

    /// <summary>The .ics for a visit, for the parties to its deployment; null for anyone else and any other tenant.</summary>
    public async Task<VisitCalendarFile?> CalendarAsync(Guid visitId, Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var visit = await db.Set<Visit>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null) return null;
        var deployment = await db.Set<Deployment>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == visit.DeploymentId, ct);
        if (deployment is null || DeploymentParties.Of(deployment, actor).Count == 0) return null;
        return new VisitCalendarFile(VisitCalendar.Write(visit, deployment, clock.GetUtcNow(), new Uri(links.BaseUrl).Host),
            $"visit-{FileNames.Slug(deployment.SchoolName)}.ics");
    }
}

using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Domain.Workflows;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Deployments;

/// <summary>
/// One deployment as one person may see it: only the parts <see cref="DeploymentParties"/> opens to them, and the moves
/// they may make now. Null means "not found" — not in this tenant, or not theirs to see — for pages and downloads alike.
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
    IReadOnlyList<Transition<DeploymentState, DeploymentMove, BrokerageRole, Deployment>> Moves)
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
        if (deployment is null) return null;
        var roles = DeploymentParties.Of(deployment, actor);
        if (roles.Count == 0) return null;
        var sight = DeploymentParties.Sight(deployment, roles);
        var visits = await db.Set<Visit>().AsNoTracking().Where(v => v.DeploymentId == id).OrderBy(v => v.StartsAt).ToListAsync(ct);
        IReadOnlyList<VisitRecord> records = sight.VisitRecords
            ? await db.Set<VisitRecord>().AsNoTracking().Where(v => v.DeploymentId == id).ToListAsync(ct) : [];
        IReadOnlyList<VisitEvaluation> visitEvaluations = sight.VisitEvaluations
            ? await db.Set<VisitEvaluation>().AsNoTracking().Where(v => v.DeploymentId == id).ToListAsync(ct) : [];
        IReadOnlyList<ObjectiveReview> reviews = sight.ObjectiveReviews
            ? await db.Set<ObjectiveReview>().AsNoTracking().Where(o => o.DeploymentId == id).OrderBy(o => o.At).ToListAsync(ct) : [];
        var evaluation = await db.Set<DeploymentEvaluation>().AsNoTracking().FirstOrDefaultAsync(e => e.DeploymentId == id, ct);
        IReadOnlyList<QaReview> qaReviews = sight.QaReviews
            ? await db.Set<QaReview>().AsNoTracking().Where(q => q.DeploymentId == id).OrderBy(q => q.OpenedAt).ToListAsync(ct) : [];
        var moves = sight.ManageDeployment ? DeploymentWorkflow.Table.MovesFor(deployment, deployment.State, BrokerageRole.Broker) : [];
        return new DeploymentView(deployment, roles, sight, visits, records, visitEvaluations, reviews, evaluation, qaReviews, moves);
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
        var ids = await db.Set<Deployment>().AsNoTracking()
            .Where(d => d.LeaderUserId == actor.UserId || d.HeadteacherEmail.ToLower() == email
                        || d.SupportedSchoolContactEmail.ToLower() == email || d.CommissionerEmail.ToLower() == email)
            .OrderByDescending(d => d.Start).Select(d => d.Id).ToListAsync(ct);
#pragma warning restore CA1862
        // As a party, not as the broker: "my deployments" are those the person is named on.
        var asParty = actor with { Roles = actor.Roles & ~TenantRoles.AllianceManager };
        List<DeploymentView> views = [];
        foreach (var id in ids)
        {
            if (await ForAsync(id, asParty, ct) is { } view) views.Add(view);
        }
        return views;
    }

    /// <summary>Every deployment in the tenant, for the broker's board; nothing for anyone else.</summary>
    public async Task<IReadOnlyList<Deployment>> AllAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return [];
        await using var db = contexts.CreateDbContext();
        return await db.Set<Deployment>().AsNoTracking().OrderByDescending(d => d.Start).ToListAsync(ct);
    }

    /// <summary>The deployment a request or proposal led to, when this person may see it.</summary>
    public async Task<Deployment?> FromProposalAsync(Guid proposalId, Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var deployment = await db.Set<Deployment>().AsNoTracking().FirstOrDefaultAsync(d => d.ProposalId == proposalId, ct);
        return deployment is not null && DeploymentParties.Of(deployment, actor).Count > 0 ? deployment : null;
    }

    /// <summary>Open quality-assurance reviews, for the broker's board.</summary>
    public async Task<IReadOnlyList<QaReview>> OpenQaReviewsAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return [];
        await using var db = contexts.CreateDbContext();
        return await db.Set<QaReview>().AsNoTracking().Where(q => q.State == QaReviewState.Open).OrderBy(q => q.OpenedAt).ToListAsync(ct);
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

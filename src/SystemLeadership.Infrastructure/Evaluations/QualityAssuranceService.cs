using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Evaluations;

/// <summary>The supported school's Deployment Evaluation Form (004), as the service takes it.</summary>
public sealed record DeploymentEvaluationForm(IReadOnlyList<int> ObjectiveRatings, string ImpactSeen, int LeadershipCapacityBuilt, bool WouldUseAgain, string Comments);

/// <summary>
/// Quality assurance: the broker's progress reviews of each objective, the supported school's Deployment Evaluation
/// (a low rating opens a QA review), the review's conclusion (a de-designation review flags the designation), and a
/// leader's record of evaluations and reviews, the evidence of impact for re-designation.
/// </summary>
public sealed class QualityAssuranceService(TenantDbContextFactory contexts, TimeProvider clock)
{
    public async Task<ObjectiveReview> ReviewObjectiveAsync(Guid deploymentId, int objectiveIndex, ObjectiveStatus status, string note, bool isFinal, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var deployment = await db.Set<Deployment>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == deploymentId, ct) ?? throw new NotFoundException();
        var review = new ObjectiveReview(deployment, objectiveIndex, status, note, isFinal, broker.Name, r.Now);
        db.Set<ObjectiveReview>().Add(review);
        var label = EvaluationEmails.StatusLabel(status);
        r.Audit(nameof(ObjectiveReview), review.Id, broker, isFinal ? "Final review of objective" : "Progress review of objective", null, status.ToString(), note);
        r.Activity(deployment.CommissionId, deployment.ProposalId, deployment.Id, Audience.Broker | Audience.Leader | Audience.LeaderHeadteacher,
            $"{broker.Name} reviewed \"{review.Objective}\": {label}{(string.IsNullOrWhiteSpace(note) ? "" : " — " + review.Note)}.", broker);
        if (status != ObjectiveStatus.OnTrack)
            r.Send(EvaluationEmails.ObjectiveReviewed(deployment, review));
        await ChangeRecorder.SaveAsync(db, ct);
        return review;
    }

    /// <summary>The supported school's Deployment Evaluation Form; a low rating opens a QA review.</summary>
    public async Task<(DeploymentEvaluation Evaluation, QaReview? Review)> EvaluateDeploymentAsync(Guid deploymentId, DeploymentEvaluationForm form, Actor school, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var deployment = await db.Set<Deployment>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == deploymentId, ct) ?? throw new NotFoundException();
        if (!DeploymentParties.Sight(deployment, DeploymentParties.Of(deployment, school)).EvaluateDeployment)
            throw new NotAllowedException("The deployment evaluation is completed by the supported school.");
        var evaluation = new DeploymentEvaluation(deployment, form.ObjectiveRatings, form.ImpactSeen, form.LeadershipCapacityBuilt,
            form.WouldUseAgain, form.Comments, school.Name, r.Now);
        db.Set<DeploymentEvaluation>().Add(evaluation);
        r.Audit(nameof(DeploymentEvaluation), evaluation.Id, school, "Deployment evaluated", null, null,
            $"Ratings {string.Join(", ", form.ObjectiveRatings)}; capacity {form.LeadershipCapacityBuilt}; would use again: {(form.WouldUseAgain ? "yes" : "no")}");
        r.Activity(deployment.CommissionId, deployment.ProposalId, deployment.Id, Audience.Everyone,
            $"{school.Name} completed the Deployment Evaluation.", school);
        var brokers = await r.BrokerEmailsAsync(ct);
        r.Send(EvaluationEmails.Evaluated(deployment, evaluation, brokers));

        QaReview? review = null;
        var reasons = evaluation.LowRatingReasons(deployment.Objectives);
        if (reasons.Count > 0)
        {
            review = new QaReview(evaluation, reasons, r.Now);
            db.Set<QaReview>().Add(review);
            r.Audit(nameof(QaReview), review.Id, school, "Quality-assurance review opened", null, review.State.ToString(), string.Join(" ", reasons));
            r.Activity(deployment.CommissionId, deployment.ProposalId, deployment.Id, Audience.Broker,
                $"A quality-assurance review was opened: {string.Join(" ", reasons)}", school);
            r.Send(EvaluationEmails.QaReviewOpened(deployment, review, brokers));
        }
        await ChangeRecorder.SaveAsync(db, ct);
        return (evaluation, review);
    }

    public async Task CloseQaReviewAsync(Guid reviewId, uint version, QaReviewState outcome, string note, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var review = await db.Set<QaReview>().FirstOrDefaultAsync(q => q.Id == reviewId, ct) ?? throw new NotFoundException();
        db.Entry(review).Property(q => q.Version).OriginalValue = version;
        var deployment = await db.Set<Deployment>().AsNoTracking().FirstAsync(d => d.Id == review.DeploymentId, ct);
        review.Close(outcome, note, r.Now);
        r.Audit(nameof(QaReview), review.Id, broker, "Quality-assurance review closed", QaReviewState.Open.ToString(), outcome.ToString(), note);
        var ending = outcome switch
        {
            QaReviewState.NoteOnLeaderRecord => "with a note on the leader's record",
            QaReviewState.DeDesignationReview => "with a de-designation review",
            _ => "with no further action",
        };
        r.Activity(deployment.CommissionId, deployment.ProposalId, deployment.Id, Audience.Broker, $"{broker.Name} closed the quality-assurance review {ending}: {review.Outcome}", broker);
        if (outcome == QaReviewState.DeDesignationReview
            && await db.Designations.FirstOrDefaultAsync(d => d.Id == deployment.DesignationId, ct) is { } designation)
        {
            // The review lands where de-designation is decided: the designation is flagged on the managers' list.
            designation.FlagForReview($"Quality-assurance review of the support for {deployment.SchoolName}: {review.Outcome}", r.Now);
            r.Audit(nameof(Designation), designation.Id, broker, "Flagged for review: quality of support", null, null, designation.ReviewFlag);
        }
        if (outcome != QaReviewState.ClosedNoAction)
            r.Send(EvaluationEmails.QaReviewClosed(deployment, review, ending));
        await ChangeRecorder.SaveAsync(db, ct);
    }

    /// <summary>A leader's record: their deployment evaluations (evidence of impact for re-designation) and QA outcomes.</summary>
    public async Task<LeaderRecord> LeaderRecordAsync(string leaderUserId, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var evaluations = await db.Set<DeploymentEvaluation>().AsNoTracking().Where(e => e.LeaderUserId == leaderUserId).OrderBy(e => e.SubmittedAt).ToListAsync(ct);
        var reviews = await db.Set<QaReview>().AsNoTracking().Where(q => q.LeaderUserId == leaderUserId).OrderBy(q => q.OpenedAt).ToListAsync(ct);
        return new(evaluations, reviews);
    }
}

public sealed record LeaderRecord(IReadOnlyList<DeploymentEvaluation> EvidenceOfImpact, IReadOnlyList<QaReview> QualityReviews);

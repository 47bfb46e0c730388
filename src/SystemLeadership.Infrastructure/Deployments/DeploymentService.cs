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
using SystemLeadership.Infrastructure.Designations;

namespace SystemLeadership.Infrastructure.Deployments;

public sealed record VisitRecordForm(string Summary, string ActionsAgreed, string NextSteps, int HalfDaysSpent);
public sealed record VisitEvaluationForm(int ProgressRating, string WhatWorked, string Concerns);
public sealed record DeploymentEvaluationForm(IReadOnlyList<int> ObjectiveRatings, string ImpactSeen, int LeadershipCapacityBuilt, bool WouldUseAgain, string Comments);

/// <summary>A visit scheduled, with a warning when its days would take the deployment past what was agreed.</summary>
public sealed record ScheduledVisit(Visit Visit, string? OverrunWarning);

/// <summary>
/// Deploy and quality-assure: visits and their two forms, days logged against the commitment, the broker's recorded
/// moves, progress reviews, the school's evaluation and the QA review a low rating opens.
/// </summary>
public sealed class DeploymentService(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    // The Visit Record goes to the supported school; the Visit Evaluation is for the leader's head and the broker only.
    private const Audience RecordAudience = Audience.Broker | Audience.Leader | Audience.LeaderHeadteacher | Audience.SupportedSchool;
    private const Audience EvaluationAudience = Audience.Broker | Audience.Leader | Audience.LeaderHeadteacher;

    public async Task<ScheduledVisit> ScheduleVisitAsync(Guid deploymentId, DateTimeOffset startsAt, int halfDays, string location, Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var deployment = await LoadAsync(db, deploymentId, ct);
        if (!DeploymentParties.Sight(deployment, DeploymentParties.Of(deployment, actor)).ScheduleVisits)
            throw new NotAllowedException(deployment.State == DeploymentState.Active
                ? "Only the deployed leader or the broker schedules visits." : "Visits are scheduled only while the deployment is active.");
        var visit = new Visit(deployment, startsAt, halfDays, location);
        var planned = await db.Set<Visit>().Where(v => v.DeploymentId == deploymentId && v.State == VisitState.Scheduled).SumAsync(v => v.HalfDays, ct);
        var warning = deployment.OverrunWarning(halfDays, planned);
        db.Set<Visit>().Add(visit);
        r.Audit(nameof(Visit), visit.Id, actor, "Visit scheduled", null, visit.State.ToString(), $"{startsAt:yyyy-MM-dd HH:mm}, {HalfDays.Describe(halfDays)}");
        var text = $"{actor.Name} scheduled a visit on {startsAt:d MMMM yyyy} ({HalfDays.Describe(halfDays)}) at {visit.Location}.";
        r.Activity(deployment.CommissionId, deployment.ProposalId, deployment.Id, RecordAudience, text, actor);
        var slug = await ChangeRecorder.SlugAsync(db, ct);
        r.EmailAll([deployment.LeaderEmail, deployment.SupportedSchoolContactEmail], $"Visit to {deployment.SchoolName} on {startsAt:d MMMM yyyy}",
            $"""
            {text}
            Add it to your calendar from the deployment page: {links.Deployment(slug, deployment.Id)}
            """);
        await ChangeRecorder.SaveAsync(db, ct);
        return new(visit, warning);
    }

    /// <summary>The leader's Visit Record Form: logs the days and sends the record to the person receiving support.</summary>
    public async Task<VisitRecord> RecordVisitAsync(Guid visitId, VisitRecordForm form, Actor leader, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var visit = await db.Set<Visit>().FirstOrDefaultAsync(v => v.Id == visitId, ct) ?? throw new NotFoundException();
        var deployment = await LoadAsync(db, visit.DeploymentId, ct);
        if (!DeploymentParties.Sight(deployment, DeploymentParties.Of(deployment, leader)).RecordVisits)
            throw new NotAllowedException("Only the deployed leader records their visit.");
        var record = new VisitRecord(visit, form.Summary, form.ActionsAgreed, form.NextSteps, form.HalfDaysSpent, r.Now);
        visit.MarkRecorded();
        deployment.LogDays(form.HalfDaysSpent);
        db.Set<VisitRecord>().Add(record);
        db.Set<DayLogEntry>().Add(new DayLogEntry(deployment, visit.Id, DateOnly.FromDateTime(visit.StartsAt.UtcDateTime), form.HalfDaysSpent));
        r.Audit(nameof(Visit), visit.Id, leader, "Visit recorded", VisitState.Scheduled.ToString(), visit.State.ToString(),
            $"{HalfDays.Describe(form.HalfDaysSpent)} logged; {HalfDays.Describe(deployment.LoggedHalfDays)} of {HalfDays.Describe(deployment.AgreedHalfDays)} used");
        r.Activity(deployment.CommissionId, deployment.ProposalId, deployment.Id, RecordAudience,
            $"{leader.Name} completed the Visit Record for {visit.StartsAt:d MMMM yyyy}: {HalfDays.Describe(form.HalfDaysSpent)} logged.", leader);
        r.Email(deployment.SupportedSchoolContactEmail, $"Visit record: {deployment.LeaderName}, {visit.StartsAt:d MMMM yyyy}",
            $"""
            Visit Record Form from {deployment.LeaderName} ({deployment.LeaderSchoolName}) for the visit on {visit.StartsAt:d MMMM yyyy}.

            What the visit covered: {record.Summary}
            Actions agreed: {record.ActionsAgreed}
            Next steps: {record.NextSteps}
            Time: {HalfDays.Describe(record.HalfDaysSpent)}
            """);
        await ChangeRecorder.SaveAsync(db, ct);
        return record;
    }

    /// <summary>The leader's Visit Evaluation Form: for their headteacher and the alliance manager, never the supported school.</summary>
    public async Task<VisitEvaluation> EvaluateVisitAsync(Guid visitId, VisitEvaluationForm form, Actor leader, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var visit = await db.Set<Visit>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == visitId, ct) ?? throw new NotFoundException();
        var deployment = await db.Set<Deployment>().AsNoTracking().FirstAsync(d => d.Id == visit.DeploymentId, ct);
        if (!DeploymentParties.Sight(deployment, DeploymentParties.Of(deployment, leader)).RecordVisits)
            throw new NotAllowedException("Only the deployed leader evaluates their visit.");
        var evaluation = new VisitEvaluation(visit, form.ProgressRating, form.WhatWorked, form.Concerns, r.Now);
        db.Set<VisitEvaluation>().Add(evaluation);
        r.Audit(nameof(VisitEvaluation), evaluation.Id, leader, "Visit evaluated", null, null, $"Progress {form.ProgressRating} of 5");
        r.Activity(deployment.CommissionId, deployment.ProposalId, deployment.Id, EvaluationAudience,
            $"{leader.Name} completed the Visit Evaluation for {visit.StartsAt:d MMMM yyyy}: progress {form.ProgressRating} of 5.", leader);
        r.EmailAll([deployment.HeadteacherEmail, .. await r.BrokerEmailsAsync(ct)],
            $"Visit evaluation: {deployment.LeaderName} at {deployment.SchoolName}",
            $"""
            Visit Evaluation Form from {deployment.LeaderName} for the visit on {visit.StartsAt:d MMMM yyyy}.

            Progress: {form.ProgressRating} of 5
            What worked: {evaluation.WhatWorked}
            Concerns: {evaluation.Concerns}
            """);
        await ChangeRecorder.SaveAsync(db, ct);
        return evaluation;
    }

    /// <summary>Pause, resume, end early or complete: each a recorded move from the deployment's table.</summary>
    public async Task MoveAsync(Guid id, uint version, DeploymentMove move, Actor broker, string? note = null, CancellationToken ct = default)
    {
        if (move is DeploymentMove.Extend or DeploymentMove.ChangeLeader) throw new NotAllowedException("Extensions and changes of leader have their own steps.");
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var deployment = await LoadAsync(db, id, ct, version);
        var from = deployment.State;
        var t = deployment.Apply(move, RoleOf(broker), note);
        if (move is DeploymentMove.EndEarly or DeploymentMove.Complete) await ReleaseUnusedCapacityAsync(db, deployment, ct);
        await RecordMoveAsync(db, r, deployment, broker, t.Label, from, note, ct);
        await ChangeRecorder.SaveAsync(db, ct);
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
        if (extraHalfDays > 0)
        {
            var profile = await db.Set<LeaderProfile>().AsNoTracking().FirstAsync(p => p.Id == deployment.LeaderProfileId, ct);
            // The extra days fall in the added weeks when the end moves, otherwise in what is left of the deployment.
            var today = DateOnly.FromDateTime(r.Now.UtcDateTime);
            var heldFrom = newEnd > oldEnd ? oldEnd.AddDays(1) : deployment.Start;
            if (today > heldFrom && today <= newEnd) heldFrom = today;
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
        await ReleaseUnusedCapacityAsync(db, deployment, ct);
        var today = DateOnly.FromDateTime(r.Now.UtcDateTime);
        if (deployment.RemainingHalfDays > 0)
            await AgreeDeployment.CommitCapacityAsync(db, profile, deployment.ProposalId, today > deployment.Start ? today : deployment.Start,
                deployment.End, deployment.RemainingHalfDays, ct);
        var t = deployment.ChangeLeader(RoleOf(broker), new ProposedLeader(designation.Id, profile.Id, profile.UserId, profile.Name, profile.Email,
            profile.SchoolUrn, profile.SchoolName, profile.IsHeadteacher, profile.HeadteacherName, profile.HeadteacherEmail,
            designation.DayRatePence ?? Money.DayRateFor(profile.IsHeadteacher)), note);
        await RecordMoveAsync(db, r, deployment, broker, t.Label, from, $"{previous} → {profile.Name}: {note}", ct);
        r.EmailAll([profile.Email, profile.HeadteacherEmail], $"You are now the leader supporting {deployment.SchoolName}",
            $"{broker.Name} has asked you to take over the support for {deployment.SchoolName}: {note}");
        await ChangeRecorder.SaveAsync(db, ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<ObjectiveReview> ReviewObjectiveAsync(Guid deploymentId, int objectiveIndex, ObjectiveStatus status, string note, bool isFinal, Actor broker, CancellationToken ct = default)
    {
        ChangeRecorder.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var deployment = await db.Set<Deployment>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == deploymentId, ct) ?? throw new NotFoundException();
        var review = new ObjectiveReview(deployment, objectiveIndex, status, note, isFinal, broker.Name, r.Now);
        db.Set<ObjectiveReview>().Add(review);
        var label = status switch { ObjectiveStatus.OnTrack => "on track", ObjectiveStatus.AtRisk => "at risk", _ => "off track" };
        r.Audit(nameof(ObjectiveReview), review.Id, broker, isFinal ? "Final review of objective" : "Progress review of objective", null, status.ToString(), note);
        r.Activity(deployment.CommissionId, deployment.ProposalId, deployment.Id, Audience.Broker | Audience.Leader | Audience.LeaderHeadteacher,
            $"{broker.Name} reviewed \"{review.Objective}\": {label}{(string.IsNullOrWhiteSpace(note) ? "" : " — " + review.Note)}.", broker);
        if (status != ObjectiveStatus.OnTrack)
            r.Email(deployment.LeaderEmail, $"Objective {label}: {deployment.SchoolName}", $"\"{review.Objective}\" is {label}: {review.Note}");
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
        r.EmailAll([deployment.LeaderEmail, deployment.HeadteacherEmail, .. brokers], $"Deployment evaluation: {deployment.SchoolName}",
            $"""
            {deployment.SchoolName} has evaluated the support from {deployment.LeaderName}.
            Ratings per objective: {string.Join(", ", form.ObjectiveRatings)} (of 5). Leadership capacity built: {form.LeadershipCapacityBuilt} of 5.
            Impact seen: {evaluation.ImpactSeen}
            """);

        QaReview? review = null;
        var reasons = evaluation.LowRatingReasons(deployment.Objectives);
        if (reasons.Count > 0)
        {
            review = new QaReview(evaluation, reasons, r.Now);
            db.Set<QaReview>().Add(review);
            r.Audit(nameof(QaReview), review.Id, school, "Quality-assurance review opened", null, review.State.ToString(), string.Join(" ", reasons));
            r.Activity(deployment.CommissionId, deployment.ProposalId, deployment.Id, Audience.Broker,
                $"A quality-assurance review was opened: {string.Join(" ", reasons)}", school);
            r.EmailAll(brokers, $"Quality-assurance review needed: {deployment.LeaderName}", string.Join("\n", reasons));
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
            r.EmailAll([deployment.LeaderEmail, deployment.HeadteacherEmail], "The outcome of a quality-assurance review",
                $"The quality-assurance review of the support for {deployment.SchoolName} has closed {ending}: {review.Outcome}");
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

    private async Task RecordMoveAsync(AppDbContext db, ChangeRecorder r, Deployment deployment, Actor broker, string label, DeploymentState from, string? note, CancellationToken ct)
    {
        r.Audit(nameof(Deployment), deployment.Id, broker, label, from.ToString(), deployment.State.ToString(), note);
        r.Activity(deployment.CommissionId, deployment.ProposalId, deployment.Id, Audience.Everyone,
            $"{broker.Name}: {label.ToLowerInvariant()}{(string.IsNullOrWhiteSpace(note) ? "" : " — " + note)}.", broker);
        var slug = await ChangeRecorder.SlugAsync(db, ct);
        r.EmailAll([deployment.LeaderEmail, deployment.HeadteacherEmail, deployment.SupportedSchoolContactEmail, deployment.CommissionerEmail],
            $"Deployment at {deployment.SchoolName}: {label.ToLowerInvariant()}",
            $"""
            {broker.Name} recorded a change to the deployment: {label.ToLowerInvariant()}{(string.IsNullOrWhiteSpace(note) ? "" : " — " + note)}.

            {links.Deployment(slug, deployment.Id)}
            """);
    }

    /// <summary>At an early end or a change of leader, days held but not used go back to the leader's capacity.</summary>
    private static async Task ReleaseUnusedCapacityAsync(AppDbContext db, Deployment deployment, CancellationToken ct)
    {
        var commitments = await db.Set<CapacityCommitment>()
            .Where(c => c.ProposalId == deployment.ProposalId && c.LeaderProfileId == deployment.LeaderProfileId).ToListAsync(ct);
        var logged = await db.Set<DayLogEntry>().AsNoTracking()
            .Where(l => l.DeploymentId == deployment.Id && l.LeaderUserId == deployment.LeaderUserId)
            .GroupBy(l => l.TermKey).Select(g => new { g.Key, HalfDays = g.Sum(l => l.HalfDays) }).ToDictionaryAsync(g => g.Key, g => g.HalfDays, ct);
        foreach (var c in commitments) c.Change(Math.Min(c.HalfDays, logged.GetValueOrDefault(c.TermKey)));
    }

    private static BrokerageRole RoleOf(Actor actor) =>
        actor.Is(SystemLeadership.Domain.Tenancy.TenantRoles.AllianceManager) ? BrokerageRole.Broker : BrokerageRole.Requester;

    private static async Task<Deployment> LoadAsync(AppDbContext db, Guid id, CancellationToken ct, uint? version = null)
    {
        var deployment = await db.Set<Deployment>().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException();
        if (version is { } v) db.Entry(deployment).Property(d => d.Version).OriginalValue = v;
        return deployment;
    }
}

public sealed record LeaderRecord(IReadOnlyList<DeploymentEvaluation> EvidenceOfImpact, IReadOnlyList<QaReview> QualityReviews);

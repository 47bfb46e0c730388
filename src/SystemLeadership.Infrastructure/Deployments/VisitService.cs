using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Deployments;

public sealed record VisitRecordForm(string Summary, string ActionsAgreed, string NextSteps, int HalfDaysSpent);
public sealed record VisitEvaluationForm(int ProgressRating, string WhatWorked, string Concerns);

/// <summary>A visit scheduled, with a warning when its days would take the deployment past what was agreed.</summary>
public sealed record ScheduledVisit(Visit Visit, string? OverrunWarning);

/// <summary>
/// Visits: scheduled by the leader or the broker (with a warning when the days would run over), recorded by the leader
/// on the Visit Record Form — which logs the days and goes to the supported school — and evaluated on the Visit
/// Evaluation Form, which goes to the leader's head and the broker, never the school (004).
/// </summary>
public sealed class VisitService(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    // The Visit Record goes to the supported school; the Visit Evaluation is for the leader's head and the broker only.
    private const Audience RecordAudience = Audience.Broker | Audience.Leader | Audience.LeaderHeadteacher | Audience.SupportedSchool;
    private const Audience EvaluationAudience = Audience.Broker | Audience.Leader | Audience.LeaderHeadteacher;

    public const string RequestKeyIndex = "IX_Visits_TenantId_RequestKey";

    /// <summary>
    /// Schedules a visit. A form's <paramref name="requestKey"/> makes sending it again (after an error whose answer was
    /// lost, or two presses at once) schedule one visit: the second answer is the visit the first scheduled.
    /// </summary>
    public async Task<ScheduledVisit> ScheduleVisitAsync(Guid deploymentId, DateTimeOffset startsAt, int halfDays, string location, Actor actor,
        Guid? requestKey = null, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var deployment = await DeploymentService.LoadAsync(db, deploymentId, ct);
        if (!DeploymentParties.Sight(deployment, DeploymentParties.Of(deployment, actor)).ScheduleVisits)
            throw new NotAllowedException(deployment.State == DeploymentState.Active
                ? "Only the deployed leader or the broker schedules visits." : "Visits are scheduled only while the deployment is active.");
        var visit = new Visit(deployment, startsAt, halfDays, location, requestKey);
        var planned = await db.Set<Visit>().Where(v => v.DeploymentId == deploymentId && v.State == VisitState.Scheduled).SumAsync(v => v.HalfDays, ct);
        var warning = deployment.OverrunWarning(halfDays, planned);
        db.Set<Visit>().Add(visit);
        r.Audit(nameof(Visit), visit.Id, actor, "Visit scheduled", null, visit.State.ToString(), $"{startsAt:yyyy-MM-dd HH:mm}, {HalfDays.Describe(halfDays)}");
        var text = $"{actor.Name} scheduled a visit on {UkTime.Format(startsAt, "d MMMM yyyy")} ({HalfDays.Describe(halfDays)}) at {visit.Location}.";
        r.Activity(deployment.CommissionId, deployment.ProposalId, deployment.Id, RecordAudience, text, actor);
        var slug = await ChangeRecorder.SlugAsync(db, ct);
        r.Send(VisitEmails.Scheduled(deployment, startsAt, text, links.Deployment(slug, deployment.Id)));
        var scheduled = await ChangeRecorder.SaveOrFindAsync(db, RequestKeyIndex, visit, v => v.RequestKey == requestKey,
            first => first.DeploymentId == deploymentId && first.StartsAt == startsAt && first.HalfDays == halfDays && first.Location == visit.Location,
            _ => "This form was already sent with other details. To schedule another visit, open the form afresh.", ct);
        // The overrun warning was the first sending's to show.
        return new(scheduled, ReferenceEquals(scheduled, visit) ? warning : null);
    }

    /// <summary>The leader's Visit Record Form: logs the days and sends the record to the person receiving support.</summary>
    public async Task<VisitRecord> RecordVisitAsync(Guid visitId, VisitRecordForm form, Actor leader, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var visit = await db.Set<Visit>().FirstOrDefaultAsync(v => v.Id == visitId, ct) ?? throw new NotFoundException();
        var deployment = await DeploymentService.LoadAsync(db, visit.DeploymentId, ct);
        if (!DeploymentParties.Sight(deployment, DeploymentParties.Of(deployment, leader)).RecordVisits)
            throw new NotAllowedException("Only the deployed leader records their visit.");
        visit.MarkRecorded(r.Now);
        var record = new VisitRecord(visit, form.Summary, form.ActionsAgreed, form.NextSteps, form.HalfDaysSpent, r.Now);
        deployment.LogDays(form.HalfDaysSpent);
        db.Set<VisitRecord>().Add(record);
        db.Set<DayLogEntry>().Add(new DayLogEntry(deployment, visit.Id, UkTime.Day(visit.StartsAt), form.HalfDaysSpent));
        r.Audit(nameof(Visit), visit.Id, leader, "Visit recorded", VisitState.Scheduled.ToString(), visit.State.ToString(),
            $"{HalfDays.Describe(form.HalfDaysSpent)} logged; {HalfDays.Describe(deployment.LoggedHalfDays)} of {HalfDays.Describe(deployment.AgreedHalfDays)} used");
        r.Activity(deployment.CommissionId, deployment.ProposalId, deployment.Id, RecordAudience,
            $"{leader.Name} completed the Visit Record for {UkTime.Format(visit.StartsAt, "d MMMM yyyy")}: {HalfDays.Describe(form.HalfDaysSpent)} logged.", leader);
        r.Send(VisitEmails.Record(deployment, visit, record));
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
            $"{leader.Name} completed the Visit Evaluation for {UkTime.Format(visit.StartsAt, "d MMMM yyyy")}: progress {form.ProgressRating} of 5.", leader);
        r.Send(VisitEmails.Evaluation(deployment, visit, evaluation, await r.BrokerEmailsAsync(ct)));
        await ChangeRecorder.SaveAsync(db, ct);
        return evaluation;
    }
}

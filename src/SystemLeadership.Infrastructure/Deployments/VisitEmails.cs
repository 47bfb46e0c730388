using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Deployments;

/// <summary>
/// What a visit sends (004): the leader and the school hear of a visit scheduled; the Visit Record Form goes to the person
/// receiving support; the Visit Evaluation Form goes to the leader's headteacher and the alliance's brokers, never to
/// the supported school.
/// </summary>
public static class VisitEmails
{
    public static EmailMessage Scheduled(Deployment deployment, DateTimeOffset startsAt, string what, string deploymentLink) => new(
        [deployment.LeaderEmail, deployment.SupportedSchoolContactEmail],
        $"Visit to {deployment.SchoolName} on {startsAt:d MMMM yyyy}",
        $"""
        {what}
        Add it to your calendar from the deployment page: {deploymentLink}
        """);

    public static EmailMessage Record(Deployment deployment, Visit visit, VisitRecord record) => new(
        deployment.SupportedSchoolContactEmail,
        $"Visit record: {deployment.LeaderName}, {visit.StartsAt:d MMMM yyyy}",
        $"""
        Visit Record Form from {deployment.LeaderName} ({deployment.LeaderSchoolName}) for the visit on {visit.StartsAt:d MMMM yyyy}.

        What the visit covered: {record.Summary}
        Actions agreed: {record.ActionsAgreed}
        Next steps: {record.NextSteps}
        Time: {HalfDays.Describe(record.HalfDaysSpent)}
        """);

    public static EmailMessage Evaluation(Deployment deployment, Visit visit, VisitEvaluation evaluation, IEnumerable<string> brokers) => new(
        [deployment.HeadteacherEmail, .. brokers],
        $"Visit evaluation: {deployment.LeaderName} at {deployment.SchoolName}",
        $"""
        Visit Evaluation Form from {deployment.LeaderName} for the visit on {visit.StartsAt:d MMMM yyyy}.

        Progress: {evaluation.ProgressRating} of 5
        What worked: {evaluation.WhatWorked}
        Concerns: {evaluation.Concerns}
        """);
}

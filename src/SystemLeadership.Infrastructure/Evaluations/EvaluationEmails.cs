using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Evaluations;

/// <summary>
/// What quality assurance (004) sends: an objective reviewed as at risk or off track to the leader, the school's
/// Deployment Evaluation to the leader's side and the brokers, a QA review opened to the brokers, and its outcome to the
/// leader and their headteacher. The supported school is never told of QA.
/// </summary>
public static class EvaluationEmails
{
    /// <summary>An objective at risk or off track: the leader is told what the broker said.</summary>
    public static EmailMessage ObjectiveReviewed(Deployment deployment, ObjectiveReview review) => new(
        deployment.LeaderEmail,
        $"Objective {StatusLabel(review.Status)}: {deployment.SchoolName}",
        $"\"{review.Objective}\" is {StatusLabel(review.Status)}: {review.Note}");

    public static EmailMessage Evaluated(Deployment deployment, DeploymentEvaluation evaluation, IEnumerable<string> brokers) => new(
        [deployment.LeaderEmail, deployment.HeadteacherEmail, .. brokers],
        $"Deployment evaluation: {deployment.SchoolName}",
        $"""
        {deployment.SchoolName} has evaluated the support from {deployment.LeaderName}.
        Ratings per objective: {string.Join(", ", evaluation.ObjectiveRatings)} (of 5). Leadership capacity built: {evaluation.LeadershipCapacityBuilt} of 5.
        Impact seen: {evaluation.ImpactSeen}
        """);

    public static EmailMessage QaReviewOpened(Deployment deployment, QaReview review, IEnumerable<string> brokers) => new(
        [.. brokers],
        $"Quality-assurance review needed: {deployment.LeaderName}",
        string.Join("\n", review.Reasons));

    /// <summary>How a QA review ended, for the leader and their headteacher; <paramref name="ending"/> says what follows.</summary>
    public static EmailMessage QaReviewClosed(Deployment deployment, QaReview review, string ending) => new(
        [deployment.LeaderEmail, deployment.HeadteacherEmail],
        "The outcome of a quality-assurance review",
        $"The quality-assurance review of the support for {deployment.SchoolName} has closed {ending}: {review.Outcome}");

    /// <summary>How an objective's progress reads in the activity feed and the email.</summary>
    public static string StatusLabel(ObjectiveStatus status) => status switch
    {
        ObjectiveStatus.OnTrack => "on track",
        ObjectiveStatus.AtRisk => "at risk",
        _ => "off track",
    };
}

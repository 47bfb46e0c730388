using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Deployments;

/// <summary>
/// What a running deployment sends: the broker's changes (pause, resume, extend, end) to every party, and a new leader
/// and their headteacher told they take over. Quality assurance's emails are <c>Evaluations/EvaluationEmails</c>.
/// </summary>
public static class DeploymentEmails
{
    public static EmailMessage Moved(Deployment deployment, string brokerName, string label, string? note, string link) => new(
        [deployment.LeaderEmail, deployment.HeadteacherEmail, deployment.SupportedSchoolContactEmail, deployment.CommissionerEmail],
        $"Deployment at {deployment.SchoolName}: {label.ToLowerInvariant()}",
        $"""
        {brokerName} recorded a change to the deployment: {label.ToLowerInvariant()}{(string.IsNullOrWhiteSpace(note) ? "" : " — " + note)}.

        {link}
        """);

    /// <summary>The new leader and their headteacher, who releases them, hear the leader now supports the school.</summary>
    public static EmailMessage LeaderChanged(Deployment deployment, LeaderProfile newLeader, string brokerName, string note, string link) => new(
        [newLeader.Email, newLeader.HeadteacherEmail],
        $"You are now the leader supporting {deployment.SchoolName}",
        $"""
        {brokerName} has asked you to take over the support for {deployment.SchoolName}: {note}

        {link}
        """);
}

using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>
/// What an interview sends (004): the applicant is told when, where and who sits on the panel; each panellist is asked
/// to the interview and where to record their own scores. The time is UK time.
/// </summary>
public static class InterviewEmails
{
    public static EmailMessage Invitation(Tenant tenant, DesignationApplication application, Interview interview, IEnumerable<string> panelNames, string link) => new(
        application.ApplicantEmail,
        $"Your interview with {tenant.Name}",
        $"""
        Dear {application.ApplicantName},

        Your interview for {application.Scheme.Name.ToLowerInvariant()} is on {When(interview)} at {interview.Location}.
        The panel: {string.Join(", ", panelNames)}.

        {link}
        """);

    /// <summary>To each panellist; never to the applicant, who has their own invitation.</summary>
    public static EmailMessage Panel(DesignationApplication application, Interview interview, IEnumerable<string> panellistEmails, string link) => new(
        [.. panellistEmails],
        $"Interview panel: {application.ApplicantName}",
        $"You are on the panel interviewing {application.ApplicantName} on {When(interview)} at {interview.Location}. Record your scores here: {link}");

    private static string When(Interview interview) => UkTime.Format(interview.ScheduledFor, "dddd d MMMM yyyy 'at' HH:mm");
}

using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>
/// What the applicant is emailed as their application moves — submitted, their referee's answer or silence,
/// shortlisted, not designated — and what others hear of it: the managers that it is ready for review, a referee still
/// awaited that it was withdrawn.
/// </summary>
public static class ApplicantEmails
{
    public static EmailMessage Submitted(Tenant tenant, DesignationApplication application, string link) => new(
        application.ApplicantEmail,
        $"Your {application.Scheme.ShortName} application has been submitted",
        $"""
        Dear {application.ApplicantName},

        Thank you: your application to {tenant.Name} to be designated {application.Scheme.Name.ToLowerInvariant()} has been submitted.
        Next, ask {application.RefereeDescription} for a reference from your application page:

        {link}
        """);

    public static EmailMessage Shortlisted(Tenant tenant, DesignationApplication application, string link) => new(
        application.ApplicantEmail,
        $"You have been shortlisted ({application.Scheme.ShortName})",
        $"""
        Dear {application.ApplicantName},

        {tenant.Name} has shortlisted your application. We will write with an interview date.

        {link}
        """);

    public static EmailMessage NotDesignated(Tenant tenant, DesignationApplication application, string? reason, string link) => new(
        application.ApplicantEmail,
        $"The decision on your {application.Scheme.ShortName} application",
        $"""
        Dear {application.ApplicantName},

        {tenant.Name} has decided not to designate you at this time. The reason given: {reason}

        {link}
        """);

    /// <summary>To each referee still awaited when the applicant withdraws: their link stops working.</summary>
    public static EmailMessage ReferenceWithdrawn(DesignationApplication application, Reference reference) => new(
        reference.RefereeEmail,
        $"Reference request for {application.ApplicantName} withdrawn",
        $"""
        Dear {reference.RefereeName},

        {application.ApplicantName} has withdrawn their application, so you no longer need to give a reference. Thank you.
        """);

    /// <summary>The referee confirmed or declined; a decline says why and that another referee may be asked.</summary>
    public static EmailMessage ReferenceAnswered(DesignationApplication application, Reference reference, string link)
    {
        var confirmed = reference.Outcome == ReferenceOutcome.Confirmed;
        return new(
            application.ApplicantEmail,
            confirmed ? "Your reference has been received" : "Your referee has declined to give a reference",
            $"""
            Dear {application.ApplicantName},

            {reference.RefereeName} has {(confirmed ? "confirmed your reference" : "declined to give a reference: " + reference.DeclineReason)}.
            {(confirmed ? "" : "You may ask another referee from your application page.")}

            {link}
            """);
    }

    /// <summary>The referee did not answer within 14 days: the applicant may ask them again, or someone else.</summary>
    public static EmailMessage ReferenceExpired(DesignationApplication application, Reference reference, string link) => new(
        application.ApplicantEmail,
        "Your reference request has expired",
        $"""
        Dear {application.ApplicantName},

        {reference.RefereeName} did not answer your reference request within 14 days, so the link has expired.
        You can ask them again, or ask someone else, from your application page:

        {link}
        """);

    /// <summary>To the alliance's managers, once the references are in: the application waits for their review.</summary>
    public static EmailMessage ReadyForReview(DesignationApplication application, IEnumerable<string> managers, string link) => new(
        [.. managers],
        $"Ready for review: {application.ApplicantName} ({application.Scheme.ShortName})",
        $"The references for {application.ApplicantName}'s {application.Scheme.Name.ToLowerInvariant()} application are in. Review it: {link}");
}

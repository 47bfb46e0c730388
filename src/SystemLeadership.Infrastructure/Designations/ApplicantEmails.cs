using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>What the applicant is emailed as their application moves: submitted, shortlisted, not designated.</summary>
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
}

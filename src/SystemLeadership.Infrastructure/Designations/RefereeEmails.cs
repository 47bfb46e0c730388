using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>
/// What the referee is emailed: the request with its single-use link, the reminders at 7 and 11 days, each with a
/// fresh working link, and word that the applicant cancelled the request. The referee needs no account, and keeps the
/// right to refuse any deployment of their staff.
/// </summary>
public static class RefereeEmails
{
    public static EmailMessage Request(Tenant tenant, DesignationApplication application, Reference reference, string link) => new(
        reference.RefereeEmail,
        $"Reference request for {application.ApplicantName}",
        $"""
        Dear {reference.RefereeName},

        {application.ApplicantName} has applied to {tenant.Name} to be designated {application.Scheme.Name.ToLowerInvariant()}
        and has named you as their referee. Please confirm their role, their years in it and the time your school can release them:

        {link}

        You do not need an account. The link works once and expires on {reference.ExpiresAt:d MMMM yyyy}.
        You keep the right to refuse any particular deployment of your member of staff.
        """);

    public static EmailMessage Reminder(Tenant tenant, DesignationApplication application, Reference reference, string link) => new(
        reference.RefereeEmail,
        $"Reminder: reference request for {application.ApplicantName}",
        $"""
        Dear {reference.RefereeName},

        A reminder: {application.ApplicantName} asked you on {reference.RequestedAt:d MMMM yyyy} for a reference for
        {application.Scheme.Name.ToLowerInvariant()} with {tenant.Name}. You can answer with this link (or the one in our first email):

        {link}

        The link works once and expires on {reference.ExpiresAt:d MMMM yyyy}.
        You keep the right to refuse any particular deployment of your member of staff.
        """);

    /// <summary>The applicant cancelled this request (to name someone else): the link stops working.</summary>
    public static EmailMessage RequestCancelled(DesignationApplication application, Reference reference) => new(
        reference.RefereeEmail,
        $"Reference request for {application.ApplicantName} withdrawn",
        $"""
        Dear {reference.RefereeName},

        {application.ApplicantName} has withdrawn their request for a reference, so the link we sent no longer works. Thank you.
        """);
}

using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>
/// What a designation sends: the letter to the newly designated (with a teaching school's new alliance), the welcome to
/// that alliance's first manager, each recorded change (suspend, reinstate, de-designate) and the notice that it ends
/// soon to the holder, and the managers' call to review a holder whose circumstances changed.
/// </summary>
public static class DesignationEmails
{
    /// <summary>The designation's dates as the letter and the audit give them.</summary>
    public static string Period(Designation designation) => designation.EndDate is { } end
        ? $"from {designation.StartDate:d MMMM yyyy} to {end:d MMMM yyyy}"
        : $"from {designation.StartDate:d MMMM yyyy}";

    /// <summary>To the applicant: designated, with the training and the letter; a teaching school also gets its alliance's link.</summary>
    public static EmailMessage Designated(Tenant tenant, DesignationApplication application, Designation designation,
        (string Name, string Link)? newAlliance, string letterLink)
    {
        var extra = newAlliance is { } alliance ? $"\nYour alliance, {alliance.Name}, is now set up: {alliance.Link}\n" : "";
        return new(
            application.ApplicantEmail,
            $"You have been designated: {application.Scheme.Name}",
            $"""
            Dear {application.ApplicantName},

            Congratulations: {tenant.Name} has designated you {application.Scheme.Name.ToLowerInvariant()} {Period(designation)}.
            Induction and training: {string.Join("; ", application.Scheme.Training)}.
            {extra}
            Your designation letter: {letterLink}
            """);
    }

    /// <summary>
    /// To the first alliance manager of a newly designated teaching school; <paramref name="choosePasswordLink"/> is given
    /// when the account was made for them and has no password yet.
    /// </summary>
    public static EmailMessage AllianceManagerOf(string allianceName, string managerEmail, string? choosePasswordLink, string allianceLink) => new(
        managerEmail,
        $"You are the alliance manager of {allianceName}",
        $"""
        {allianceName} has been designated a teaching school alliance, and you have been named its first alliance manager.

        {(choosePasswordLink is null ? "Sign in as usual:" : $"Choose a password to sign in: {choosePasswordLink} (use this email address).")}
        Your alliance: {allianceLink}
        """);

    /// <summary>A recorded change to the designation (<paramref name="label"/>, with the reason when there is one), to its holder.</summary>
    public static EmailMessage Changed(Tenant tenant, Designation designation, string label, string? detail, string myDesignationsLink) => new(
        designation.HolderEmail,
        $"Your {designation.SchemeShortName} designation: {label.ToLowerInvariant()}",
        $"""
        Dear {designation.HolderName},

        {tenant.Name} has recorded a change to your designation as {designation.SchemeName.ToLowerInvariant()}: {label.ToLowerInvariant()}.
        {(detail is null ? "" : "Reason: " + detail)}

        Your designations: {myDesignationsLink}
        """);

    /// <summary>To the holder of a designation ending soon: they may apply to be re-designated.</summary>
    public static EmailMessage EndingSoon(Tenant tenant, Designation designation, string myDesignationsLink) => new(
        designation.HolderEmail,
        $"Your {designation.SchemeShortName} designation ends on {designation.EndDate:d MMMM yyyy}",
        $"""
        Dear {designation.HolderName},

        Your designation as {designation.SchemeName.ToLowerInvariant()} with {tenant.Name} ends on {designation.EndDate:d MMMM yyyy}.
        You can apply to be re-designated: the shorter form brings in your evaluations and logged impact as evidence.

        {myDesignationsLink}
        """);

    /// <summary>To the College's administrators, once a year of an NLG's designation is on course to end under the 10 days committed.</summary>
    public static EmailMessage NlgCommitmentShort(Tenant tenant, NlgYear nlg, DateOnly today, IEnumerable<string> college, string designationLink) => new(
        [.. college],
        $"{nlg.HolderName} (NLG, {tenant.Name}) is on course for fewer than 10 days this year",
        $"""
        National leaders of governance commit 10 to 20 days a year. {nlg.HolderName}, designated with {tenant.Name}, has
        {nlg.Year.Describe(today)}

        {designationLink}
        """);

    /// <summary>To the managers, when a holder reports a change of school or role: what changed, designation by designation.</summary>
    public static EmailMessage ReviewNeeded(string holderName, IEnumerable<string> changed, IEnumerable<string> managers, string designationsLink) => new(
        [.. managers],
        $"Review needed: {holderName}'s circumstances have changed",
        $"{holderName} reports a change that may affect their designation:\n{string.Join("\n", changed)}\n\nReview: {designationsLink}");
}

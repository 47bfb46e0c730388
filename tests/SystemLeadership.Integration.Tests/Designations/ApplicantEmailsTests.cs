using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Designations;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>What the applicant, and a referee no longer needed, are emailed: to whom, about what, with the link to act on.</summary>
public class ApplicantEmailsTests
{
    private static readonly Tenant Swaledale = new("Swaledale Alliance", "swaledale", 100001);
    private static readonly DesignationApplication Application =
        new(Swaledale.Id, "applicant-1", "Grace Hopper", "grace@moorside.sch.uk", Presets.Sle);

    [Fact]
    public void A_submitted_application_tells_the_applicant_whom_to_ask_for_a_reference_and_links_to_it()
    {
        var email = ApplicantEmails.Submitted(Swaledale, Application, "https://app.test/t/swaledale/applications/1");
        Assert.Equal(["grace@moorside.sch.uk"], email.Recipients);
        Assert.Equal($"Your {Presets.Sle.ShortName} application has been submitted", email.Subject);
        Assert.Contains(Application.RefereeDescription, email.Body);
        Assert.Contains("https://app.test/t/swaledale/applications/1", email.Body);
    }

    [Fact]
    public void A_decision_not_to_designate_gives_the_reason()
    {
        var email = ApplicantEmails.NotDesignated(Swaledale, Application, "Too little time in role.", "https://app.test/x");
        Assert.Equal(["grace@moorside.sch.uk"], email.Recipients);
        Assert.Contains("The reason given: Too little time in role.", email.Body);
    }

    [Fact]
    public void A_referee_still_awaited_is_told_the_application_was_withdrawn()
    {
        var (reference, _) = Reference.Request(Swaledale.Id, Application.Id, "Hal Head", "hal@moorside.sch.uk", DateTimeOffset.UnixEpoch);
        var email = ApplicantEmails.ReferenceWithdrawn(Application, reference);
        Assert.Equal(["hal@moorside.sch.uk"], email.Recipients);
        Assert.Equal("Reference request for Grace Hopper withdrawn", email.Subject);
    }
}

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

    [Fact]
    public void A_declining_referee_is_named_with_their_reason_and_the_applicant_may_ask_another()
    {
        var (reference, _) = Reference.Request(Swaledale.Id, Application.Id, "Hal Head", "hal@moorside.sch.uk", DateTimeOffset.UnixEpoch);
        reference.Decline("I have not worked with Grace long enough", DateTimeOffset.UnixEpoch.AddDays(1));
        var email = ApplicantEmails.ReferenceAnswered(Application, reference, "https://app.test/t/swaledale/applications/1");
        Assert.Equal(["grace@moorside.sch.uk"], email.Recipients);
        Assert.Equal("Your referee has declined to give a reference", email.Subject);
        Assert.Contains("Hal Head has declined to give a reference: I have not worked with Grace long enough.", email.Body);
        Assert.Contains("You may ask another referee", email.Body);
        Assert.Contains("https://app.test/t/swaledale/applications/1", email.Body);
    }

    [Fact]
    public void An_application_ready_for_review_goes_to_the_managers_and_not_to_the_applicant()
    {
        var email = ApplicantEmails.ReadyForReview(Application, ["mo@alliance.org.uk"], "https://app.test/t/swaledale/applications/1");
        Assert.Equal(["mo@alliance.org.uk"], email.Recipients);
        Assert.DoesNotContain("grace@moorside.sch.uk", email.Recipients);
        Assert.Equal($"Ready for review: Grace Hopper ({Presets.Sle.ShortName})", email.Subject);
        Assert.EndsWith("Review it: https://app.test/t/swaledale/applications/1", email.Body);
    }
}

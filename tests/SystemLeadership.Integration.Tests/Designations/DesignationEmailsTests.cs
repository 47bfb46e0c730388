using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Designations;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>What a designation sends: the letter, the first manager's welcome, changes and the end to the holder, reviews to the managers.</summary>
public class DesignationEmailsTests
{
    private static readonly Tenant Swaledale = new("Swaledale Alliance", "swaledale", 100001);
    private static readonly DesignationApplication Application =
        new(Swaledale.Id, "applicant-1", "Grace Hopper", "grace@moorside.sch.uk", Presets.Sle);
    private static readonly Designation Sle = new(Application, new DateOnly(2026, 12, 1), "Mo Manager");

    [Fact]
    public void The_designated_applicant_gets_their_dates_their_training_and_the_link_to_their_letter()
    {
        var email = DesignationEmails.Designated(Swaledale, Application, Sle, null, "https://app.test/t/swaledale/designations/1/letter.pdf");
        Assert.Equal(["grace@moorside.sch.uk"], email.Recipients);
        Assert.Equal("You have been designated: Specialist leader of education", email.Subject);
        Assert.Contains($"Swaledale Alliance has designated you specialist leader of education from 1 December 2026 to {Sle.EndDate:d MMMM yyyy}.", email.Body);
        Assert.Contains("Induction and training: Mandatory core training day.", email.Body);
        Assert.Contains("Your designation letter: https://app.test/t/swaledale/designations/1/letter.pdf", email.Body);
        Assert.DoesNotContain("Your alliance", email.Body);
    }

    [Fact]
    public void A_new_alliance_manager_without_a_password_is_sent_to_choose_one_and_to_their_alliance()
    {
        var fresh = DesignationEmails.AllianceManagerOf("Moorside Alliance", "mo@moorside.sch.uk", "https://app.test/Account/ForgotPassword", "https://app.test/t/moorside");
        Assert.Equal(["mo@moorside.sch.uk"], fresh.Recipients);
        Assert.Equal("You are the alliance manager of Moorside Alliance", fresh.Subject);
        Assert.Contains("Choose a password to sign in: https://app.test/Account/ForgotPassword (use this email address).", fresh.Body);
        Assert.Contains("Your alliance: https://app.test/t/moorside", fresh.Body);

        var known = DesignationEmails.AllianceManagerOf("Moorside Alliance", "mo@moorside.sch.uk", null, "https://app.test/t/moorside");
        Assert.Contains("Sign in as usual:", known.Body);
        Assert.DoesNotContain("ForgotPassword", known.Body);
    }

    [Fact]
    public void A_de_designation_tells_the_holder_the_reason_and_links_to_their_designations()
    {
        var email = DesignationEmails.Changed(Swaledale, Sle, "De-designate", "Safeguarding concern", "https://app.test/t/swaledale/my-designations");
        Assert.Equal(["grace@moorside.sch.uk"], email.Recipients);
        Assert.Equal("Your SLE designation: de-designate", email.Subject);
        Assert.Contains("Reason: Safeguarding concern", email.Body);
        Assert.Contains("Your designations: https://app.test/t/swaledale/my-designations", email.Body);
    }

    [Fact]
    public void A_change_of_circumstances_goes_to_the_managers_and_not_to_the_holder()
    {
        var email = DesignationEmails.ReviewNeeded("Grace Hopper", ["Specialist leader of education: Moved from Moorside to Dale"],
            ["mo@alliance.org.uk", "max@alliance.org.uk"], "https://app.test/t/swaledale/designations");
        Assert.Equal(["mo@alliance.org.uk", "max@alliance.org.uk"], email.Recipients);
        Assert.DoesNotContain("grace@moorside.sch.uk", email.Recipients);
        Assert.Equal("Review needed: Grace Hopper's circumstances have changed", email.Subject);
        Assert.Contains("Specialist leader of education: Moved from Moorside to Dale", email.Body);
        Assert.EndsWith("Review: https://app.test/t/swaledale/designations", email.Body);
    }

    [Fact]
    public void The_holder_is_told_the_day_their_designation_ends_and_how_to_renew()
    {
        var email = DesignationEmails.EndingSoon(Swaledale, Sle, "https://app.test/t/swaledale/my-designations");
        Assert.Equal(["grace@moorside.sch.uk"], email.Recipients);
        Assert.Equal($"Your SLE designation ends on {Sle.EndDate:d MMMM yyyy}", email.Subject);
        Assert.Contains("You can apply to be re-designated", email.Body);
        Assert.Contains("https://app.test/t/swaledale/my-designations", email.Body);
    }
}

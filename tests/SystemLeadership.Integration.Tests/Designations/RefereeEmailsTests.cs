using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Designations;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>What the referee is emailed: to them, about the applicant, with the working link and the rights they keep.</summary>
public class RefereeEmailsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Tenant Swaledale = new("Swaledale Alliance", "swaledale", 100001);
    private static readonly AppLinks Links = new("https://app.test");

    private static (DesignationApplication Application, Reference Reference, string Token) Asked()
    {
        var application = new DesignationApplication(Swaledale.Id, "applicant-1", "Grace Hopper", "grace@moorside.sch.uk", Presets.Sle);
        var (reference, token) = Reference.Request(Swaledale.Id, application.Id, "Hal Head", "hal@moorside.sch.uk", Now);
        return (application, reference, token);
    }

    [Fact]
    public void The_request_goes_to_the_referee_with_their_single_use_link_and_its_expiry()
    {
        var (application, reference, token) = Asked();
        var email = RefereeEmails.Request(Swaledale, application, reference, Links.ReferenceResponse(Swaledale.Slug, token));
        Assert.Equal(["hal@moorside.sch.uk"], email.Recipients);
        Assert.Equal("Reference request for Grace Hopper", email.Subject);
        Assert.Contains($"https://app.test/reference/swaledale/{token}", email.Body);
        Assert.Contains("Dear Hal Head,", email.Body);
        Assert.Contains("Swaledale Alliance", email.Body);
        Assert.Contains($"expires on {reference.ExpiresAt:d MMMM yyyy}", email.Body);
        Assert.Contains("You do not need an account.", email.Body);
        Assert.Contains("You keep the right to refuse any particular deployment", email.Body);
    }

    [Fact]
    public void A_reminder_names_the_day_of_the_request_and_carries_the_fresh_link()
    {
        var (application, reference, _) = Asked();
        var fresh = reference.MarkReminded(Now.AddDays(7));
        var email = RefereeEmails.Reminder(Swaledale, application, reference, Links.ReferenceResponse(Swaledale.Slug, fresh));
        Assert.Equal(["hal@moorside.sch.uk"], email.Recipients);
        Assert.Equal("Reminder: reference request for Grace Hopper", email.Subject);
        Assert.Contains("asked you on 2 November 2026", email.Body);
        Assert.Contains($"https://app.test/reference/swaledale/{fresh}", email.Body);
    }

    [Fact]
    public void A_cancelled_request_tells_the_referee_their_link_no_longer_works()
    {
        var (application, reference, _) = Asked();
        reference.Cancel(Now.AddDays(1));
        var email = RefereeEmails.RequestCancelled(application, reference);
        Assert.Equal(["hal@moorside.sch.uk"], email.Recipients);
        Assert.Equal("Reference request for Grace Hopper withdrawn", email.Subject);
        Assert.Contains("the link we sent no longer works", email.Body);
        Assert.DoesNotContain("https://", email.Body);
    }
}

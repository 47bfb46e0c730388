using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Designations;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>What an interview sends: the applicant's invitation with the panel, and the panellists' with where to score.</summary>
public class InterviewEmailsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Tenant Swaledale = new("Swaledale Alliance", "swaledale", 100001);
    private const string Link = "https://app.test/t/swaledale/applications/1";

    private static (DesignationApplication Application, Interview Interview) Scheduled()
    {
        var application = new DesignationApplication(Swaledale.Id, "applicant-1", "Grace Hopper", "grace@moorside.sch.uk", Presets.Sle);
        // 14:30 UTC on 1 December is 14:30 in the UK (GMT).
        var interview = new Interview(Swaledale.Id, application.Id, new DateTimeOffset(2026, 12, 1, 14, 30, 0, TimeSpan.Zero), "Moorside Hall", Now);
        return (application, interview);
    }

    [Fact]
    public void The_applicant_is_told_when_and_where_and_who_sits_on_the_panel_with_the_link()
    {
        var (application, interview) = Scheduled();
        var email = InterviewEmails.Invitation(Swaledale, application, interview, ["Helen Head", "Hugh Head"], Link);
        Assert.Equal(["grace@moorside.sch.uk"], email.Recipients);
        Assert.Equal("Your interview with Swaledale Alliance", email.Subject);
        Assert.Contains("Your interview for specialist leader of education is on Tuesday 1 December 2026 at 14:30 at Moorside Hall.", email.Body);
        Assert.Contains("The panel: Helen Head, Hugh Head.", email.Body);
        Assert.Contains(Link, email.Body);
    }

    [Fact]
    public void Each_panellist_is_asked_to_score_and_the_applicant_is_not_on_that_email()
    {
        var (application, interview) = Scheduled();
        var email = InterviewEmails.Panel(application, interview, ["helen@dale.sch.uk", "hugh@beck.sch.uk"], Link);
        Assert.Equal(["helen@dale.sch.uk", "hugh@beck.sch.uk"], email.Recipients);
        Assert.DoesNotContain("grace@moorside.sch.uk", email.Recipients);
        Assert.Equal("Interview panel: Grace Hopper", email.Subject);
        Assert.Equal($"You are on the panel interviewing Grace Hopper on Tuesday 1 December 2026 at 14:30 at Moorside Hall. Record your scores here: {Link}", email.Body);
    }
}

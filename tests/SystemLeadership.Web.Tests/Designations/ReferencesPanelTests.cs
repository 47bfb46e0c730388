using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Web.Components.Designations.Panels;

namespace SystemLeadership.Web.Tests.Designations;

/// <summary>The applicant's reference request checks the referee with its validator before anything is sent.</summary>
public class ReferencesPanelTests() : MudTestContext(services =>
    services.AddSingleton(new ReferenceService(NoDatabase(), new Changes(TimeProvider.System), new AppLinks("https://app.test"))))
{
    private static readonly Actor Applicant = new("leader-1", "Ada Leader", "ada@beck.sch.uk", TenantRoles.SystemLeader);

    private static ApplicationView Draft()
    {
        var application = new DesignationApplication(Guid.NewGuid(), Applicant.UserId, Applicant.Name, Applicant.Email, Presets.Sle);
        var roles = ApplicationParties.Of(application, [], Applicant);
        return new ApplicationView(application, roles, ApplicationParties.Sight(application, roles, false), [], null, null, [], null, [], [], null, null, [], true);
    }

    private IRenderedComponent<ReferencesPanel> RenderPanel() =>
        Render<ReferencesPanel>(p => p.Add(x => x.View, Draft()).Add(x => x.Me, Applicant));

    private static string FieldText(IRenderedComponent<ReferencesPanel> panel, string id) =>
        panel.Find($"#{id}").Closest(".mud-input-control")!.TextContent;

    [Fact]
    public void Asking_with_nothing_filled_in_names_the_referee_and_their_email_at_each_field()
    {
        var panel = RenderPanel();
        panel.Find("#request-reference").Click();
        Assert.Contains("Enter your referee's name.", FieldText(panel, "referee-name"));
        Assert.Contains("Enter your referee's email address.", FieldText(panel, "referee-email"));
        Assert.Empty(panel.FindAll("#action-error"));
    }

    [Fact]
    public void An_email_that_is_not_one_or_a_name_too_long_is_refused_beside_its_field()
    {
        var panel = RenderPanel();
        panel.Find("#referee-name").Change(new string('a', 201));
        panel.Find("#referee-email").Change("david.okafor");
        panel.Find("#request-reference").Click();
        Assert.Contains("The name must be at most 200 characters.", FieldText(panel, "referee-name"));
        Assert.Contains("Enter an email address like name@school.org.uk.", FieldText(panel, "referee-email"));
    }
}

using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Web.Components.Designations.Panels;

namespace SystemLeadership.Web.Tests.Designations;

/// <summary>The manager's suspend and de-designate forms check their input with their validators before anything is sent.</summary>
public class DesignationActionsPanelTests() : MudTestContext(services =>
{
    services.AddSingleton(TimeProvider.System);
    services.AddSingleton(new DesignationService(NoDatabase(), new Changes(TimeProvider.System), new AppLinks("https://app.test")));
})
{
    private static readonly Actor Manager = new("manager-1", "Margaret Thompson", "manager@swaledale.test", TenantRoles.AllianceManager);

    private static DesignationView Active()
    {
        var application = new DesignationApplication(Guid.NewGuid(), "leader-1", "Ada Leader", "ada@beck.sch.uk", Presets.Sle);
        var designation = new Designation(application, new DateOnly(2026, 1, 5), "Margaret Thompson");
        var roles = DesignationParties.Of(designation, Manager);
        return new DesignationView(designation, roles, DesignationParties.Sight(roles), [], DesignationService.MovesFor(designation, roles));
    }

    [Fact]
    public void Each_move_that_asks_for_more_opens_its_form_when_chosen_one_at_a_time_and_cancel_closes_it()
    {
        var panel = Render<DesignationActionsPanel>(p => p.Add(x => x.View, Active()).Add(x => x.Me, Manager));
        Assert.Empty(panel.FindAll("#suspend-note, #dedesignate-note, #dedesignate-reason"));

        panel.Find("#dedesignate-open").Click();
        Assert.Single(panel.FindAll("#dedesignate-note"));
        Assert.Empty(panel.FindAll("#suspend-note"));

        panel.Find("#suspend-open").Click();
        Assert.Single(panel.FindAll("#suspend-note"));
        Assert.Empty(panel.FindAll("#dedesignate-note"));

        panel.Find("#suspend-cancel").Click();
        Assert.Empty(panel.FindAll("#suspend-note"));
        Assert.Single(panel.FindAll("#suspend-open"));
    }

    [Fact]
    public void One_forms_messages_do_not_follow_into_the_next_form_opened_or_the_same_one_reopened()
    {
        var panel = Render<DesignationActionsPanel>(p => p.Add(x => x.View, Active()).Add(x => x.Me, Manager));
        panel.Find("#suspend-open").Click();
        panel.Find("#suspend").Click();
        Assert.Contains("Say why the designation is suspended.", panel.Markup);

        panel.Find("#dedesignate-open").Click();
        Assert.DoesNotContain("Say why the designation is suspended.", panel.Markup);

        panel.Find("#dedesignate-cancel").Click();
        panel.Find("#suspend-open").Click();
        Assert.DoesNotContain("Say why the designation is suspended.", panel.Markup);
    }

    [Fact]
    public void De_designating_without_a_reason_or_what_led_to_it_names_both_fields()
    {
        var panel = Render<DesignationActionsPanel>(p => p.Add(x => x.View, Active()).Add(x => x.Me, Manager));
        panel.Find("#dedesignate-open").Click();
        panel.Find("#dedesignate").Click();
        Assert.Contains("Choose the reason for de-designation.", panel.Markup);
        Assert.Contains("Say what led to the de-designation.", panel.Markup);
    }

    [Fact]
    public void Suspending_without_saying_why_or_with_markup_is_refused_beside_the_note()
    {
        var panel = Render<DesignationActionsPanel>(p => p.Add(x => x.View, Active()).Add(x => x.Me, Manager));
        panel.Find("#suspend-open").Click();
        panel.Find("#suspend").Click();
        Assert.Contains("Say why the designation is suspended.", panel.Markup);
        panel.Find("#suspend-note").Change("<script>alert(1)</script>");
        panel.Find("#suspend").Click();
        Assert.Contains(SystemLeadership.Domain.Common.PlainText.MarkupMessage, panel.Find("#actions").TextContent);
    }

    [Fact]
    public void A_valid_suspension_asks_first_saying_who_is_emailed_and_cancel_sends_nothing()
    {
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var panel = Render<DesignationActionsPanel>(p => p.Add(x => x.View, Active()).Add(x => x.Me, Manager));
        panel.Find("#suspend-open").Click();
        panel.Find("#suspend-note").Change("Under investigation by the local authority.");
        panel.Find("#suspend").Click();

        var dialog = dialogs.WaitForElement(".mud-dialog");
        Assert.Contains("Suspend Ada Leader's Specialist leader of education designation?", dialog.TextContent);
        Assert.Contains("Emailed: Ada Leader, with your note.", dialog.TextContent);
        // Cancelling: nothing reaches the database (which is not there, so a move would fail the test).
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Empty(panel.FindAll("#action-error"));
    }
}

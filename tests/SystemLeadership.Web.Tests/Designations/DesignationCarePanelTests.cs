using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Web.Components.Designations.Panels;

namespace SystemLeadership.Web.Tests.Designations;

/// <summary>The manager's training-completion and review forms check their input with their validators before anything is sent.</summary>
public class DesignationCarePanelTests : MudTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Manager = new("manager-1", "Margaret Thompson", "manager@swaledale.test", TenantRoles.AllianceManager);

    public DesignationCarePanelTests() : base(services =>
    {
        var clock = new FixedTime(Now);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(new DesignationService(NoDatabase(), new Changes(clock), new AppLinks("https://app.test")));
    })
    {
    }

    private static DesignationView Active(bool flagged = false)
    {
        var application = new DesignationApplication(Guid.NewGuid(), "leader-1", "Ada Leader", "ada@beck.sch.uk", Presets.Sle);
        var designation = new Designation(application, new DateOnly(2026, 1, 5), "Margaret Thompson");
        if (flagged) designation.FlagForReview("Ofsted judged the school inadequate.", Now);
        var roles = DesignationParties.Of(designation, Manager);
        return new DesignationView(designation, roles, DesignationParties.Sight(roles), [], DesignationService.MovesFor(designation, roles));
    }

    private IRenderedComponent<T> RenderPanel<T>(DesignationView view) where T : DesignationPanel =>
        Render<T>(p => p.Add(x => x.View, view).Add(x => x.Me, Manager));

    private static string FieldText<T>(IRenderedComponent<T> panel, string id) where T : DesignationPanel =>
        panel.Find($"#{id}").Closest(".mud-input-control")!.TextContent;

    [Fact]
    public void Marking_training_complete_without_a_date_asks_for_it_beside_that_item()
    {
        var panel = RenderPanel<TrainingPanel>(Active());
        panel.Find("#training-0-complete").Click();
        Assert.Contains("Choose the date it was completed.", FieldText(panel, "training-0-date"));
        Assert.Empty(panel.FindAll("#action-error"));
    }

    [Theory]
    [InlineData("02/10/2026", "The completion date cannot be in the future.")]
    [InlineData("31/09/2026", "Choose the date it was completed.")]
    public void A_completion_date_in_the_future_or_not_real_is_refused(string typed, string message)
    {
        var panel = RenderPanel<TrainingPanel>(Active());
        panel.Find("#training-0-date").Change(typed);
        panel.Find("#training-0-complete").Click();
        Assert.Contains(message, FieldText(panel, "training-0-date"));
    }

    [Fact]
    public void Keeping_a_flagged_designation_needs_the_outcome_in_plain_words()
    {
        var panel = RenderPanel<ReviewPanel>(Active(flagged: true));
        panel.Find("#review-keep").Click();
        Assert.Contains("Record the outcome of the review.", FieldText(panel, "review-outcome"));
        panel.Find("#review-outcome").Change("<b>Kept</b>");
        panel.Find("#review-keep").Click();
        Assert.Contains(SystemLeadership.Domain.Common.PlainText.MarkupMessage, FieldText(panel, "review-outcome"));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

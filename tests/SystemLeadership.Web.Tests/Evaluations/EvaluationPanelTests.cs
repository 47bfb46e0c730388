using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Infrastructure.Evaluations;
using SystemLeadership.Web.Components.Deployments.Panels;
using SystemLeadership.Web.Components.Evaluations.Panels;
using SystemLeadership.Web.Tests.Deployments;

namespace SystemLeadership.Web.Tests.Evaluations;

/// <summary>
/// The quality-assurance panels of the deployment page check their input with their validators and show every message
/// beside its field; nothing is sent while a message stands (the service here points at no database).
/// </summary>
public class EvaluationPanelTests : MudTestContext
{
    private static readonly Actor Broker = DeploymentPanelTests.Broker;
    private static readonly Actor School = DeploymentPanelTests.School;

    public EvaluationPanelTests() : base(services =>
    {
        services.AddSingleton(new QualityAssuranceService(NoDatabase(), new DeploymentPanelTests.FixedTime(DeploymentPanelTests.Now)));
    })
    {
    }

    private IRenderedComponent<T> RenderPanel<T>(DeploymentView view, Actor me) where T : DeploymentPanel =>
        Render<T>(p => p.Add(x => x.View, view).Add(x => x.Me, me).Add(x => x.Slug, "swaledale"));

    [Fact]
    public void A_review_at_risk_without_a_note_or_an_objective_is_refused_beside_each_field()
    {
        var panel = RenderPanel<ObjectiveReviewsPanel>(DeploymentPanelTests.ViewFor(DeploymentPanelTests.Agreed(), Broker), Broker);
        panel.Find("#save-review").Click();
        Assert.Contains("Choose the objective you are reviewing.", panel.Markup);
    }

    [Fact]
    public void The_schools_evaluation_asks_for_every_rating_and_the_impact()
    {
        var d = DeploymentPanelTests.Agreed();
        d.Apply(DeploymentMove.EndEarly, BrokerageRole.Broker, "The head moved on");
        var panel = RenderPanel<DeploymentEvaluationPanel>(DeploymentPanelTests.ViewFor(d, School), School);
        panel.Find("#submit-evaluation").Click();
        // One message under each of the two objectives' ratings.
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(panel.Markup, "Rate this objective from 1 to 5\\."));
        Assert.Contains("Rate from 1 to 5.", panel.Markup);
        Assert.Contains("Describe the impact you have seen.", panel.Markup);
    }
}

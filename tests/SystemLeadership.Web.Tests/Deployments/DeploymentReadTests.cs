using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Deployments;

namespace SystemLeadership.Web.Tests.Deployments;

/// <summary>
/// A deployment's page starts its circuit from what its prerender read: who may see what of it is decided again then,
/// and a part the person may see now but that was not read for them is read again, never shown missing.
/// </summary>
public class DeploymentReadTests
{
    private static readonly Actor Stranger = new("someone-else", "Sam Else", "sam@elsewhere.sch.uk", TenantRoles.SchoolContact);

    /// <summary>What the prerender read for <paramref name="actor"/>, as it comes back from the page (no moves: they are worked out again).</summary>
    private static DeploymentView ReadFor(Deployment deployment, Actor actor)
    {
        var view = DeploymentPanelTests.ViewFor(deployment, actor);
        var review = new ObjectiveReview(deployment, 0, ObjectiveStatus.AtRisk, "Two visits missed.", false, "Bea Broker", DeploymentPanelTests.Now);
        // One of each part, where this person may see it (as the read would have found them).
        T One<T>() => (T)Shared.PrerenderedTests.Filled(typeof(T));
        var kept = view with
        {
            Records = view.Sight.VisitRecords ? [One<VisitRecord>()] : [],
            VisitEvaluations = view.Sight.VisitEvaluations ? [One<VisitEvaluation>()] : [],
            Reviews = view.Sight.ObjectiveReviews ? [review] : [],
            QaReviews = view.Sight.QaReviews ? [One<QaReview>()] : [],
        };
        return System.Text.Json.JsonSerializer.Deserialize<DeploymentView>(
            System.Text.Json.JsonSerializer.Serialize(kept, SystemLeadership.Web.Components.Shared.Prerendered.Json),
            SystemLeadership.Web.Components.Shared.Prerendered.Json)!;
    }

    [Fact]
    public void What_the_broker_read_shows_the_supported_school_only_the_parts_the_school_may_see()
    {
        var deployment = DeploymentPanelTests.Agreed();

        var view = DeploymentViews.From(ReadFor(deployment, DeploymentPanelTests.Broker), DeploymentPanelTests.School, deployment.TenantId);

        Assert.NotNull(view);
        Assert.False(view.Sight.ObjectiveReviews);
        // The school sees the leader's visit records; not the leader's evaluations of visits, the objective reviews or
        // the alliance's quality assurance, though the broker's read held all three.
        Assert.Single(view.Records);
        Assert.Empty(view.VisitEvaluations);
        Assert.Empty(view.Reviews);
        Assert.Empty(view.QaReviews);
        Assert.Empty(view.Moves);
    }

    [Fact]
    public void What_was_read_for_the_school_is_not_enough_for_the_broker_so_the_page_reads_again()
    {
        var deployment = DeploymentPanelTests.Agreed();

        Assert.Null(DeploymentViews.From(ReadFor(deployment, DeploymentPanelTests.School), DeploymentPanelTests.Broker, deployment.TenantId));
    }

    [Fact]
    public void What_was_read_shows_nothing_to_someone_who_is_no_party_to_the_deployment()
    {
        var deployment = DeploymentPanelTests.Agreed();

        Assert.Null(DeploymentViews.From(ReadFor(deployment, DeploymentPanelTests.Broker), Stranger, deployment.TenantId));
    }

    [Fact]
    public void What_the_broker_read_shows_the_broker_everything_and_their_moves()
    {
        var deployment = DeploymentPanelTests.Agreed();

        var view = DeploymentViews.From(ReadFor(deployment, DeploymentPanelTests.Broker), DeploymentPanelTests.Broker, deployment.TenantId)!;

        Assert.Single(view.Records);
        Assert.Single(view.VisitEvaluations);
        Assert.Single(view.Reviews);
        Assert.Single(view.QaReviews);
        Assert.NotEmpty(view.Moves);
    }

    [Fact]
    public void What_was_read_in_one_alliance_shows_nothing_on_another_alliances_page_even_to_its_manager()
    {
        var deployment = DeploymentPanelTests.Agreed();

        Assert.Null(DeploymentViews.From(ReadFor(deployment, DeploymentPanelTests.Broker), DeploymentPanelTests.Broker, Guid.NewGuid()));
    }
}

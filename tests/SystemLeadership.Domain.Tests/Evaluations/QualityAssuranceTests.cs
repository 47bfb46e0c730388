using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.Tests.Deployments;

namespace SystemLeadership.Domain.Tests.Evaluations;

public class QualityAssuranceTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_low_rating_in_the_deployment_evaluation_gives_reasons_for_a_review()
    {
        var d = DeploymentWorkflowTests.NewDeployment();
        d.LogDays(2);
        d.Apply(DeploymentMove.Complete, BrokerageRole.Broker, null);
        var good = new DeploymentEvaluation(d, [4], "Better lessons", 4, true, "", "Cal", Now);
        Assert.Empty(good.LowRatingReasons(d.Objectives));
        var poor = new DeploymentEvaluation(d, [2], "Little", 3, false, "", "Cal", Now);
        Assert.Equal(["Objective \"Raise maths attainment in year 6\" rated 2 of 5.", "The school would not use this support again."],
            poor.LowRatingReasons(d.Objectives));
    }

    [Fact]
    public void An_off_track_review_needs_a_note()
    {
        var d = DeploymentWorkflowTests.NewDeployment();
        Assert.Throws<InvalidInputException>(() => new ObjectiveReview(d, 0, ObjectiveStatus.OffTrack, "", false, "Broker", Now));
        Assert.Equal(ObjectiveStatus.OnTrack, new ObjectiveReview(d, 0, ObjectiveStatus.OnTrack, "", false, "Broker", Now).Status);
    }
}

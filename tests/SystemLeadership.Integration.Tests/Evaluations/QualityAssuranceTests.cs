using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Infrastructure.Evaluations;
using SystemLeadership.Integration.Tests.Brokerage;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Evaluations;

/// <summary>Quality assurance below the UI: the school's evaluation, the QA review it opens, and where that review can end.</summary>
public class QualityAssuranceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_low_deployment_evaluation_opens_a_qa_review_that_can_end_in_a_de_designation_review()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var deployment = await w.AgreedDeploymentAsync();
        await w.RecordedVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 2);
        deployment = (await w.DeploymentAsync(deployment.Id))!;
        await w.Deployments.MoveAsync(deployment.Id, deployment.Version, DeploymentMove.EndEarly, w.Broker, "The school asked to stop");

        await Assert.ThrowsAsync<NotAllowedException>(() => w.Quality.EvaluateDeploymentAsync(deployment.Id,
            new DeploymentEvaluationForm([1, 2], "None", 1, false, ""), w.Leader));
        var (_, review) = await w.Quality.EvaluateDeploymentAsync(deployment.Id, new DeploymentEvaluationForm([1, 3], "Little", 2, false, "Not a good fit"), w.Contact);
        Assert.NotNull(review);
        Assert.Equal(3, review.Reasons.Count);
        await w.Quality.CloseQaReviewAsync(review.Id, review.Version, QaReviewState.DeDesignationReview, "Second poor evaluation this year", w.Broker);
        var record = await w.Quality.LeaderRecordAsync(w.Leader.UserId);
        Assert.Equal(QaReviewState.DeDesignationReview, Assert.Single(record.QualityReviews).State);

        // Ending early gives the unused days back to the leader's capacity.
        await using var context = w.Context();
        // The de-designation review lands on the managers' designation list as a flag.
        var flagged = await context.Designations.AsNoTracking().SingleAsync(d => d.Id == w.LeaderDesignationId);
        Assert.Contains("Second poor evaluation this year", flagged.ReviewFlag);
        Assert.Equal(2, await context.Set<CapacityCommitment>().Where(c => c.ProposalId == deployment.ProposalId).SumAsync(c => c.HalfDays));
    }
}

using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Evaluations;

namespace SystemLeadership.Domain.Tests.Deployments;

/// <summary>Money only for what happened: a visit is recorded, its days logged and its evaluation written once it has started.</summary>
public class VisitTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 13, 9, 0, 0, TimeSpan.Zero);

    private static Visit NewVisit() => new(DeploymentWorkflowTests.NewDeployment(), Start, 1, "Ash Primary");

    [Fact]
    public void A_visit_cannot_be_recorded_one_minute_before_it_starts()
    {
        var visit = NewVisit();
        var refused = Assert.Throws<NotAllowedException>(() => visit.MarkRecorded(Start.AddMinutes(-1)));
        Assert.Equal("This visit starts on 13 January 2027 at 09:00: record it once it has taken place.", refused.Message);
        Assert.Equal(VisitState.Scheduled, visit.State);
    }

    [Fact]
    public void A_visit_can_be_recorded_from_the_minute_it_starts()
    {
        var visit = NewVisit();
        visit.MarkRecorded(Start);
        Assert.Equal(VisitState.Recorded, visit.State);
    }

    [Fact]
    public void A_visit_on_13_January_cannot_be_recorded_on_4_December()
    {
        var visit = NewVisit();
        Assert.Throws<NotAllowedException>(() => visit.MarkRecorded(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_visit_cannot_be_evaluated_before_it_starts()
    {
        var visit = NewVisit();
        Assert.Throws<NotAllowedException>(() => new VisitEvaluation(visit, 4, "", "", Start.AddMinutes(-1)));
        Assert.Equal(4, new VisitEvaluation(visit, 4, "", "", Start).ProgressRating);
    }
}

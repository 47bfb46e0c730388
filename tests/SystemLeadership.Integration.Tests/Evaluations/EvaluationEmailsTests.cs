using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Infrastructure.Evaluations;
using SystemLeadership.Integration.Tests.Deployments;

namespace SystemLeadership.Integration.Tests.Evaluations;

/// <summary>Who quality assurance reaches: the leader's side and the brokers, never the supported school.</summary>
public class EvaluationEmailsTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Quality_assurance_reaches_the_leaders_side_and_the_brokers_and_never_the_school()
    {
        var deployment = DeploymentEmailsTests.Agreed();
        deployment.Apply(DeploymentMove.EndEarly, BrokerageRole.Broker, "The school closed");
        var evaluation = new DeploymentEvaluation(deployment, [2, 4], "Some progress", 3, true, "", "Cal Contact", Now);
        var brokers = new[] { "broker@alliance.org.uk" };

        var evaluated = EvaluationEmails.Evaluated(deployment, evaluation, brokers);
        Assert.Equal(["ada@beck.sch.uk", "hal@beck.sch.uk", "broker@alliance.org.uk"], evaluated.Recipients);
        Assert.Contains("Ratings per objective: 2, 4 (of 5). Leadership capacity built: 3 of 5.", evaluated.Body);

        var review = new QaReview(evaluation, evaluation.LowRatingReasons(deployment.Objectives), Now);
        var opened = EvaluationEmails.QaReviewOpened(deployment, review, brokers);
        Assert.Equal(["broker@alliance.org.uk"], opened.Recipients);
        Assert.Equal("Quality-assurance review needed: Ada Leader", opened.Subject);
        Assert.Equal("Objective \"Raise maths attainment\" rated 2 of 5.", opened.Body);

        review.Close(QaReviewState.NoteOnLeaderRecord, "Agreed a coaching plan", Now);
        var closed = EvaluationEmails.QaReviewClosed(deployment, review, "with a note on the leader's record");
        Assert.Equal(["ada@beck.sch.uk", "hal@beck.sch.uk"], closed.Recipients);
        Assert.Contains("has closed with a note on the leader's record: Agreed a coaching plan", closed.Body);

        foreach (var email in new[] { evaluated, opened, closed }) Assert.DoesNotContain("cal@ash.sch.uk", email.Recipients);
    }

    [Fact]
    public void An_objective_off_track_goes_to_the_leader_alone()
    {
        var deployment = DeploymentEmailsTests.Agreed();
        var review = new ObjectiveReview(deployment, 1, ObjectiveStatus.OffTrack, "No sessions held yet", false, "Bea Broker", Now);
        var email = EvaluationEmails.ObjectiveReviewed(deployment, review);
        Assert.Equal(["ada@beck.sch.uk"], email.Recipients);
        Assert.Equal("Objective off track: Ash Primary", email.Subject);
        Assert.Equal("\"Coach the maths lead\" is off track: No sessions held yet", email.Body);
    }
}

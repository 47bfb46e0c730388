using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Infrastructure.Deployments;

namespace SystemLeadership.Integration.Tests.Deployments;

/// <summary>Who a visit's emails reach (004): the record goes to the school; the leader's evaluation never does.</summary>
public class VisitEmailsTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private static (Deployment Deployment, Visit Visit) Visited()
    {
        var commission = new Commission(Guid.NewGuid(), 100, "Ash Primary", "contact-1", "Cal Contact", "cal@ash.sch.uk",
            CommissionerKind.LocalAuthority, "North Yorkshire LA", "la@northyorks.gov.uk", "cal@ash.sch.uk", "North Yorkshire LA",
            new SupportNeed(["Maths"], "Primary", [DesignationType.SpecialistLeaderOfEducation], [], PriorityReasons.None, new DateOnly(2026, 10, 1), 8, 8), Now);
        var proposal = new Proposal(commission,
            new ProposedLeader(Guid.NewGuid(), Guid.NewGuid(), "leader-1", "Ada Leader", "ada@beck.sch.uk", 200, "Beck School", false, "Hal Head", "hal@beck.sch.uk", 30_000, DesignationType.SpecialistLeaderOfEducation),
            new ProposalTerms(["Raise maths attainment"], "Impact", "Coaching", [], 8, "Half a day a week", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30)), Now);
        proposal.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now);
        foreach (var party in Proposal.ConsentingParties) proposal.Apply(ProposalMove.Consent, party, Now);
        var deployment = new Deployment(proposal, commission);
        return (deployment, new Visit(deployment, new DateTimeOffset(2026, 10, 5, 8, 0, 0, TimeSpan.Zero), 2, "Ash Primary"));
    }

    [Fact]
    public void The_visit_record_goes_to_the_supported_school_with_what_was_covered_and_the_time()
    {
        var (deployment, visit) = Visited();
        var record = new VisitRecord(visit, "Observed year 2 maths", "Trial starters", "Review in a fortnight", 2, Now);
        var email = VisitEmails.Record(deployment, visit, record);
        Assert.Equal(["cal@ash.sch.uk"], email.Recipients);
        Assert.Equal("Visit record: Ada Leader, 5 October 2026", email.Subject);
        Assert.Contains("What the visit covered: Observed year 2 maths", email.Body);
        Assert.Contains("Time: 1 day", email.Body);
    }

    [Fact]
    public void The_visit_evaluation_goes_to_the_leaders_head_and_the_brokers_and_never_to_the_school()
    {
        var (deployment, visit) = Visited();
        var evaluation = new VisitEvaluation(visit, 3, "The maths lead is keen", "Staffing", visit.EndsAt);
        var email = VisitEmails.Evaluation(deployment, visit, evaluation, ["broker@alliance.org.uk", "HAL@beck.sch.uk"]);
        Assert.Equal(["hal@beck.sch.uk", "broker@alliance.org.uk"], email.Recipients);
        Assert.DoesNotContain("cal@ash.sch.uk", email.Recipients);
        Assert.DoesNotContain("la@northyorks.gov.uk", email.Recipients);
        Assert.Contains("Concerns: Staffing", email.Body);
    }
}

using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Infrastructure.Deployments;

namespace SystemLeadership.Integration.Tests.Deployments;

/// <summary>Who a deployment's changes reach: every party, and a new leader's side when the leader changes.</summary>
public class DeploymentEmailsTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
    private const string Link = "https://app.test/t/swaledale/deployments/1";

    internal static Deployment Agreed()
    {
        var commission = new Commission(Guid.NewGuid(), 100, "Ash Primary", "contact-1", "Cal Contact", "cal@ash.sch.uk",
            CommissionerKind.LocalAuthority, "North Yorkshire LA", "la@northyorks.gov.uk", "cal@ash.sch.uk", "North Yorkshire LA",
            new SupportNeed(["Maths"], "Primary", [DesignationType.SpecialistLeaderOfEducation], [], PriorityReasons.None, new DateOnly(2026, 10, 1), 8, 8), Now);
        var proposal = new Proposal(commission,
            new ProposedLeader(Guid.NewGuid(), Guid.NewGuid(), "leader-1", "Ada Leader", "ada@beck.sch.uk", 200, "Beck School", false, "Hal Head", "hal@beck.sch.uk", 30_000, DesignationType.SpecialistLeaderOfEducation),
            new ProposalTerms(["Raise maths attainment", "Coach the maths lead"], "Impact", "Coaching", [], 8, "Half a day a week",
                new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30)), Now);
        proposal.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now);
        foreach (var party in Proposal.ConsentingParties) proposal.Apply(ProposalMove.Consent, party, Now);
        return new Deployment(proposal, commission);
    }

    [Fact]
    public void A_pause_tells_every_party_with_the_reason_and_the_link()
    {
        var deployment = Agreed();
        var email = DeploymentEmails.Moved(deployment, "Bea Broker", "Pause", "Staff illness", Link);
        Assert.Equal(["ada@beck.sch.uk", "hal@beck.sch.uk", "cal@ash.sch.uk", "la@northyorks.gov.uk"], email.Recipients);
        Assert.Equal("Deployment at Ash Primary: pause", email.Subject);
        Assert.Contains("Bea Broker recorded a change to the deployment: pause — Staff illness.", email.Body);
        Assert.Contains(Link, email.Body);
    }

    [Fact]
    public void A_new_leader_and_their_headteacher_are_told_they_take_over_and_the_old_leader_is_not()
    {
        var deployment = Agreed();
        var bo = new LeaderProfile(deployment.TenantId, "leader-2", "Bo Leader", "bo@dale.sch.uk", 300, "Dale School", false, "Di Head", "di@dale.sch.uk", 8);
        var email = DeploymentEmails.LeaderChanged(deployment, bo, "Bea Broker", "Ada is on leave", Link);
        Assert.Equal(["bo@dale.sch.uk", "di@dale.sch.uk"], email.Recipients);
        Assert.DoesNotContain("ada@beck.sch.uk", email.Recipients);
        Assert.Equal("You are now the leader supporting Ash Primary", email.Subject);
        Assert.Contains("Ada is on leave", email.Body);
        Assert.Contains(Link, email.Body);
    }
}

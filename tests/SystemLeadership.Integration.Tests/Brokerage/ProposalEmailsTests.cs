using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Infrastructure.Brokerage;

namespace SystemLeadership.Integration.Tests.Brokerage;

/// <summary>Who hears that a proposal was refused or withdrawn, and what they are told.</summary>
public class ProposalEmailsTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private static (Commission Commission, Proposal Proposal) Proposed()
    {
        var commission = new Commission(Guid.NewGuid(), 100, "Ash Primary", "contact-1", "Cal Contact", "cal@ash.sch.uk",
            CommissionerKind.LocalAuthority, "North Yorkshire LA", "la@northyorks.gov.uk", "cal@ash.sch.uk", "North Yorkshire LA",
            new SupportNeed(["Maths"], "Primary", [DesignationType.SpecialistLeaderOfEducation], [], PriorityReasons.None, new DateOnly(2026, 10, 1), 8, 8), Now);
        var proposal = new Proposal(commission,
            new ProposedLeader(Guid.NewGuid(), Guid.NewGuid(), "leader-1", "Ada Leader", "ada@beck.sch.uk", 200, "Beck School", false, "Hal Head", "hal@beck.sch.uk", 30_000, DesignationType.SpecialistLeaderOfEducation),
            new ProposalTerms(["Raise maths attainment"], "Impact", "Coaching", [], 8, "Half a day a week", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30)), Now);
        proposal.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now);
        return (commission, proposal);
    }

    [Fact]
    public void A_refusal_tells_the_brokers_and_the_leader_who_refused_and_why_but_not_the_school()
    {
        var (commission, proposal) = Proposed();
        proposal.Apply(ProposalMove.Refuse, BrokerageRole.LeaderHeadteacher, Now, "We cannot release her this term");
        var email = ProposalEmails.Refused(proposal, commission, "Hal Head", "We cannot release her this term", ["broker@alliance.org.uk"],
            "https://app.test/t/swaledale/proposals/1");
        Assert.Equal(["broker@alliance.org.uk", "ada@beck.sch.uk"], email.Recipients);
        Assert.DoesNotContain("cal@ash.sch.uk", email.Recipients);
        Assert.Equal("Deployment refused: Ada Leader for Ash Primary", email.Subject);
        Assert.Contains("Hal Head (the leader's headteacher (or chair of governors)) has refused the proposed deployment. The reason given: We cannot release her this term", email.Body);
        Assert.Contains("https://app.test/t/swaledale/proposals/1", email.Body);
    }

    [Fact]
    public void A_withdrawn_proposal_tells_the_leader_and_their_headteacher_the_reason()
    {
        var (_, proposal) = Proposed();
        var email = ProposalEmails.Withdrawn(proposal, "The school found support elsewhere");
        Assert.Equal(["ada@beck.sch.uk", "hal@beck.sch.uk"], email.Recipients);
        Assert.Equal("A proposed deployment has been withdrawn", email.Subject);
        Assert.Contains("has been withdrawn: The school found support elsewhere", email.Body);
    }
}

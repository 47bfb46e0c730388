using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Tests.Brokerage;

public class BrokerageWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);

    public static Commission NewCommission() => new(Guid.NewGuid(), 100, "Ash Primary", "contact-1", "Cal Contact", "cal@ash.sch.uk",
        CommissionerKind.LocalAuthority, "North Yorkshire LA", "la@northyorks.gov.uk", "cal@ash.sch.uk", "North Yorkshire LA",
        new SupportNeed(["Maths"], "Primary", [DesignationType.SpecialistLeaderOfEducation], [], PriorityReasons.BelowFloorStandard,
            new DateOnly(2026, 10, 1), 8, 8), Now);

    public static Proposal NewProposal(Commission commission) => new(commission,
        new ProposedLeader(Guid.NewGuid(), Guid.NewGuid(), "leader-1", "Ada Leader", "ada@beck.sch.uk", 200, "Beck School", false,
            "Hal Head", "hal@beck.sch.uk", 30_000, DesignationType.SpecialistLeaderOfEducation),
        new ProposalTerms(["Raise maths attainment in year 6"], "Year 6 maths at expected standard", "Coaching the maths lead", [],
            8, "Half a day a week", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30)), Now);

    [Fact]
    public void A_broker_accepts_asks_or_declines_and_the_requester_only_answers_or_withdraws()
    {
        var broker = CommissionWorkflow.Table.RowsFor(CommissionState.Requested, BrokerageRole.Broker).Select(t => t.Move);
        Assert.Equal([CommissionMove.Accept, CommissionMove.AskForInformation, CommissionMove.Decline], broker);
        var requester = CommissionWorkflow.Table.RowsFor(CommissionState.Requested, BrokerageRole.Requester).Select(t => t.Move);
        Assert.Equal([CommissionMove.Withdraw], requester);
        Assert.Throws<NotAllowedException>(() => NewCommission().Apply(CommissionMove.Accept, BrokerageRole.Requester));
    }

    [Fact]
    public void Asking_for_more_information_goes_round_to_requested_again()
    {
        var c = NewCommission();
        c.Apply(CommissionMove.AskForInformation, BrokerageRole.Broker, "Which year groups?");
        c.Apply(CommissionMove.ProvideInformation, BrokerageRole.Requester, "Years 5 and 6");
        c.Apply(CommissionMove.Accept, BrokerageRole.Broker);
        Assert.Equal(CommissionState.Accepted, c.State);
        Assert.Equal("Years 5 and 6", c.RequesterReply);
    }

    [Fact]
    public void Declining_needs_a_reason()
    {
        var refused = Assert.Throws<NotAllowedException>(() => NewCommission().Apply(CommissionMove.Decline, BrokerageRole.Broker, " "));
        Assert.Equal("Give the reason for declining.", refused.Message);
    }

    [Fact]
    public void A_proposal_is_agreed_only_when_all_four_parties_consent()
    {
        var p = NewProposal(NewCommission());
        p.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now);
        p.Apply(ProposalMove.Consent, BrokerageRole.Leader, Now);
        p.Apply(ProposalMove.Consent, BrokerageRole.SupportedSchool, Now);
        p.Apply(ProposalMove.Consent, BrokerageRole.Commissioner, Now);
        Assert.Equal(ProposalState.AwaitingConsent, p.State);
        Assert.Equal([BrokerageRole.LeaderHeadteacher], p.AwaitingFrom);
        var last = p.Apply(ProposalMove.Consent, BrokerageRole.LeaderHeadteacher, Now);
        Assert.Equal(ProposalState.Agreed, last.To);
        Assert.Equal(Now, p.AgreedAt);
    }

    [Fact]
    public void Consenting_twice_is_refused()
    {
        var p = NewProposal(NewCommission());
        p.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now);
        p.Apply(ProposalMove.Consent, BrokerageRole.Leader, Now);
        var refused = Assert.Throws<NotAllowedException>(() => p.Apply(ProposalMove.Consent, BrokerageRole.Leader, Now));
        Assert.Equal("You have already agreed to this deployment.", refused.Message);
        Assert.DoesNotContain(ProposalWorkflow.Table.MovesFor(p, p.State, BrokerageRole.Leader), t => t.Move == ProposalMove.Consent);
    }

    [Fact]
    public void Each_consenting_party_sees_one_agree_button_and_one_refuse_button()
    {
        var p = NewProposal(NewCommission());
        p.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now);
        foreach (var party in Proposal.ConsentingParties)
        {
            var moves = ProposalWorkflow.Table.MovesFor(p, p.State, party).Select(t => t.Move).ToList();
            Assert.Equal([ProposalMove.Consent, ProposalMove.Refuse], moves);
        }
        Assert.DoesNotContain(ProposalWorkflow.Table.MovesFor(p, p.State, BrokerageRole.Broker), t => t.Move == ProposalMove.Consent);
    }

    [Fact]
    public void The_leaders_headteacher_may_refuse_with_a_reason_that_is_recorded()
    {
        var p = NewProposal(NewCommission());
        p.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now);
        Assert.Throws<NotAllowedException>(() => p.Apply(ProposalMove.Refuse, BrokerageRole.LeaderHeadteacher, Now));
        p.Apply(ProposalMove.Refuse, BrokerageRole.LeaderHeadteacher, Now, "Ofsted is due this term");
        Assert.Equal(ProposalState.Refused, p.State);
        Assert.Equal(BrokerageRole.LeaderHeadteacher, p.RefusedBy);
        Assert.Equal("Ofsted is due this term", p.RefusalReason);
    }

    [Fact]
    public void A_proposal_without_objectives_cannot_be_sent()
    {
        var c = NewCommission();
        var p = new Proposal(c, new ProposedLeader(Guid.NewGuid(), Guid.NewGuid(), "l", "L", "l@x", 200, "Beck", false, "H", "h@x", 30_000, DesignationType.SpecialistLeaderOfEducation),
            new ProposalTerms([" "], "", "Coaching", [], 2, "", new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 1)), Now);
        var refused = Assert.Throws<NotAllowedException>(() => p.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now));
        Assert.Equal("Agree at least one objective before proposing.", refused.Message);
    }

    [Fact]
    public void Only_the_system_closes_rival_proposals_and_an_agreed_one_cannot_be_closed()
    {
        var p = NewProposal(NewCommission());
        Assert.Throws<NotAllowedException>(() => p.Apply(ProposalMove.CloseAsRival, BrokerageRole.Broker, Now));
        p.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now);
        foreach (var party in Proposal.ConsentingParties) p.Apply(ProposalMove.Consent, party, Now);
        Assert.Throws<NotAllowedException>(() => p.Apply(ProposalMove.CloseAsRival, BrokerageRole.System, Now));
    }

    [Fact]
    public void The_financial_terms_are_the_days_at_the_leaders_rate()
    {
        Assert.Equal(120_000, NewProposal(NewCommission()).TotalPence);
    }
}

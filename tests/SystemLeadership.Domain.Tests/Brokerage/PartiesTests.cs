using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Tests.Brokerage;

/// <summary>Who is a party to a request, a proposal, a deployment and a claim: worked out from the record, per role.</summary>
public class PartiesTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Actor Broker = new("broker-1", "Bea Broker", "bea@alliance.org.uk", TenantRoles.AllianceManager);
    private static readonly Actor Leader = new("leader-1", "Ada Leader", "ada@beck.sch.uk", TenantRoles.SystemLeader);
    private static readonly Actor Head = new("head-1", "Hal Head", "HAL@beck.sch.uk ", TenantRoles.Headteacher);
    private static readonly Actor School = new("contact-1", "Cal Contact", "cal@ash.sch.uk", TenantRoles.SchoolContact);
    private static readonly Actor Commissioner = new("la-1", "Lee Authority", "la@northyorks.gov.uk", TenantRoles.SchoolContact);
    private static readonly Actor Stranger = new("other-1", "Olly Other", "olly@elsewhere.sch.uk", TenantRoles.Headteacher);

    private static (Commission Commission, Proposal Proposal) Proposed()
    {
        var c = BrokerageWorkflowTests.NewCommission();
        var p = BrokerageWorkflowTests.NewProposal(c);
        p.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now);
        return (c, p);
    }

    private static Deployment Agreed()
    {
        var (c, p) = Proposed();
        foreach (var party in Proposal.ConsentingParties) p.Apply(ProposalMove.Consent, party, Now);
        return new Deployment(p, c);
    }

    [Fact]
    public void The_request_names_its_requester_school_and_commissioner_and_any_manager_is_its_broker()
    {
        var c = BrokerageWorkflowTests.NewCommission();
        Assert.Equal([BrokerageRole.Broker], CommissionParties.Of(c, Broker));
        Assert.Equal([BrokerageRole.Requester, BrokerageRole.SupportedSchool], CommissionParties.Of(c, School));
        Assert.Equal([BrokerageRole.Commissioner], CommissionParties.Of(c, Commissioner));
        Assert.Empty(CommissionParties.Of(c, Leader));
        Assert.Empty(CommissionParties.Of(c, Stranger));
    }

    [Fact]
    public void A_leader_and_their_head_see_the_request_only_once_a_proposal_to_them_is_out_of_draft()
    {
        var c = BrokerageWorkflowTests.NewCommission();
        var draft = BrokerageWorkflowTests.NewProposal(c);
        Assert.False(CommissionParties.MaySee(c, [draft], Leader));
        Assert.False(CommissionParties.MaySee(c, [draft], Head));

        draft.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now);
        Assert.True(CommissionParties.MaySee(c, [draft], Leader));
        Assert.True(CommissionParties.MaySee(c, [draft], Head));
        Assert.False(CommissionParties.MaySee(c, [draft], Stranger));
    }

    [Fact]
    public void A_draft_proposal_is_the_brokers_alone_and_a_proposed_one_is_seen_by_every_party()
    {
        var c = BrokerageWorkflowTests.NewCommission();
        var p = BrokerageWorkflowTests.NewProposal(c);
        Assert.True(ProposalParties.MaySee(p, ProposalParties.Of(p, c, Broker)));
        Assert.False(ProposalParties.MaySee(p, ProposalParties.Of(p, c, Leader)));
        Assert.False(ProposalParties.MaySee(p, ProposalParties.Of(p, c, School)));

        p.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now);
        Assert.Equal([BrokerageRole.Leader], ProposalParties.Of(p, c, Leader));
        Assert.Equal([BrokerageRole.LeaderHeadteacher], ProposalParties.Of(p, c, Head));
        foreach (var party in new[] { Broker, Leader, Head, School, Commissioner })
            Assert.True(ProposalParties.MaySee(p, ProposalParties.Of(p, c, party)));
        Assert.False(ProposalParties.MaySee(p, ProposalParties.Of(p, c, Stranger)));
    }

    [Fact]
    public void The_supported_school_reads_visit_records_but_never_the_leaders_visit_evaluations()
    {
        var d = Agreed();
        var school = DeploymentParties.Sight(d, DeploymentParties.Of(d, School));
        Assert.True(school.Plan);
        Assert.True(school.VisitRecords);
        Assert.False(school.VisitEvaluations);
        Assert.False(school.ObjectiveReviews);
        Assert.False(school.QaReviews);
        Assert.True(school.EvaluateDeployment);
        Assert.False(school.RecordVisits);
    }

    [Fact]
    public void The_leader_records_and_evaluates_visits_and_their_head_reads_both_forms()
    {
        var d = Agreed();
        var leader = DeploymentParties.Sight(d, DeploymentParties.Of(d, Leader));
        Assert.True(leader.RecordVisits && leader.ScheduleVisits && leader.VisitEvaluations && leader.ObjectiveReviews);
        Assert.False(leader.QaReviews || leader.EvaluateDeployment || leader.ManageDeployment);

        var head = DeploymentParties.Sight(d, DeploymentParties.Of(d, Head));
        Assert.True(head.VisitRecords && head.VisitEvaluations && head.ObjectiveReviews);
        Assert.False(head.RecordVisits || head.ScheduleVisits || head.Commission || head.QaReviews);
    }

    [Fact]
    public void The_commissioner_sees_the_plan_and_the_request_but_not_the_visit_forms()
    {
        var d = Agreed();
        var commissioner = DeploymentParties.Sight(d, DeploymentParties.Of(d, Commissioner));
        Assert.True(commissioner.Plan && commissioner.Commission);
        Assert.False(commissioner.VisitRecords || commissioner.VisitEvaluations || commissioner.ObjectiveReviews || commissioner.EvaluateDeployment);
    }

    [Fact]
    public void The_broker_sees_everything_and_manages_but_a_stranger_is_no_party_at_all()
    {
        var d = Agreed();
        var broker = DeploymentParties.Sight(d, DeploymentParties.Of(d, Broker));
        Assert.True(broker.VisitRecords && broker.VisitEvaluations && broker.QaReviews && broker.ManageDeployment && broker.ReviewObjectives);
        Assert.Empty(DeploymentParties.Of(d, Stranger));
        Assert.False(DeploymentParties.Sight(d, DeploymentParties.Of(d, Stranger)).Plan);
    }

    [Fact]
    public void Visits_are_scheduled_only_while_the_deployment_is_active()
    {
        var d = Agreed();
        d.Apply(DeploymentMove.Pause, BrokerageRole.Broker, "Half term");
        Assert.False(DeploymentParties.Sight(d, DeploymentParties.Of(d, Leader)).ScheduleVisits);
        Assert.False(DeploymentParties.Sight(d, DeploymentParties.Of(d, Broker)).ScheduleVisits);
    }

    [Fact]
    public void A_claim_belongs_to_the_broker_and_to_whoever_acts_for_the_school_it_reimburses()
    {
        var claim = new Claim(Guid.NewGuid(), 200, "Beck School", SchoolTerm.Of(new DateOnly(2026, 10, 1)).Key,
            [new ClaimLineInput(Guid.NewGuid(), Guid.NewGuid(), "Ada Leader", "Ash Primary", new DateOnly(2026, 10, 5), 2, 30_000)], Now);
        string[] schoolContacts = ["hal@beck.sch.uk"];
        Assert.Equal([ClaimRole.Broker], ClaimParties.Of(claim, schoolContacts, Broker));
        Assert.Equal([ClaimRole.LeaderSchool], ClaimParties.Of(claim, schoolContacts, Head));
        Assert.Empty(ClaimParties.Of(claim, schoolContacts, Leader));
        Assert.Empty(ClaimParties.Of(claim, schoolContacts, Stranger));
        Assert.Equal([ClaimMove.Submit], ClaimParties.MovesFor(claim, [ClaimRole.LeaderSchool]).Select(t => t.Move));
        Assert.Empty(ClaimParties.MovesFor(claim, [ClaimRole.Broker]));
    }
}

using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tests.Brokerage;

namespace SystemLeadership.Domain.Tests.Deployments;

public class DeploymentWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);

    public static Deployment NewDeployment()
    {
        var c = BrokerageWorkflowTests.NewCommission();
        var p = BrokerageWorkflowTests.NewProposal(c);
        p.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now);
        foreach (var party in Proposal.ConsentingParties) p.Apply(ProposalMove.Consent, party, Now);
        return new Deployment(p, c);
    }

    [Fact]
    public void Days_up_to_the_agreement_are_logged_and_an_overrun_is_warned_before_it_happens()
    {
        var d = NewDeployment();
        d.LogDays(7);
        Assert.Null(d.OverrunWarning(1));
        Assert.Equal(
            "Logging 1 day would take this deployment to 4.5 days, over the 4 days agreed by half a day. Agree an extension first.",
            d.OverrunWarning(2));
        Assert.Throws<NotAllowedException>(() => d.LogDays(2));
        d.LogDays(1);
        Assert.Equal(0, d.RemainingHalfDays);
    }

    [Fact]
    public void Extension_change_of_leader_pause_and_early_end_are_the_brokers_moves_with_reasons()
    {
        var d = NewDeployment();
        Assert.Throws<NotAllowedException>(() => d.Apply(DeploymentMove.Pause, BrokerageRole.Leader, "tired"));
        Assert.Throws<NotAllowedException>(() => d.Apply(DeploymentMove.Pause, BrokerageRole.Broker, null));
        d.Extend(BrokerageRole.Broker, d.End.AddDays(30), 4, "Second phase agreed");
        Assert.Equal(12, d.AgreedHalfDays);
        d.Apply(DeploymentMove.Pause, BrokerageRole.Broker, "School closed for building works");
        Assert.Throws<NotAllowedException>(() => d.LogDays(1));
        d.Apply(DeploymentMove.Resume, BrokerageRole.Broker, null);
        d.ChangeLeader(BrokerageRole.Broker, new ProposedLeader(Guid.NewGuid(), Guid.NewGuid(), "l2", "Bea", "bea@x", 300, "Cove", true, "Chair", "chair@x", 40_000, DesignationType.SpecialistLeaderOfEducation), "Ada on leave");
        Assert.Equal("Bea", d.LeaderName);
        d.Apply(DeploymentMove.EndEarly, BrokerageRole.Broker, "Objectives met early");
        Assert.Equal(DeploymentState.EndedEarly, d.State);
    }

    [Fact]
    public void A_deployment_is_completed_only_after_days_were_logged()
    {
        var d = NewDeployment();
        var refused = Assert.Throws<NotAllowedException>(() => d.Apply(DeploymentMove.Complete, BrokerageRole.Broker, null));
        Assert.Equal("No days have been logged yet.", refused.Message);
        d.LogDays(2);
        d.Apply(DeploymentMove.Complete, BrokerageRole.Broker, null);
        Assert.Equal(DeploymentState.Completed, d.State);
    }

    [Fact]
    public void A_visit_of_three_half_days_ends_at_lunchtime_on_its_second_day()
    {
        var d = NewDeployment();
        var v = new Visit(d, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 3, "Ash Primary");
        Assert.Equal(new DateTimeOffset(2026, 10, 6, 12, 30, 0, TimeSpan.Zero), v.EndsAt);
    }
}

using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Reimbursement;

namespace SystemLeadership.Domain.Tests.Brokerage;

/// <summary>Who may make which move, read straight off each table: the rows the UI's buttons and the services share.</summary>
public class TransitionTablePerRoleTests
{
    [Fact]
    public void Only_the_broker_triages_a_commission_and_only_the_requester_answers_or_withdraws_it()
    {
        var rows = CommissionWorkflow.Table.Transitions;
        Assert.All(rows.Where(t => t.Move is CommissionMove.Accept or CommissionMove.Decline or CommissionMove.AskForInformation),
            t => Assert.Equal(BrokerageRole.Broker, t.Actor));
        Assert.All(rows.Where(t => t.Move is CommissionMove.ProvideInformation or CommissionMove.Withdraw),
            t => Assert.Equal(BrokerageRole.Requester, t.Actor));
        Assert.Equal(BrokerageRole.System, Assert.Single(rows, t => t.Move == CommissionMove.MarkBrokered).Actor);
        Assert.DoesNotContain(rows, t => t.From is CommissionState.Declined or CommissionState.Brokered or CommissionState.Withdrawn);
    }

    [Fact]
    public void The_broker_proposes_and_withdraws_but_never_consents_and_the_four_parties_only_consent_or_refuse()
    {
        var rows = ProposalWorkflow.Table.Transitions;
        Assert.All(rows.Where(t => t.Actor == BrokerageRole.Broker), t => Assert.Contains(t.Move, new[] { ProposalMove.Propose, ProposalMove.Withdraw }));
        foreach (var party in Proposal.ConsentingParties)
        {
            var moves = rows.Where(t => t.Actor == party).Select(t => t.Move).Distinct().Order().ToList();
            Assert.Equal([ProposalMove.Consent, ProposalMove.Refuse], moves);
            Assert.All(rows.Where(t => t.Actor == party), t => Assert.Equal(ProposalState.AwaitingConsent, t.From));
        }
        Assert.DoesNotContain(rows, t => t.Actor == BrokerageRole.Requester);
        Assert.DoesNotContain(rows, t => t.From is ProposalState.Agreed or ProposalState.Refused or ProposalState.Closed or ProposalState.Withdrawn);
    }

    [Fact]
    public void Every_deployment_move_is_the_brokers_and_nothing_leaves_an_ended_deployment()
    {
        Assert.All(DeploymentWorkflow.Table.Transitions, t => Assert.Equal(BrokerageRole.Broker, t.Actor));
        Assert.DoesNotContain(DeploymentWorkflow.Table.Transitions, t => t.From is DeploymentState.Completed or DeploymentState.EndedEarly);
        Assert.Equal(
            [DeploymentMove.Extend, DeploymentMove.ChangeLeader, DeploymentMove.Pause, DeploymentMove.EndEarly, DeploymentMove.Complete],
            DeploymentWorkflow.Table.RowsFor(DeploymentState.Active, BrokerageRole.Broker).Select(t => t.Move));
    }

    [Fact]
    public void The_school_only_submits_a_claim_and_the_broker_only_decides_and_pays_it()
    {
        var rows = ClaimWorkflow.Table.Transitions;
        Assert.All(rows.Where(t => t.Actor == ClaimRole.LeaderSchool), t => Assert.Equal(ClaimMove.Submit, t.Move));
        Assert.All(rows.Where(t => t.Actor == ClaimRole.Broker), t => Assert.NotEqual(ClaimMove.Submit, t.Move));
        Assert.DoesNotContain(rows, t => t.From == ClaimState.Paid);
    }

    [Fact]
    public void Every_state_has_a_display_name()
    {
        Assert.All(Enum.GetValues<CommissionState>(), s => Assert.False(string.IsNullOrWhiteSpace(CommissionWorkflow.Display(s))));
        Assert.All(Enum.GetValues<ProposalState>(), s => Assert.False(string.IsNullOrWhiteSpace(ProposalWorkflow.Display(s))));
        Assert.All(Enum.GetValues<DeploymentState>(), s => Assert.False(string.IsNullOrWhiteSpace(DeploymentWorkflow.Display(s))));
        Assert.All(Enum.GetValues<ClaimState>(), s => Assert.False(string.IsNullOrWhiteSpace(ClaimWorkflow.Display(s))));
    }
}

using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Brokerage;

public class BrokerBoardTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_board_counts_by_state_lists_the_open_commissions_and_the_live_deployments_with_their_next_visit()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var other = await BrokerageWorld.CreateAsync(db);
        await other.Commissions.RaiseCommissionAsync(other.Contact, other.Request());

        var requested = await w.Commissions.RaiseCommissionAsync(w.Contact, w.Request());
        var brokered = await w.AcceptedCommissionAsync();
        var proposal = await w.ProposalAwaitingHeadAsync(brokered.Id);
        await w.Proposals.ConsentAsync(proposal.Id, w.Head);
        var deployment = Assert.Single(await w.MyDeploymentsAsync(w.Leader));
        var visit = new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);
        await w.Visits.ScheduleVisitAsync(deployment.Id, visit.AddDays(7), 1, "Ash Primary", w.Leader);
        await w.Visits.ScheduleVisitAsync(deployment.Id, visit, 1, "Ash Primary", w.Leader);

        var board = (await w.Views.BoardAsync(w.Broker))!;

        Assert.Equal(1, board.CommissionCounts[CommissionState.Requested]);
        Assert.Equal(1, board.CommissionCounts[CommissionState.Brokered]);
        Assert.Equal(1, board.DeploymentCounts[DeploymentState.Active]);
        var open = Assert.Single(board.OpenCommissions);
        Assert.Equal(requested.Id, open.Id);
        var live = Assert.Single(board.LiveDeployments);
        Assert.Equal(deployment.Id, live.Id);
        Assert.Equal(visit, live.NextVisit);
    }
}

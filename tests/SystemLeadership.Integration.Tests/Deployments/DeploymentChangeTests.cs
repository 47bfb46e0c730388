using SystemLeadership.Integration.Tests.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Deployments;

public class DeploymentChangeTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static async Task<(BrokerageWorld World, Deployment Deployment)> AgreedAsync(DatabaseFixture db, int capacity)
    {
        var w = await BrokerageWorld.CreateAsync(db, capacity);
        var commission = await w.AcceptedCommissionAsync();
        var proposal = await w.ProposalAwaitingHeadAsync(commission.Id);
        await w.Proposals.ConsentAsync(proposal.Id, w.Head);
        return (w, Assert.Single(await w.MyDeploymentsAsync(w.Leader)));
    }

    [Fact]
    public async Task An_extension_is_recorded_and_refused_when_the_leader_has_no_days_left_that_term()
    {
        var (w, deployment) = await AgreedAsync(db, capacity: 10);
        await Assert.ThrowsAsync<NotAllowedException>(() =>
            w.Deployments.ExtendAsync(deployment.Id, deployment.Version, deployment.End.AddDays(14), 4, w.Broker, "A second unit"));
        await w.Deployments.ExtendAsync(deployment.Id, deployment.Version, deployment.End.AddDays(14), 2, w.Broker, "A second unit");
        deployment = (await w.DeploymentAsync(deployment.Id))!;
        Assert.Equal(10, deployment.AgreedHalfDays);
        Assert.Equal("A second unit", deployment.LastMoveNote);
        await using var context = w.Context();
        Assert.Equal(10, await context.Set<CapacityCommitment>().SumAsync(c => c.HalfDays));
        Assert.Contains(await context.AuditEntries.Where(a => a.EntityId == deployment.Id).Select(a => a.Action).ToListAsync(), a => a == "Extend");
    }

    [Fact]
    public async Task A_change_of_leader_moves_the_remaining_days_to_the_new_leaders_capacity()
    {
        var (w, deployment) = await AgreedAsync(db, capacity: 20);
        var bo = await w.AddLeaderAsync("Bo", 20);
        var visit = await w.Visits.ScheduleVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 2, "Ash Primary", w.Leader);
        w.After(visit.Visit);
        await w.Visits.RecordVisitAsync(visit.Visit.Id, new VisitRecordForm("Observed lessons", "", "", 2), w.Leader);
        deployment = (await w.DeploymentAsync(deployment.Id))!;

        await w.Deployments.ChangeLeaderAsync(deployment.Id, deployment.Version, w.Leaders["Bo"].DesignationId, w.Broker, "Ada on maternity leave");

        deployment = (await w.DeploymentAsync(deployment.Id))!;
        Assert.Equal(bo.UserId, deployment.LeaderUserId);
        await using var context = w.Context();
        var byLeader = await context.Set<CapacityCommitment>().Join(context.Set<LeaderProfile>(), c => c.LeaderProfileId, p => p.Id, (c, p) => new { p.Name, c.HalfDays })
            .GroupBy(x => x.Name).Select(g => new { g.Key, HalfDays = g.Sum(x => x.HalfDays) }).ToDictionaryAsync(g => g.Key, g => g.HalfDays);
        Assert.Equal(2, byLeader["Ada"]);
        Assert.Equal(6, byLeader["Bo"]);
        Assert.Single(await w.MyDeploymentsAsync(bo));
        Assert.Contains($"You are now the leader supporting {deployment.SchoolName}", await w.EmailsToAsync(bo.Email));
    }

    [Fact]
    public async Task A_paused_deployment_takes_no_visits_until_resumed()
    {
        var (w, deployment) = await AgreedAsync(db, capacity: 20);
        await w.Deployments.MoveAsync(deployment.Id, deployment.Version, DeploymentMove.Pause, w.Broker, "Building works");
        await Assert.ThrowsAsync<SystemLeadership.Domain.Common.NotAllowedException>(() =>
            w.Visits.ScheduleVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 2, "Ash Primary", w.Leader));
        deployment = (await w.DeploymentAsync(deployment.Id))!;
        await Assert.ThrowsAsync<SystemLeadership.Domain.Common.StaleException>(() =>
            w.Deployments.MoveAsync(deployment.Id, deployment.Version + 1, DeploymentMove.Resume, w.Broker));
        await w.Deployments.MoveAsync(deployment.Id, deployment.Version, DeploymentMove.Resume, w.Broker);
        Assert.Null((await w.Visits.ScheduleVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 2, "Ash Primary", w.Leader)).OverrunWarning);
    }
}

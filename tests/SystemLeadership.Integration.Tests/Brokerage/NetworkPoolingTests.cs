using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Brokerage;

public class NetworkPoolingTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_leader_pooled_by_a_network_partner_appears_in_the_search_only_while_shared_and_only_to_partners()
    {
        var a = await BrokerageWorld.CreateAsync(db);
        var b = await BrokerageWorld.CreateAsync(db);
        var outsider = await BrokerageWorld.CreateAsync(db);
        var network = new LeaderNetwork("Dales Network");
        await using (var owner = db.NewOwnerContext())
        {
            owner.Set<LeaderNetwork>().Add(network);
            await owner.SaveChangesAsync();
        }
        await a.Networks.JoinNetworkAsync(network.Id, a.Broker);
        await b.Networks.JoinNetworkAsync(network.Id, b.Broker);

        var commission = await a.AcceptedCommissionAsync();
        var outsiderCommission = await outsider.AcceptedCommissionAsync();
        bool SeesB(MatchResult result) => result.Ranked.Any(r => r.Candidate.DesignationId == b.LeaderDesignationId);

        Assert.False(SeesB(await a.Finder.FindLeadersAsync(commission.Id)));

        await b.Networks.ShareWithNetworksAsync(b.LeaderDesignationId, share: true, b.Broker);
        var found = await a.Finder.FindLeadersAsync(commission.Id);
        var pooled = Assert.Single(found.Ranked, r => r.Candidate.DesignationId == b.LeaderDesignationId);
        Assert.True(pooled.Candidate.SharedByAnotherTenant);
        Assert.Equal(b.Tenant.Id, pooled.Candidate.TenantId);
        Assert.Contains(found.Ranked, r => r.Candidate.DesignationId == a.LeaderDesignationId && !r.Candidate.SharedByAnotherTenant);
        Assert.False(SeesB(await outsider.Finder.FindLeadersAsync(outsiderCommission.Id)));

        await b.Networks.ShareWithNetworksAsync(b.LeaderDesignationId, share: false, b.Broker);
        Assert.False(SeesB(await a.Finder.FindLeadersAsync(commission.Id)));
    }
}

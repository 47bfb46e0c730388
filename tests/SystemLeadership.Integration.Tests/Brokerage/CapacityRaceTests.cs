using SystemLeadership.Domain.Common;
using SystemLeadership.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Brokerage;

public class CapacityRaceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Twenty_agreements_racing_for_the_last_free_days_use_exactly_the_capacity_and_no_more()
    {
        // Ten half days a term; twenty proposals of one day each, all in the same term, each waiting only for the head.
        var w = await BrokerageWorld.CreateAsync(db, leaderCapacityHalfDays: 10);
        List<Guid> proposals = [];
        for (var i = 0; i < 20; i++)
        {
            var commission = await w.AcceptedCommissionAsync(halfDays: 2);
            proposals.Add((await w.ProposalAwaitingHeadAsync(commission.Id, halfDays: 2)).Id);
        }

        var outcomes = await HeadAgreesToAllAtOnceAsync(w, proposals, refused: "no capacity");

        Assert.Equal(5, outcomes.Count(o => o == "agreed"));
        Assert.Equal(15, outcomes.Count(o => o == "no capacity"));
        await using var context = w.Context();
        Assert.Equal(10, await context.Set<CapacityCommitment>().SumAsync(c => c.HalfDays));
        Assert.Equal(5, await context.Set<Deployment>().CountAsync());
        Assert.Equal(5, await context.Set<Proposal>().CountAsync(p => p.State == ProposalState.Agreed));
        // The losers are untouched: still waiting for the head, who may agree once days are freed.
        Assert.Equal(15, await context.Set<Proposal>().CountAsync(p => p.State == ProposalState.AwaitingConsent));
    }

    [Fact]
    public async Task Twenty_agreements_for_twenty_leaders_of_one_school_racing_for_its_last_free_days_never_exceed_the_schools_days()
    {
        // Each leader has days to spare; their school releases them for four days a term in all.
        var w = await BrokerageWorld.CreateAsync(db, leaderCapacityHalfDays: 20);
        List<Guid> proposals = [];
        for (var i = 0; i < 20; i++)
        {
            var name = i == 0 ? "Ada" : $"Leader{i:00}";
            if (i > 0) await w.AddLeaderAsync(name, 20);
            var commission = await w.AcceptedCommissionAsync(halfDays: 2);
            proposals.Add((await w.ProposalAwaitingHeadAsync(commission.Id, name, halfDays: 2)).Id);
        }
        var profile = (await w.Profiles.PageAsync(null, w.Leader))!.Profile.Id;
        await w.Profiles.SetSchoolDaysAsync(profile, 4, w.Broker);

        var outcomes = await HeadAgreesToAllAtOnceAsync(w, proposals, refused: "school full");

        Assert.Equal(4, outcomes.Count(o => o == "agreed"));
        Assert.Equal(16, outcomes.Count(o => o == "school full"));
        await using var context = w.Context();
        Assert.Equal(8, await context.Set<CapacityCommitment>().SumAsync(c => c.HalfDays));
        Assert.Equal(4, await context.Set<Deployment>().CountAsync());
    }

    /// <summary>The headteacher agrees to every proposal at the same moment: "agreed", or the refusal's label, for each.</summary>
    private static async Task<string[]> HeadAgreesToAllAtOnceAsync(BrokerageWorld w, IReadOnlyList<Guid> proposals, string refused)
    {
        using var start = new SemaphoreSlim(0);
        var races = proposals.Select(id => Task.Run(async () =>
        {
            await start.WaitAsync();
            try
            {
                await w.Proposals.ConsentAsync(id, w.Head);
                return "agreed";
            }
            catch (NotAllowedException)
            {
                return refused;
            }
        })).ToList();
        start.Release(races.Count);
        return await Task.WhenAll(races);
    }
}

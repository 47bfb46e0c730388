using Microsoft.EntityFrameworkCore;
using Npgsql;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Brokerage;

/// <summary>
/// A pooled leader lent to a network partner: the home alliance agrees first, the days are held at home against the
/// leader's one capacity, each alliance sees its part, and the claim is paid through the home alliance (003 §6).
/// </summary>
public class PooledDeploymentTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_pooled_leader_is_deployed_only_when_the_home_alliance_agrees_and_their_days_count_against_their_one_capacity()
    {
        var partner = await BrokerageWorld.CreateAsync(db);
        var home = await BrokerageWorld.CreateAsync(db);
        await partner.NetworkWithAsync(home);
        await home.Networks.ShareWithNetworksAsync(home.LeaderDesignationId, share: true, home.Broker);
        var commission = await partner.AcceptedCommissionAsync();

        var draft = await partner.Proposals.DraftProposalAsync(commission.Id, home.LeaderDesignationId, BrokerageWorld.Terms(8), partner.Broker);
        Assert.True(draft.IsPooled);
        Assert.Equal(home.Tenant.Name, draft.HomeAllianceName);
        await partner.Proposals.ProposeAsync(draft.Id, (await partner.ProposalAsync(draft.Id))!.Version, partner.Broker);
        // The request's side is asked now; the leader's side only once their home alliance agrees.
        Assert.Contains($"Please agree: support for {commission.SchoolName} by Ada", await partner.EmailsToAsync(partner.Contact.Email));
        Assert.Empty(await partner.EmailsToAsync(home.Leader.Email));
        var homeBroker = $"broker-{home.Tenant.Slug[^6..]}@alliance.test";
        Assert.Contains($"{partner.Tenant.Name} proposes Ada for {commission.SchoolName}", await home.EmailsToAsync(homeBroker));

        var ask = Assert.Single((await home.Networks.OverviewAsync(home.Broker)).Asks);
        Assert.Equal(PoolAskState.Waiting, ask.State);
        Assert.Equal(commission.SchoolName, ask.SupportedSchoolName);
        // Until the home alliance agrees, the leader's side is neither shown the proposal nor able to act on it.
        Assert.Null(await partner.Views.ProposalAsync(draft.Id, home.Leader));
        var refused = await Assert.ThrowsAsync<NotAllowedException>(() => partner.Proposals.ConsentAsync(draft.Id, home.Leader));
        Assert.Contains("home alliance has to agree first", refused.Message);
        await Assert.ThrowsAsync<NotAllowedException>(() => partner.Proposals.RefuseAsync(draft.Id, home.Head, "Not this term"));
        await partner.Proposals.ConsentAsync(draft.Id, partner.Contact);
        await partner.Proposals.ConsentAsync(draft.Id, partner.Commissioner);

        await home.AccountsForAsync(home.Leader, home.Head);
        await home.PoolAsks.DecideAsync(ask.Id, ask.Version, agree: true, null, home.Broker);
        Assert.Contains($"Please agree: support for {commission.SchoolName} by Ada", await partner.EmailsToAsync(home.Leader.Email));
        Assert.NotNull((await partner.ProposalAsync(draft.Id))!.HomeConsentAt);
        Assert.NotNull(await partner.Views.ProposalAsync(draft.Id, home.Leader));
        // Let in to the partner alliance: the leader as a system leader, their head with no role beyond being a party.
        await using (var context = partner.Context())
        {
            var members = await context.Memberships.Where(m => m.UserId == home.Leader.UserId || m.UserId == home.Head.UserId)
                .ToDictionaryAsync(m => m.UserId, m => m.Roles);
            Assert.Equal(TenantRoles.SystemLeader, members[home.Leader.UserId]);
            Assert.Equal(TenantRoles.None, members[home.Head.UserId]);
            Assert.Equal(2, await context.AuditEntries.CountAsync(e => e.Action == "Let in for a pooled deployment"));
        }
        await partner.Proposals.ConsentAsync(draft.Id, home.Leader);
        await partner.Proposals.ConsentAsync(draft.Id, home.Head);

        // The deployment is the partner's; the home alliance sees its part (Ada, the school, the days) and holds the days.
        var deployment = Assert.Single(await partner.MyDeploymentsAsync(home.Leader));
        Assert.Equal(commission.SchoolName, deployment.SchoolName);
        Assert.Null(await home.DeploymentAsync(deployment.Id));
        Assert.Null(await home.ProposalAsync(draft.Id));
        Assert.Equal(PoolAskState.Deployed, Assert.Single((await home.Networks.OverviewAsync(home.Broker)).Asks).State);
        Assert.Contains("Ada is deployed by " + partner.Tenant.Name, await home.EmailsToAsync(homeBroker));
        Assert.Empty((await partner.Networks.OverviewAsync(partner.Broker)).Asks);
        await using (var context = home.Context())
        {
            Assert.Equal(8, await context.Set<CapacityCommitment>().Where(c => c.ProposalId == draft.Id).SumAsync(c => c.HalfDays));
        }
        await using (var context = partner.Context())
        {
            Assert.False(await context.Set<CapacityCommitment>().AnyAsync());
        }

        // Ada can give 20 half days a term; 8 are lent, so her home alliance cannot commit 16 more in the same term.
        var own = await home.AcceptedCommissionAsync(16);
        var over = await home.Proposals.DraftProposalAsync(own.Id, home.LeaderDesignationId, BrokerageWorld.Terms(16), home.Broker);
        await home.Proposals.ProposeAsync(over.Id, (await home.ProposalAsync(over.Id))!.Version, home.Broker);
        await home.Proposals.ConsentAsync(over.Id, home.Leader);
        await home.Proposals.ConsentAsync(over.Id, home.Contact);
        await home.Proposals.ConsentAsync(over.Id, home.Commissioner);
        var full = await Assert.ThrowsAsync<NotAllowedException>(() => home.Proposals.ConsentAsync(over.Id, home.Head));
        Assert.Contains("does not have the days free", full.Message);
    }

    [Fact]
    public async Task A_home_alliance_that_refuses_ends_the_partners_proposal_and_a_withdrawal_ends_the_homes_record()
    {
        var partner = await BrokerageWorld.CreateAsync(db);
        var home = await BrokerageWorld.CreateAsync(db);
        await partner.NetworkWithAsync(home);
        await home.Networks.ShareWithNetworksAsync(home.LeaderDesignationId, share: true, home.Broker);

        var first = await ProposedAsync(partner, home);
        var ask = Assert.Single((await home.Networks.OverviewAsync(home.Broker)).Asks);
        await Assert.ThrowsAsync<InvalidInputException>(() => home.PoolAsks.DecideAsync(ask.Id, ask.Version, agree: false, " ", home.Broker));
        await Assert.ThrowsAsync<NotFoundException>(() => partner.PoolAsks.DecideAsync(ask.Id, ask.Version, agree: true, null, partner.Broker));
        await home.PoolAsks.DecideAsync(ask.Id, ask.Version, agree: false, "Ada is needed here this term", home.Broker);
        var refused = (await partner.ProposalAsync(first))!;
        Assert.Equal(ProposalState.Refused, refused.State);
        Assert.Equal(BrokerageRole.HomeAlliance, refused.RefusedBy);
        Assert.Contains($"{home.Tenant.Name} refuses to lend Ada", await partner.EmailsToAsync($"broker-{partner.Tenant.Slug[^6..]}@alliance.test"));
        Assert.Empty(await partner.EmailsToAsync(home.Leader.Email));

        var second = await ProposedAsync(partner, home);
        var proposal = (await partner.ProposalAsync(second))!;
        await partner.Proposals.WithdrawProposalAsync(second, proposal.Version, partner.Broker, "The school found help nearer");
        var ended = Assert.Single((await home.Networks.OverviewAsync(home.Broker)).Asks, a => a.ProposalId == second);
        Assert.Equal(PoolAskState.Ended, ended.State);
        Assert.Equal("The school found help nearer", ended.Note);
    }

    [Fact]
    public async Task A_pooled_leaders_days_are_claimed_through_their_home_alliance_which_submits_and_sees_it_paid()
    {
        var partner = await BrokerageWorld.CreateAsync(db);
        var home = await BrokerageWorld.CreateAsync(db);
        await partner.NetworkWithAsync(home);
        await home.Networks.ShareWithNetworksAsync(home.LeaderDesignationId, share: true, home.Broker);
        var deployment = await partner.PooledDeploymentAsync(home, halfDays: 4);
        var visit = (await partner.Visits.ScheduleVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 2, "Ash Primary", home.Leader)).Visit;
        partner.After(visit);
        await partner.Visits.RecordVisitAsync(visit.Id, new VisitRecordForm("Coached the maths lead", "", "", 2), home.Leader);

        var claim = Assert.Single(await partner.GenerateClaims.ForTermAsync(SchoolTerm.Of(new DateOnly(2026, 10, 5)), partner.Broker));
        Assert.Equal(home.Tenant.Name, claim.SchoolName);
        Assert.Equal(home.Tenant.Id, claim.PayeeTenantId);
        // Nobody at the leader's school acts on it at the partner: the home alliance submits it from its own side.
        Assert.DoesNotContain(await partner.EmailsToAsync(home.Head.Email), s => s.StartsWith("Reimbursement claim ready", StringComparison.Ordinal));
        await Assert.ThrowsAsync<NotAllowedException>(() => partner.Claims.MoveAsync(claim.Id, claim.Version, ClaimMove.Submit, home.Head));
        var mirror = Assert.Single(await home.PartnerClaims.ListAsync(home.Broker));
        Assert.Equal((ClaimState.Draft, 2, claim.TotalPence, partner.Tenant.Name), (mirror.State, mirror.TotalHalfDays, mirror.TotalPence, mirror.PartnerName));
        Assert.Equal(["Ada"], mirror.Leaders);
        Assert.Empty(await partner.PartnerClaims.ListAsync(partner.Broker));
        await Assert.ThrowsAsync<NotFoundException>(() => partner.PartnerClaims.SubmitAsync(mirror.Id, mirror.Version, partner.Broker));

        await home.PartnerClaims.SubmitAsync(mirror.Id, mirror.Version, home.Broker);
        claim = (await partner.ClaimAsync(claim.Id))!;
        Assert.Equal(ClaimState.Submitted, claim.State);
        await partner.Claims.MoveAsync(claim.Id, claim.Version, ClaimMove.Approve, partner.Broker);
        claim = (await partner.ClaimAsync(claim.Id))!;
        await partner.Claims.MoveAsync(claim.Id, claim.Version, ClaimMove.MarkPaid, partner.Broker, "BACS-0042");
        mirror = Assert.Single(await home.PartnerClaims.ListAsync(home.Broker));
        Assert.Equal((ClaimState.Paid, "BACS-0042"), (mirror.State, mirror.PaymentReference));
        Assert.Contains("Your claim is paid", await home.EmailsToAsync($"broker-{home.Tenant.Slug[^6..]}@alliance.test"));
    }

    [Fact]
    public async Task Ending_a_pooled_deployment_early_gives_the_unused_days_back_at_home_and_extending_it_holds_more_there()
    {
        var partner = await BrokerageWorld.CreateAsync(db);
        var home = await BrokerageWorld.CreateAsync(db);
        await partner.NetworkWithAsync(home);
        await home.Networks.ShareWithNetworksAsync(home.LeaderDesignationId, share: true, home.Broker);
        var deployment = await partner.PooledDeploymentAsync(home, halfDays: 4);
        async Task<int> HeldAtHomeAsync()
        {
            await using var context = home.Context();
            return await context.Set<CapacityCommitment>().Where(c => c.ProposalId == deployment.ProposalId).SumAsync(c => c.HalfDays);
        }
        Assert.Equal(4, await HeldAtHomeAsync());

        await partner.Deployments.ExtendAsync(deployment.Id, deployment.Version, deployment.End, 2, partner.Broker, "Two more sessions");
        Assert.Equal(6, await HeldAtHomeAsync());

        var visit = (await partner.Visits.ScheduleVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 1, "Ash Primary", home.Leader)).Visit;
        partner.After(visit);
        await partner.Visits.RecordVisitAsync(visit.Id, new VisitRecordForm("Observed lessons", "", "", 1), home.Leader);
        deployment = (await partner.DeploymentAsync(deployment.Id))!;
        await partner.Deployments.MoveAsync(deployment.Id, deployment.Version, DeploymentMove.EndEarly, partner.Broker, "The school has a new head");
        Assert.Equal(1, await HeldAtHomeAsync());
    }

    [Fact]
    public async Task A_pooled_agreement_that_would_overspend_the_leaders_days_at_home_changes_nothing_in_either_alliance()
    {
        var partner = await BrokerageWorld.CreateAsync(db);
        var home = await BrokerageWorld.CreateAsync(db);
        await partner.NetworkWithAsync(home);
        await home.Networks.ShareWithNetworksAsync(home.LeaderDesignationId, share: true, home.Broker);
        var proposal = await ProposedAsync(partner, home, halfDays: 8);
        var ask = Assert.Single((await home.Networks.OverviewAsync(home.Broker)).Asks);
        await home.PoolAsks.DecideAsync(ask.Id, ask.Version, agree: true, null, home.Broker);
        foreach (var party in new[] { partner.Contact, partner.Commissioner, home.Leader }) await partner.Proposals.ConsentAsync(proposal, party);
        // Meanwhile Ada's own alliance commits 16 of her 20 half days this term.
        await home.AgreedDeploymentAsync(16);

        var full = await Assert.ThrowsAsync<NotAllowedException>(() => partner.Proposals.ConsentAsync(proposal, home.Head));
        Assert.Contains("does not have the days free", full.Message);
        Assert.Equal(ProposalState.AwaitingConsent, (await partner.ProposalAsync(proposal))!.State);
        Assert.Empty(await partner.MyDeploymentsAsync(home.Leader));
        Assert.Equal(PoolAskState.Agreed, Assert.Single((await home.Networks.OverviewAsync(home.Broker)).Asks).State);
        await using var context = home.Context();
        Assert.False(await context.Set<CapacityCommitment>().AnyAsync(c => c.ProposalId == proposal));
    }

    [Fact]
    public async Task A_rival_agreed_by_the_partner_ends_the_home_alliances_ask_and_a_home_that_left_cannot_lend()
    {
        var partner = await BrokerageWorld.CreateAsync(db);
        var home = await BrokerageWorld.CreateAsync(db);
        var network = await partner.NetworkWithAsync(home);
        await home.Networks.ShareWithNetworksAsync(home.LeaderDesignationId, share: true, home.Broker);
        var commission = await partner.AcceptedCommissionAsync();
        var pooled = await partner.Proposals.DraftProposalAsync(commission.Id, home.LeaderDesignationId, BrokerageWorld.Terms(4), partner.Broker);
        await partner.Proposals.ProposeAsync(pooled.Id, (await partner.ProposalAsync(pooled.Id))!.Version, partner.Broker);
        var own = await partner.ProposalAwaitingHeadAsync(commission.Id);
        await partner.Proposals.ConsentAsync(own.Id, partner.Head);

        var ended = Assert.Single((await home.Networks.OverviewAsync(home.Broker)).Asks);
        Assert.Equal(PoolAskState.Ended, ended.State);
        Assert.Contains($"{partner.Tenant.Name}'s proposal for Ada has ended", await home.EmailsToAsync($"broker-{home.Tenant.Slug[^6..]}@alliance.test"));
        // Ada was never asked, so she hears nothing of its closing.
        Assert.Empty(await partner.EmailsToAsync(home.Leader.Email));

        var second = await ProposedAsync(partner, home);
        await home.Networks.LeaveAsync(network, home.Broker);
        var ask = Assert.Single((await home.Networks.OverviewAsync(home.Broker)).Asks, a => a.ProposalId == second);
        var refused = await Assert.ThrowsAsync<NotAllowedException>(() => home.PoolAsks.DecideAsync(ask.Id, ask.Version, agree: true, null, home.Broker));
        Assert.Contains("no longer shared", refused.Message);
        await home.PoolAsks.DecideAsync(ask.Id, ask.Version, agree: false, "We have left the network", home.Broker);
        Assert.Equal(ProposalState.Refused, (await partner.ProposalAsync(second))!.State);
    }

    [Fact]
    public async Task A_withdrawn_request_closes_its_pooled_proposal_and_the_home_alliances_ask()
    {
        var partner = await BrokerageWorld.CreateAsync(db);
        var home = await BrokerageWorld.CreateAsync(db);
        await partner.NetworkWithAsync(home);
        await home.Networks.ShareWithNetworksAsync(home.LeaderDesignationId, share: true, home.Broker);
        var proposal = await ProposedAsync(partner, home);
        var commission = (await partner.CommissionAsync((await partner.ProposalAsync(proposal))!.CommissionId))!;

        await partner.Commissions.MoveCommissionAsync(commission.Id, commission.Version, CommissionMove.Withdraw, partner.Contact);
        Assert.Equal(ProposalState.Closed, (await partner.ProposalAsync(proposal))!.State);
        var ask = Assert.Single((await home.Networks.OverviewAsync(home.Broker)).Asks);
        Assert.Equal((PoolAskState.Ended, "The request was withdrawn."), (ask.State, ask.Note));
        await Assert.ThrowsAsync<NotAllowedException>(() => home.PoolAsks.DecideAsync(ask.Id, ask.Version, agree: true, null, home.Broker));
    }

    private static async Task<Guid> ProposedAsync(BrokerageWorld partner, BrokerageWorld home, int halfDays = 4)
    {
        var commission = await partner.AcceptedCommissionAsync(halfDays);
        var draft = await partner.Proposals.DraftProposalAsync(commission.Id, home.LeaderDesignationId, BrokerageWorld.Terms(halfDays), partner.Broker);
        await partner.Proposals.ProposeAsync(draft.Id, (await partner.ProposalAsync(draft.Id))!.Version, partner.Broker);
        return draft.Id;
    }
}

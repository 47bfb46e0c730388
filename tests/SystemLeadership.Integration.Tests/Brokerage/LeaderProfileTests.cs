using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Auditing;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Brokerage;

/// <summary>A leader keeps their own profile and calendar; the broker's search reads them; nobody else may open them.</summary>
public class LeaderProfileTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static LeaderProfileInput Input(BrokerageWorld w, decimal days) => new(w.LeaderSchoolUrn, false, "Hal Head", w.Head.Email, days);

    [Fact]
    public async Task A_leader_changes_their_own_days_a_term_and_the_brokers_are_told()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var page = (await w.Profiles.PageAsync(null, w.Leader))!;
        Assert.True(page.IsSelf);
        Assert.False(page.IsBroker);

        await w.Profiles.UpdateAsync(page.Profile.Id, page.Profile.Version, Input(w, 6), w.Leader);

        var after = (await w.Profiles.PageAsync(null, w.Leader))!;
        Assert.Equal(12, after.Profile.CapacityHalfDaysPerTerm);
        Assert.Contains("Ada changed their profile", await w.EmailsToAsync(w.Broker.Email));
        await using var context = w.Context();
        var audit = await context.AuditEntries.SingleAsync(a => a.EntityId == page.Profile.Id && a.Action == "Leader profile changed");
        Assert.Contains("10 days a term. Now: ", audit.Detail, StringComparison.Ordinal);
        Assert.EndsWith("6 days a term.", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Days_a_term_below_what_is_agreed_ahead_are_refused_beside_the_field_and_nothing_changes()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        await w.AgreedDeploymentAsync(halfDays: 8);
        var page = (await w.Profiles.PageAsync(null, w.Leader))!;

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => w.Profiles.UpdateAsync(page.Profile.Id, page.Profile.Version, Input(w, 3.5m), w.Leader));

        Assert.Equal("4 days are already agreed in the Autumn term 2026–27: days a term cannot be fewer.", refused.Fields["DaysPerTerm"]);
        Assert.Equal(20, (await w.Profiles.PageAsync(null, w.Leader))!.Profile.CapacityHalfDaysPerTerm);
        Assert.DoesNotContain("Ada changed their profile", await w.EmailsToAsync(w.Broker.Email));
    }

    [Fact]
    public async Task An_unknown_school_is_refused_beside_its_field()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var page = (await w.Profiles.PageAsync(null, w.Leader))!;
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            w.Profiles.UpdateAsync(page.Profile.Id, page.Profile.Version, Input(w, 5) with { SchoolUrn = 99 }, w.Broker));
        Assert.Equal("No school in Get Information about Schools has URN 99.", refused.Fields["SchoolUrn"]);
    }

    [Fact]
    public async Task A_profile_is_not_found_for_another_leader_of_the_alliance_or_another_alliances_broker()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var other = await w.AddLeaderAsync("Bea", 10);
        var stranger = await BrokerageWorld.CreateAsync(db);
        var id = (await w.Profiles.PageAsync(null, w.Leader))!.Profile.Id;
        await w.Profiles.MarkAwayAsync(id, new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 9), "Exams", w.Leader);
        var away = Assert.Single((await w.Profiles.PageAsync(id, w.Broker))!.Away);

        foreach (var (service, actor) in new[] { (w.Profiles, other), (stranger.Profiles, stranger.Broker) })
        {
            Assert.Null(await service.PageAsync(id, actor));
            await Assert.ThrowsAsync<NotFoundException>(() => service.UpdateAsync(id, 0, Input(w, 1), actor));
            await Assert.ThrowsAsync<NotFoundException>(() => service.MarkAwayAsync(id, new DateOnly(2026, 10, 12), new DateOnly(2026, 10, 12), null, actor));
            await Assert.ThrowsAsync<NotFoundException>(() => service.RemoveAwayAsync(id, away.Id, actor));
            await Assert.ThrowsAsync<NotFoundException>(() => service.SetSchoolDaysAsync(id, 1, actor));
        }
        // The leader keeps their own calendar but not their school's days for all its leaders.
        await Assert.ThrowsAsync<NotAllowedException>(() => w.Profiles.SetSchoolDaysAsync(id, 1, w.Leader));
        Assert.Single((await w.Profiles.PageAsync(null, w.Leader))!.Away);
    }

    [Fact]
    public async Task A_leader_away_when_support_starts_is_left_out_of_the_search_with_why_and_back_once_the_days_are_removed()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var commission = await w.AcceptedCommissionAsync();
        Assert.Contains((await w.Finder.FindLeadersAsync(commission.Id)).Ranked, r => r.Candidate.HolderName == "Ada");
        var id = (await w.Profiles.PageAsync(null, w.Leader))!.Profile.Id;

        var away = await w.Profiles.MarkAwayAsync(id, new DateOnly(2026, 9, 28), new DateOnly(2026, 10, 1), "Ofsted inspection", w.Leader);

        var excluded = Assert.Single((await w.Finder.FindLeadersAsync(commission.Id)).Excluded, x => x.Candidate.HolderName == "Ada");
        Assert.Contains("Away 28 September to 1 October 2026 (their calendar), when the support is to start.", excluded.Reasons);
        await w.Profiles.RemoveAwayAsync(id, away.Id, w.Leader);
        Assert.Contains((await w.Finder.FindLeadersAsync(commission.Id)).Ranked, r => r.Candidate.HolderName == "Ada");
    }

    [Fact]
    public async Task A_leader_giving_no_days_is_filtered_out_with_the_reason_not_silently()
    {
        var w = await BrokerageWorld.CreateAsync(db, leaderCapacityHalfDays: 0);
        var commission = await w.AcceptedCommissionAsync();
        var excluded = Assert.Single((await w.Finder.FindLeadersAsync(commission.Id)).Excluded, x => x.Candidate.HolderName == "Ada");
        Assert.Equal(["Gives no days a term: their profile says 0, so they cannot be deployed until they or a broker change it."], excluded.Reasons);
    }

    [Fact]
    public async Task Days_away_within_an_agreed_deployment_are_emailed_to_the_brokers()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        await w.AgreedDeploymentAsync();
        var id = (await w.Profiles.PageAsync(null, w.Leader))!.Profile.Id;
        await w.Profiles.MarkAwayAsync(id, new DateOnly(2026, 10, 12), new DateOnly(2026, 10, 16), null, w.Leader);
        Assert.Contains("Ada will be away 12 October to 16 October 2026 during a deployment", await w.EmailsToAsync(w.Broker.Email));
    }

    [Fact]
    public async Task A_school_that_releases_its_leaders_for_fewer_days_leaves_the_second_leader_out_once_the_first_is_agreed()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        await w.AddLeaderAsync("Bea", 20);
        var id = (await w.Profiles.PageAsync(null, w.Leader))!.Profile.Id;
        await w.Profiles.SetSchoolDaysAsync(id, 4, w.Broker);

        await w.AgreedDeploymentAsync(halfDays: 8);
        var commission = await w.AcceptedCommissionAsync(halfDays: 2);
        var bea = Assert.Single((await w.Finder.FindLeadersAsync(commission.Id)).Excluded, x => x.Candidate.HolderName == "Bea");
        Assert.StartsWith("Beck Primary", Assert.Single(bea.Reasons), StringComparison.Ordinal);
        Assert.Contains("can release its leaders for 0 days more in the Autumn term 2026–27", bea.Reasons[0], StringComparison.Ordinal);
        // Fewer days for the school than it has agreed is refused; the page shows what is agreed.
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => w.Profiles.SetSchoolDaysAsync(id, 3, w.Broker));
        Assert.Contains("4 days are already agreed", refused.Fields["SchoolDaysPerTerm"], StringComparison.Ordinal);
        var page = (await w.Profiles.PageAsync(id, w.Broker))!;
        Assert.Equal(8, page.Terms[0].SchoolAgreed);
        // Lifting the school's limit lets Bea be found again.
        await w.Profiles.SetSchoolDaysAsync(id, null, w.Broker);
        Assert.Contains((await w.Finder.FindLeadersAsync(commission.Id)).Ranked, r => r.Candidate.HolderName == "Bea");
        await using var context = w.Context();
        Assert.Equal(2, await context.AuditEntries.CountAsync(a => a.EntityType == nameof(SchoolCapacity)));
    }
}

/// <summary>Who releases a leader agrees to each of their deployments, so the leader cannot name them; a move of school keeps to its limit.</summary>
public class LeaderReleaserTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_leader_cannot_name_who_releases_them_and_a_broker_cannot_make_a_leader_their_own_releaser()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var page = (await w.Profiles.PageAsync(null, w.Leader))!;
        var mine = new LeaderProfileInput(w.LeaderSchoolUrn, false, "Ada", w.Leader.Email, 5);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => w.Profiles.UpdateAsync(page.Profile.Id, page.Profile.Version, mine, w.Leader));
        Assert.StartsWith("Ask the alliance's broker to change your school or who releases you", refused.Fields["SchoolUrn"], StringComparison.Ordinal);
        var byBroker = await Assert.ThrowsAsync<InvalidInputException>(() => w.Profiles.UpdateAsync(page.Profile.Id, page.Profile.Version, mine, w.Broker));
        Assert.Equal("A leader cannot release themselves: give the headteacher's (or chair's) own address.", byBroker.Fields["HeadteacherEmail"]);
        Assert.Equal(w.Head.Email, (await w.Profiles.PageAsync(null, w.Leader))!.Profile.HeadteacherEmail);
    }

    [Fact]
    public async Task A_broker_cannot_move_a_leader_to_a_school_whose_own_days_their_agreed_days_would_exceed()
    {
        // Ada has 4 days agreed this autumn; Bea's school releases its leaders for 3 days a term in all.
        var w = await BrokerageWorld.CreateAsync(db);
        await w.AgreedDeploymentAsync(halfDays: 8);
        var ada = (await w.Profiles.PageAsync(null, w.Leader))!.Profile;
        var other = w.SupportedUrn; // a second school of this world
        await w.Profiles.UpdateAsync(ada.Id, ada.Version, new LeaderProfileInput(ada.SchoolUrn, false, "Hal Head", w.Head.Email, 10), w.Broker);
        var bea = await w.AddLeaderAsync("Bea", 20);
        var beaProfile = (await w.Profiles.PageAsync(null, bea))!.Profile;
        await w.Profiles.UpdateAsync(beaProfile.Id, beaProfile.Version, new LeaderProfileInput(other, false, "Hal Head", w.Head.Email, 10), w.Broker);
        await w.Profiles.SetSchoolDaysAsync(beaProfile.Id, 3, w.Broker);
        ada = (await w.Profiles.PageAsync(null, w.Leader))!.Profile;

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            w.Profiles.UpdateAsync(ada.Id, ada.Version, new LeaderProfileInput(other, false, "Hal Head", w.Head.Email, 10), w.Broker));
        Assert.Contains("cannot take the days already agreed for this leader: it releases its leaders for 3 days a term in all, and the Autumn term 2026–27 would be over by 1 day", refused.Fields["SchoolUrn"], StringComparison.Ordinal);
        Assert.Equal(w.LeaderSchoolUrn, (await w.Profiles.PageAsync(null, w.Leader))!.Profile.SchoolUrn);
    }
}

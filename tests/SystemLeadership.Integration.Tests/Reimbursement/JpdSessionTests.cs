using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Reimbursement;
using SystemLeadership.Integration.Tests.Brokerage;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Reimbursement;

/// <summary>Joint practice development sessions (004): recorded by a broker once held, claimed once for the leader's school at the leader's rate.</summary>
public class JpdSessionTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static JpdSessionService Service(BrokerageWorld w) => w.Jpd;

    private static JpdSessionInput Twilight(BrokerageWorld w, DateOnly date) =>
        new(w.LeaderDesignationId, "Reasoning in year 6 maths", date, null, 1.5m, [w.SupportedUrn, w.LeaderSchoolUrn]);

    [Fact]
    public async Task A_twilight_session_is_claimed_as_half_a_day_for_the_leaders_school_beside_its_deployment_days()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var deployment = await w.AgreedDeploymentAsync();
        await w.RecordedVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 2);
        w.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 8, 18, 0, 0, TimeSpan.Zero));
        var session = await Service(w).RecordAsync(Twilight(w, new DateOnly(2026, 10, 8)), w.Broker);
        Assert.Equal(1, session.HalfDays);
        Assert.Equal([$"Ash Primary {w.Tenant.Slug[^6..]}", $"Beck Primary {w.Tenant.Slug[^6..]}"], session.SchoolNames);

        var claim = Assert.Single(await w.GenerateClaims.ForTermAsync(SchoolTerm.Of(new DateOnly(2026, 10, 8)), w.Broker));

        Assert.Equal(w.LeaderSchoolUrn, claim.SchoolUrn);
        Assert.Equal(3, claim.TotalHalfDays);
        Assert.Equal(Money.ProRata(Money.DayRateFor(false), 3), claim.TotalPence);
        var line = Assert.Single(claim.Lines, l => l.DeploymentId is null);
        Assert.Equal("Joint practice development: Reasoning in year 6 maths (2 schools)", line.SupportedSchoolName);
        Assert.Equal(Money.ProRata(Money.DayRateFor(false), 1), line.AmountPence);
        // Claimed once: generating again finds nothing, and the claimed session cannot be taken back.
        Assert.Empty(await w.GenerateClaims.ForTermAsync(SchoolTerm.Of(new DateOnly(2026, 10, 8)), w.Broker));
        await Assert.ThrowsAsync<NotAllowedException>(() => Service(w).RemoveAsync(session.Id, w.Broker));
        Assert.Equal(claim.Id, Assert.Single((await Service(w).OverviewAsync(w.Broker))!.Sessions).ClaimId);
    }

    [Fact]
    public async Task A_session_dated_after_today_is_refused_beside_its_date_and_nothing_is_written()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => Service(w).RecordAsync(Twilight(w, new DateOnly(2026, 9, 2)), w.Broker));
        Assert.Equal("Record a session once it has happened: money is only for what happened.", refused.Fields["Date"]);
        await using var context = w.Context();
        Assert.Equal(0, await context.Set<JpdSession>().CountAsync());
        Assert.Empty((await w.ClaimViews.TermsAsync(w.Broker)).Unclaimed);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Service(w).RecordAsync(new JpdSessionInput(Guid.NewGuid(), " ", new DateOnly(2026, 8, 31), 1, 2, [99]), w.Broker));
        Assert.Equal("Choose a leader with an active designation here.", refused.Fields["DesignationId"]);
        Assert.Equal("Say what the group worked on.", refused.Fields["Topic"]);
        Assert.Equal("Give how long it lasted in days or in hours (one of them).", refused.Fields["Duration"]);
        Assert.Equal("No school in Get Information about Schools has URN 99.", refused.Fields["SchoolUrns"]);
    }

    [Fact]
    public async Task Sessions_are_not_found_for_a_leader_of_the_alliance_or_another_alliances_broker()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var stranger = await BrokerageWorld.CreateAsync(db);
        var session = await Service(w).RecordAsync(Twilight(w, new DateOnly(2026, 9, 1)), w.Broker);

        Assert.Null(await Service(w).OverviewAsync(w.Leader));
        await Assert.ThrowsAsync<NotFoundException>(() => Service(w).RecordAsync(Twilight(w, new DateOnly(2026, 9, 1)), w.Leader));
        await Assert.ThrowsAsync<NotFoundException>(() => Service(w).RemoveAsync(session.Id, w.Leader));
        Assert.Empty((await Service(stranger).OverviewAsync(stranger.Broker))!.Sessions);
        await Assert.ThrowsAsync<NotFoundException>(() => Service(stranger).RemoveAsync(session.Id, stranger.Broker));
        // Another alliance's leader cannot be named for a session either.
        var theirs = await Assert.ThrowsAsync<InvalidInputException>(() => Service(stranger).RecordAsync(Twilight(w, new DateOnly(2026, 9, 1)), stranger.Broker));
        Assert.Equal("Choose a leader with an active designation here.", theirs.Fields["DesignationId"]);
        Assert.Single((await Service(w).OverviewAsync(w.Broker))!.Sessions);
    }
}

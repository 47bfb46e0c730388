using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Evaluations;
using SystemLeadership.Infrastructure.Telemetry;
using SystemLeadership.Integration.Tests.Brokerage;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>A person's home lists their own applications and designations in this alliance, read in one statement.</summary>
public class YourHomeTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_persons_home_lists_their_own_applications_latest_first_and_their_designations_and_nobody_elses()
    {
        var w = new DesignationWorld(db);
        var tenant = await w.TenantAsync();
        var other = await w.TenantAsync("Learners First");
        var holder = await w.PersonAsync(tenant, "Hana Holder", TenantRoles.Applicant);
        var colleague = await w.PersonAsync(tenant, "Sam Colleague", TenantRoles.Applicant);
        var held = await w.SeededDesignationAsync(tenant, holder, w.Today.AddYears(-1), Presets.AllianceSystemLeader);
        w.Clock.Advance(TimeSpan.FromDays(1));
        var draft = await w.Applications(tenant, holder).StartAsync(holder, nameof(DesignationType.SpecialistLeaderOfEducation));
        // A colleague's designation here, and the same person's in another alliance: neither is on this home.
        await w.SeededDesignationAsync(tenant, colleague, w.Today);
        await w.SeededDesignationAsync(other, holder, w.Today);

        var trips = DatabaseRoundTrips.Begin();
        var yours = await w.ApplicationViews(tenant, holder).YoursAsync(holder);

        Assert.Equal(1, trips.Count);
        Assert.Equal([draft.Id, held.ApplicationId], yours.Applications.Select(a => a.Id));
        var first = yours.Applications[0];
        Assert.Equal((Presets.Sle.Name, Presets.Sle.ShortName, ApplicationState.Draft, false, (DateTimeOffset?)null),
            (first.SchemeName, first.SchemeShortName, first.State, first.IsRenewal, first.SubmittedAt));
        var designation = Assert.Single(yours.Designations);
        Assert.Equal((held.Id, Presets.AllianceSystemLeader.Name, held.State, held.StartDate, held.EndDate),
            (designation.Id, designation.SchemeName, designation.State, designation.StartDate, designation.EndDate));
    }

    [Fact]
    public async Task Starting_the_same_application_twice_at_once_makes_one_draft_and_both_open_it()
    {
        var w = new DesignationWorld(db);
        var tenant = await w.TenantAsync();
        var applicant = await w.PersonAsync(tenant, "Dana Double", TenantRoles.Applicant);

        var started = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            w.Applications(tenant, applicant).StartAsync(applicant, nameof(DesignationType.SpecialistLeaderOfEducation)))));

        Assert.Single(started.Select(a => a.Id).Distinct());
        var yours = await w.ApplicationViews(tenant, applicant).YoursAsync(applicant);
        Assert.Equal(started[0].Id, Assert.Single(yours.Applications).Id);
    }

    [Fact]
    public async Task A_leaders_home_shows_the_days_deployments_hold_this_term_of_those_their_school_releases_in_the_same_statement()
    {
        var w = await BrokerageWorld.CreateAsync(db, leaderCapacityHalfDays: 20);
        var deployment = await w.AgreedDeploymentAsync(halfDays: 6);
        var term = SchoolTerm.Of(deployment.Start).Key;
        int held;
        await using (var context = w.Context())
            held = await context.Set<CapacityCommitment>().Where(c => c.TermKey == term).SumAsync(c => c.HalfDays);
        Assert.True(held > 0);
        var views = new ApplicationViews(w.Factory(), new QualityAssuranceService(w.Factory(), w.Clock));

        var trips = DatabaseRoundTrips.Begin();
        var time = Assert.Single((await views.YoursAsync(w.Leader, term)).Time);
        Assert.Equal(1, trips.Count);
        Assert.Equal((20, held, 20 - held), (time.CapacityHalfDays, time.AgreedHalfDays, time.FreeHalfDays));
        // A term with nothing agreed is all free; someone who leads nothing has no time to show.
        Assert.Equal(0, Assert.Single((await views.YoursAsync(w.Leader, "1999-autumn")).Time).AgreedHalfDays);
        Assert.Empty((await views.YoursAsync(w.Broker, term)).Time);
        Assert.Empty((await views.YoursAsync(w.Head, term)).Time);
    }

    [Fact]
    public async Task Someone_with_nothing_here_has_an_empty_home()
    {
        var w = new DesignationWorld(db);
        var tenant = await w.TenantAsync();
        var newcomer = await w.PersonAsync(tenant, "Nia Newcomer", TenantRoles.Applicant);

        var yours = await w.ApplicationViews(tenant, newcomer).YoursAsync(newcomer);

        Assert.Empty(yours.Applications);
        Assert.Empty(yours.Designations);
    }
}

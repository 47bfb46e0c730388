using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>The decider chooses the day a designation starts: today by default, a later day if they say so, never an earlier one.</summary>
public class DesignationStartTests : IClassFixture<DatabaseFixture>
{
    private readonly DesignationWorld world;

    public DesignationStartTests(DatabaseFixture db) => world = new DesignationWorld(db);

    private async Task<(Tenant Tenant, Actor Manager, Guid Application)> ReadyToDecideAsync()
    {
        var tenant = await world.TenantAsync(DesignationWorld.Unique("Start Alliance"));
        var manager = await world.PersonAsync(tenant, "Dee Decider", TenantRoles.AllianceManager);
        var applicant = await world.PersonAsync(tenant, "Ari Applicant", TenantRoles.Applicant);
        var school = await world.SchoolAsync("Start Primary", "Good");
        var id = await world.SubmittedAsync(tenant, applicant, nameof(DesignationType.SpecialistLeaderOfEducation), DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, school.Urn));
        await world.ReferenceAsync(tenant, id, applicant, DesignationWorld.Unique("referee") + "@school.org");
        return (tenant, manager, id);
    }

    private async Task DesignateAsync(Tenant tenant, Actor manager, Guid id, DateOnly? start) =>
        await world.Applications(tenant, manager).MoveAsync(id, await world.VersionAsync(tenant, id), ApplicationMove.Designate, manager, null, start);

    private async Task<Designation?> DesignationOfAsync(Tenant tenant, Guid application)
    {
        await using var context = world.Db.NewContext(tenant.Id);
        return await context.Designations.AsNoTracking().SingleOrDefaultAsync(d => d.ApplicationId == application);
    }

    [Fact]
    public async Task A_chosen_later_start_is_kept_with_the_end_counted_from_it()
    {
        var (tenant, manager, id) = await ReadyToDecideAsync();
        var start = world.Today.AddDays(40);
        await DesignateAsync(tenant, manager, id, start);
        var designation = (await DesignationOfAsync(tenant, id))!;
        Assert.Equal(start, designation.StartDate);
        Assert.Equal(start.AddMonths(48).AddDays(-1), designation.EndDate);
        var letter = (await world.EmailsToAsync(designation.HolderEmail)).Last();
        Assert.Contains(start.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), letter.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, "A designation cannot start before the day it is decided.")]
    [InlineData(184, "Choose a start within six months")]
    public async Task A_start_in_the_past_or_more_than_six_months_ahead_is_refused_and_nothing_is_decided(int days, string message)
    {
        var (tenant, manager, id) = await ReadyToDecideAsync();
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => DesignateAsync(tenant, manager, id, world.Today.AddDays(days)));
        Assert.StartsWith(message, refused.Fields["startOn"], StringComparison.Ordinal);
        Assert.Null(await DesignationOfAsync(tenant, id));
        Assert.Equal(ApplicationState.ReferenceReceived, (await world.ApplicationAsync(tenant, id)).State);
    }

    [Fact]
    public async Task Without_a_choice_it_starts_today()
    {
        var (tenant, manager, id) = await ReadyToDecideAsync();
        await DesignateAsync(tenant, manager, id, null);
        Assert.Equal(world.Today, (await DesignationOfAsync(tenant, id))!.StartDate);
    }
}

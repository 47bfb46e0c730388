using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>Designation hands over to brokerage: the new leader can be found and proposed without any further set-up.</summary>
public class LeaderProfileAtDesignationTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly DesignationWorld _world = new(db);

    [Fact]
    public async Task A_designated_leader_gets_a_profile_with_their_school_their_referee_and_the_release_days_the_referee_gave()
    {
        var tenant = await _world.TenantAsync();
        var manager = await _world.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager);
        var holder = await _world.PersonAsync(tenant, "Ada Lovelace", TenantRoles.Applicant);
        var school = await _world.SchoolAsync("Reeth Primary", "Good");

        var designation = await _world.DesignatedAsync(tenant, holder, manager, nameof(DesignationType.SpecialistLeaderOfEducation),
            DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, school.Urn));

        await using var context = db.NewContext(tenant.Id);
        var profile = await context.Set<LeaderProfile>().AsNoTracking().SingleAsync(p => p.UserId == holder.UserId);
        Assert.Equal((school.Urn, "Reeth Primary", false), (profile.SchoolUrn, profile.SchoolName, profile.IsHeadteacher));
        Assert.Equal("Colin Referee", profile.HeadteacherName);
        Assert.Equal(12, profile.CapacityHalfDaysPerTerm); // the referee gave 6 days a term
        Assert.Equal(designation.HolderEmail, profile.Email);
        Assert.Equal(1, await context.AuditEntries.CountAsync(a => a.EntityId == profile.Id && a.Action == "Leader profile created at designation"));
    }
}

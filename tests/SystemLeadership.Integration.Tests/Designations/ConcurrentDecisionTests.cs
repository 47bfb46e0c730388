using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

public class ConcurrentDecisionTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly DesignationWorld _world = new(db);

    [Fact]
    public async Task Two_managers_deciding_the_same_application_at_once_leave_one_decision()
    {
        var tenant = await _world.TenantAsync();
        var margaret = await _world.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager);
        var mark = await _world.PersonAsync(tenant, "Mark Manager", TenantRoles.AllianceManager);
        var applicant = await _world.PersonAsync(tenant, "Ada Lovelace", TenantRoles.Applicant);
        var school = await _world.SchoolAsync("Reeth Primary", "Good");
        var id = await _world.SubmittedAsync(tenant, applicant, nameof(DesignationType.SpecialistLeaderOfEducation), DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, school.Urn));
        await _world.ReferenceAsync(tenant, id, applicant, DesignationWorld.Unique("head") + "@school.org");
        var seen = await _world.VersionAsync(tenant, id);

        var outcomes = await Task.WhenAll(
            DesignationWorld.Attempt(() => _world.Applications(tenant, margaret).MoveAsync(id, seen, ApplicationMove.Designate, margaret)),
            DesignationWorld.Attempt(() => _world.Applications(tenant, mark).MoveAsync(id, seen, ApplicationMove.DoNotDesignate, mark, "Not this round.")));

        Assert.Single(outcomes, o => o is null);
        var lost = Assert.IsType<StaleException>(Assert.Single(outcomes, o => o is not null));
        Assert.Equal("This record was changed by someone else while you were looking at it. Reload to see their change, then try again.", lost.Message);

        var application = await _world.ApplicationAsync(tenant, id);
        await using var context = db.NewContext(tenant.Id);
        var decisions = await context.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == id && (a.ToState == "Designated" || a.ToState == "NotDesignated")).ToListAsync();
        var decision = Assert.Single(decisions);
        Assert.Equal(application.State.ToString(), decision.ToState);
        Assert.Equal(application.DecidedByName, decision.ActorName);
        var designations = await context.Designations.AsNoTracking().CountAsync(d => d.ApplicationId == id);
        Assert.Equal(application.State == ApplicationState.Designated ? 1 : 0, designations);
        var decisionEmails = (await _world.EmailsToAsync(applicant.Email)).Count(e =>
            e.Subject is "You have been designated: Specialist leader of education" or "The decision on your SLE application");
        Assert.Equal(1, decisionEmails);
    }

    [Fact]
    public async Task A_decision_on_a_stale_version_is_refused_after_the_first_has_landed()
    {
        var tenant = await _world.TenantAsync();
        var margaret = await _world.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager);
        var applicant = await _world.PersonAsync(tenant, "Ada Lovelace", TenantRoles.Applicant);
        var school = await _world.SchoolAsync("Reeth Primary", "Good");
        var id = await _world.SubmittedAsync(tenant, applicant, nameof(DesignationType.SpecialistLeaderOfEducation), DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, school.Urn));
        await _world.ReferenceAsync(tenant, id, applicant, DesignationWorld.Unique("head") + "@school.org");
        var seen = await _world.VersionAsync(tenant, id);

        await _world.Applications(tenant, margaret).MoveAsync(id, seen, ApplicationMove.Shortlist, margaret);
        await Assert.ThrowsAsync<StaleException>(() => _world.Applications(tenant, margaret).MoveAsync(id, seen, ApplicationMove.Designate, margaret));
        Assert.Equal(ApplicationState.Shortlisted, (await _world.ApplicationAsync(tenant, id)).State);
        Assert.Equal(0, await _world.CountAsync("Designations", $"\"ApplicationId\" = '{id}'"));
    }
}

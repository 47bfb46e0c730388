using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>A tenant's own schemes (000, 002): saved when well formed, refused whole with every problem, names unique per tenant.</summary>
public class SchemeServiceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly DesignationWorld _world = new(db);

    private static SchemeDefinition EctMentor(string name = "ECT mentor") => new(
        DesignationType.TenantScheme, name, "ECTM",
        [RuleSpec.MinimumMonths(24), RuleSpec.RoleIs("Mentors are experienced teachers or leaders.", LeadershipRole.ClassroomTeacher, LeadershipRole.MiddleLeader), RuleSpec.References(2)],
        PeriodMonths: 36, Training: ["Mentor training day"], DayRatePence: 25_000, HeadteacherDayRatePence: null, DesignatedBy.Tenant,
        ApplyWithExplanation: true);

    private async Task<(Tenant Tenant, Actor Manager)> AllianceAsync()
    {
        var tenant = await _world.TenantAsync();
        return (tenant, await _world.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager));
    }

    [Fact]
    public async Task A_scheme_whose_description_holds_a_NUL_is_refused_in_words_and_nothing_is_saved()
    {
        var (tenant, manager) = await AllianceAsync();
        // The definition is stored as JSON: the guard checks it as stored, where PostgreSQL would refuse \u0000.
        var definition = EctMentor() with { Description = "Mentors for early career teachers\0" };

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => _world.Schemes(tenant, manager).CreateAsync(definition, manager));

        Assert.Contains("cannot be stored", refused.Message);
        Assert.Empty((await _world.Schemes(tenant, manager).ListAsync(manager))!);
    }

    [Fact]
    public async Task A_manager_saves_a_scheme_that_applicants_can_then_apply_for()
    {
        var (tenant, manager) = await AllianceAsync();
        var scheme = await _world.Schemes(tenant, manager).CreateAsync(EctMentor(), manager);

        var saved = Assert.Single((await _world.Schemes(tenant, manager).ListAsync(manager))!);
        Assert.Equal(("ECT mentor", DesignationType.TenantScheme, 2), (saved.Name, saved.Definition.Type, saved.Definition.ReferencesRequired));
        var applicant = await _world.PersonAsync(tenant, "Ed Teacher", TenantRoles.Applicant);
        var offered = await _world.Applications(tenant, applicant).AvailableSchemesAsync();
        Assert.Contains(offered, s => s.SchemeId == scheme.Id && s.Key == scheme.Id.ToString());
        var draft = await _world.Applications(tenant, applicant).StartAsync(applicant, scheme.Id.ToString());
        Assert.Equal(scheme.Id, draft.SchemeId);
        Assert.Equal(1, await _world.CountAsync("AuditEntries", $"\"EntityId\" = '{scheme.Id}' AND \"Action\" = 'Scheme created'"));
    }

    [Fact]
    public async Task A_scheme_with_problems_is_refused_with_every_problem_and_nothing_is_stored()
    {
        var (tenant, manager) = await AllianceAsync();
        var bad = EctMentor() with { Name = "", PeriodMonths = 200, DayRatePence = -1, Rules = [RuleSpec.Specialisms(0)] };

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => _world.Schemes(tenant, manager).CreateAsync(bad, manager));

        Assert.Equal(
        [
            "Give the scheme a name.",
            "Required specialisms must be between 1 and 10.",
            "The period must be between 1 month and 10 years.",
            "The day rate must be between £0 and £2,000.",
        ], refused.Problems);
        Assert.Equal(0, await _world.CountAsync("Schemes", $"\"TenantId\" = '{tenant.Id}'"));
        Assert.Equal(0, await _world.CountAsync("AuditEntries", $"\"TenantId\" = '{tenant.Id}'"));
    }

    [Fact]
    public async Task A_scheme_named_with_a_script_tag_is_refused()
    {
        var (tenant, manager) = await AllianceAsync();
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            _world.Schemes(tenant, manager).CreateAsync(EctMentor("<script>alert(1)</script>"), manager));
        Assert.Equal(["Use plain text: tags such as <script> are not allowed."], refused.Problems);
        Assert.Equal(0, await _world.CountAsync("Schemes", $"\"TenantId\" = '{tenant.Id}'"));
    }

    [Fact]
    public async Task Scheme_names_are_unique_within_a_tenant_but_not_across_tenants()
    {
        var (tenant, manager) = await AllianceAsync();
        await _world.Schemes(tenant, manager).CreateAsync(EctMentor(), manager);

        var duplicate = await Assert.ThrowsAsync<InvalidInputException>(() => _world.Schemes(tenant, manager).CreateAsync(EctMentor("  ECT mentor "), manager));
        Assert.Equal(["This alliance already has a scheme with that name."], duplicate.Problems);
        Assert.Equal(1, await _world.CountAsync("Schemes", $"\"TenantId\" = '{tenant.Id}'"));

        var (other, otherManager) = await AllianceAsync();
        await _world.Schemes(other, otherManager).CreateAsync(EctMentor(), otherManager);
        Assert.Equal(1, await _world.CountAsync("Schemes", $"\"TenantId\" = '{other.Id}'"));
    }

    [Fact]
    public async Task Renaming_a_scheme_onto_another_schemes_name_is_refused()
    {
        var (tenant, manager) = await AllianceAsync();
        var service = _world.Schemes(tenant, manager);
        await service.CreateAsync(EctMentor(), manager);
        var moderator = await service.CreateAsync(EctMentor("Moderator"), manager);
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => service.UpdateAsync(moderator.Id, moderator.Version, EctMentor(), manager));
        Assert.Equal(["This alliance already has a scheme with that name."], refused.Problems);
        Assert.Equal("Moderator", (await service.FindAsync(moderator.Id))!.Name);
    }

    [Fact]
    public async Task Only_a_manager_changes_schemes()
    {
        var (tenant, _) = await AllianceAsync();
        var applicant = await _world.PersonAsync(tenant, "Ed Teacher", TenantRoles.Applicant | TenantRoles.Headteacher);
        var refused = await Assert.ThrowsAsync<NotAllowedException>(() => _world.Schemes(tenant, applicant).CreateAsync(EctMentor(), applicant));
        Assert.Equal("Only an alliance manager can change schemes.", refused.Message);
    }

    [Fact]
    public async Task A_closed_scheme_is_no_longer_offered_and_an_edit_keeps_applications_on_their_copy()
    {
        var (tenant, manager) = await AllianceAsync();
        var service = _world.Schemes(tenant, manager);
        var scheme = await service.CreateAsync(EctMentor(), manager);
        var applicant = await _world.PersonAsync(tenant, "Ed Teacher", TenantRoles.Applicant);
        var draft = await _world.Applications(tenant, applicant).StartAsync(applicant, scheme.Id.ToString());

        var edited = await service.UpdateAsync(scheme.Id, scheme.Version, EctMentor() with { PeriodMonths = 12 }, manager);
        Assert.Equal(36, (await _world.ApplicationAsync(tenant, draft.Id)).Scheme.PeriodMonths);
        await Assert.ThrowsAsync<StaleException>(() => service.SetOpenAsync(scheme.Id, scheme.Version, false, manager));
        await service.SetOpenAsync(scheme.Id, edited.Version, false, manager);

        Assert.DoesNotContain(await _world.Applications(tenant, applicant).AvailableSchemesAsync(), s => s.SchemeId == scheme.Id);
        await Assert.ThrowsAsync<NotAllowedException>(() => _world.Applications(tenant, applicant).StartAsync(applicant, scheme.Id.ToString()));
    }
}

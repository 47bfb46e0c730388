using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Designations;

namespace SystemLeadership.Web.Tests.Designations;

/// <summary>
/// Which schemes a person is offered "Apply" for on their home, and which start pages they find
/// (<see cref="Yours.MayApplyFor"/>): the same rule in both places.
/// </summary>
public class MayApplyForTests
{
    private static readonly AvailableScheme[] Offered = [new(Presets.Sle, null), new(Presets.AllianceSystemLeader, null)];
    private static readonly Actor Leader = new("leader-1", "Grace Hopper", "grace@moorside.sch.uk", TenantRoles.SystemLeader);

    private static Yours With(YourApplication[]? applications = null, YourDesignation[]? designations = null) =>
        new(applications ?? [], designations ?? [], [], []);

    private static YourApplication Application(SchemeDefinition scheme, ApplicationState state, bool renewal = false) =>
        new(Guid.NewGuid(), scheme.Name, scheme.ShortName, renewal, state, null, null, scheme.Type);

    private static string[] Names(IEnumerable<AvailableScheme> schemes) => [.. schemes.Select(s => s.Definition.ShortName)];

    [Fact]
    public void Someone_with_nothing_may_apply_for_every_scheme_offered() =>
        Assert.Equal(["SLE", "ASL"], Names(With().MayApplyFor(Offered, Leader)));

    [Fact]
    public void A_manager_who_decides_here_may_apply_for_none()
    {
        var manager = Leader with { Roles = TenantRoles.AllianceManager | TenantRoles.SystemLeader };
        Assert.Empty(With().MayApplyFor(Offered, manager));
    }

    [Theory]
    [InlineData(DesignationState.Active, false)]
    [InlineData(DesignationState.Suspended, false)]
    [InlineData(DesignationState.Expired, true)]
    [InlineData(DesignationState.DeDesignated, true)]
    public void A_designation_held_or_suspended_takes_its_scheme_away_and_an_ended_one_does_not(DesignationState state, bool offered)
    {
        var yours = With(designations: [new(Guid.NewGuid(), Presets.Sle.Name, state, new DateOnly(2025, 9, 1), null, null, Presets.Sle.Type)]);
        Assert.Equal(offered, Names(yours.MayApplyFor(Offered, Leader)).Contains("SLE"));
    }

    [Theory]
    [InlineData(ApplicationState.Draft, false)]
    [InlineData(ApplicationState.Submitted, false)]
    [InlineData(ApplicationState.Withdrawn, true)]
    [InlineData(ApplicationState.NotDesignated, true)]
    public void An_open_application_takes_its_scheme_away_and_a_closed_one_does_not(ApplicationState state, bool offered)
    {
        var yours = With(applications: [Application(Presets.Sle, state)]);
        Assert.Equal(offered, Names(yours.MayApplyFor(Offered, Leader)).Contains("SLE"));
    }

    [Fact]
    public void The_draft_for_a_scheme_is_the_one_starting_it_again_opens_but_a_renewal_draft_is_not()
    {
        var draft = Application(Presets.Sle, ApplicationState.Draft);
        var yours = With(applications: [Application(Presets.Sle, ApplicationState.Draft, renewal: true), draft]);
        Assert.Equal(draft, yours.DraftFor(Offered[0]));
        Assert.Null(yours.DraftFor(Offered[1]));
    }

    [Fact]
    public void An_alliances_own_scheme_renamed_since_is_still_the_scheme_held_and_a_national_one_of_its_type_is_not()
    {
        var schemeId = Guid.NewGuid();
        var renamed = new AvailableScheme(Presets.AllianceSystemLeader with { Name = "Swaledale Maths Leader", ShortName = "SML" }, schemeId);
        var held = new YourDesignation(Guid.NewGuid(), "Swaledale Maths Specialist", DesignationState.Active, new DateOnly(2025, 9, 1), null,
            schemeId, Presets.AllianceSystemLeader.Type);
        var yours = With(designations: [held]);

        Assert.Equal(["SLE", "ASL"], Names(yours.MayApplyFor([.. Offered, renamed], Leader)));
    }

    [Fact]
    public void A_national_scheme_is_known_by_its_designation_type_not_by_the_name_it_was_held_under()
    {
        var yours = With(designations: [new(Guid.NewGuid(), "Specialist Leader of Education (2019 wording)", DesignationState.Active,
            new DateOnly(2025, 9, 1), null, null, Presets.Sle.Type)]);

        Assert.Equal(["ASL"], Names(yours.MayApplyFor(Offered, Leader)));
    }
}

using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using M = SystemLeadership.Domain.Designations.ApplicationMove;
using A = SystemLeadership.Domain.Designations.ApplicationActor;

namespace SystemLeadership.Domain.Tests.Designations;

/// <summary>Who is a party to an application and to a designation: worked out from the record, per role.</summary>
public class DesignationPartiesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static readonly Actor Applicant = new("applicant", "Ada Lovelace", "ada@example.org", TenantRoles.Applicant);
    private static readonly Actor Manager = new("manager", "Margaret Thompson", "margaret@alliance.org.uk", TenantRoles.AllianceManager);
    private static readonly Actor Panellist = new("head-1", "Hal Head", "hal@beck.sch.uk", TenantRoles.Headteacher);
    private static readonly Actor OtherHead = new("head-2", "Olive Other", "olive@ash.sch.uk", TenantRoles.Headteacher);
    private static readonly Actor Stranger = new("stranger", "Sam Stranger", "sam@elsewhere.org", TenantRoles.None);
    private static readonly string[] Panel = ["head-1", "head-3"];

    private static DesignationApplication Draft(string applicantUserId = "applicant")
    {
        var application = new DesignationApplication(Guid.NewGuid(), applicantUserId, "Ada Lovelace", "ada@example.org", Presets.AllianceSystemLeader);
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"], TrackRecord: "Led maths across two schools."), null, null, Now);
        return application;
    }

    private static DesignationApplication Interviewing()
    {
        var a = Draft();
        a.Apply(M.Submit, A.Applicant, Now);
        a.Apply(M.RequestReference, A.Applicant, Now);
        a.Apply(M.ConfirmReference, A.Referee, Now);
        a.Apply(M.Shortlist, A.AllianceManager, Now);
        a.Apply(M.ScheduleInterview, A.AllianceManager, Now);
        return a;
    }

    [Fact]
    public void The_applicant_manager_and_panellists_are_the_parties_and_nobody_else_is()
    {
        var a = Interviewing();
        Assert.Equal([ApplicationRole.Applicant], ApplicationParties.Of(a, Panel, Applicant));
        Assert.Equal([ApplicationRole.Manager], ApplicationParties.Of(a, Panel, Manager));
        Assert.Equal([ApplicationRole.Panellist], ApplicationParties.Of(a, Panel, Panellist));
        Assert.Empty(ApplicationParties.Of(a, Panel, OtherHead));
        Assert.Empty(ApplicationParties.Of(a, Panel, Stranger));
        Assert.Empty(ApplicationParties.Of(a, [], Panellist));
    }

    [Fact]
    public void A_manager_is_never_the_manager_of_their_own_application()
    {
        var own = Draft(Manager.UserId);
        Assert.Equal([ApplicationRole.Applicant], ApplicationParties.Of(own, Panel, Manager));
        Assert.Equal([A.Applicant], ApplicationParties.ActorsFor(ApplicationParties.Of(own, Panel, Manager)));
    }

    [Fact]
    public void A_manager_who_sits_on_the_panel_is_both_and_a_panellist_alone_has_no_lifecycle_moves()
    {
        var a = Interviewing();
        var both = Manager with { UserId = "head-3", Roles = TenantRoles.AllianceManager | TenantRoles.Headteacher };
        Assert.Equal([ApplicationRole.Manager, ApplicationRole.Panellist], ApplicationParties.Of(a, Panel, both));
        Assert.Equal([A.AllianceManager], ApplicationParties.ActorsFor(ApplicationParties.Of(a, Panel, both)));
        Assert.Empty(ApplicationParties.ActorsFor(ApplicationParties.Of(a, Panel, Panellist)));
    }

    [Fact]
    public void The_applicant_does_not_see_the_panels_scores_but_the_manager_and_panellists_do()
    {
        var a = Interviewing();
        var applicant = ApplicationParties.Sight(a, ApplicationParties.Of(a, Panel, Applicant), anyScored: false);
        Assert.True(applicant.Application && applicant.ManageReferences);
        Assert.False(applicant.PanelScores || applicant.Score || applicant.ScheduleInterview || applicant.EditDraft);

        var manager = ApplicationParties.Sight(a, ApplicationParties.Of(a, Panel, Manager), anyScored: false);
        Assert.True(manager.PanelScores && manager.ScheduleInterview);
        Assert.False(manager.Score || manager.ManageReferences);
        Assert.False(ApplicationParties.Sight(a, ApplicationParties.Of(a, Panel, Manager), anyScored: true).ScheduleInterview);

        var panellist = ApplicationParties.Sight(a, ApplicationParties.Of(a, Panel, Panellist), anyScored: false);
        Assert.True(panellist.PanelScores && panellist.Score);
        Assert.False(panellist.ScheduleInterview || panellist.ManageReferences);

        Assert.False(ApplicationParties.Sight(a, ApplicationParties.Of(a, Panel, OtherHead), anyScored: false).Application);
    }

    [Fact]
    public void Only_the_applicant_edits_and_only_while_it_is_a_draft()
    {
        var draft = Draft();
        Assert.True(ApplicationParties.Sight(draft, ApplicationParties.Of(draft, [], Applicant), false).EditDraft);
        Assert.False(ApplicationParties.Sight(draft, ApplicationParties.Of(draft, [], Manager), false).EditDraft);
        Assert.False(ApplicationParties.Sight(Interviewing(), [ApplicationRole.Applicant], false).EditDraft);
    }

    private static Designation Held()
    {
        var application = Draft("holder");
        return new Designation(application, new DateOnly(2026, 9, 1), "Margaret Thompson");
    }

    [Fact]
    public void The_holder_reads_their_letter_but_the_record_and_its_decisions_are_the_managers()
    {
        var d = Held();
        var holder = Applicant with { UserId = "holder" };
        Assert.Equal([DesignationRole.Holder], DesignationParties.Of(d, holder));
        Assert.Equal(new DesignationSight(Record: false, Letter: true, Decide: false), DesignationParties.Sight(DesignationParties.Of(d, holder)));
        Assert.Equal([DesignationRole.Manager], DesignationParties.Of(d, Manager));
        Assert.Equal(new DesignationSight(Record: true, Letter: true, Decide: true), DesignationParties.Sight(DesignationParties.Of(d, Manager)));
    }

    [Fact]
    public void A_manager_holding_the_designation_sees_it_but_does_not_decide_on_it()
    {
        var d = Held();
        var managerHolder = Manager with { UserId = "holder" };
        Assert.Equal([DesignationRole.Holder, DesignationRole.Manager], DesignationParties.Of(d, managerHolder));
        Assert.Equal(new DesignationSight(Record: true, Letter: true, Decide: false), DesignationParties.Sight(DesignationParties.Of(d, managerHolder)));
    }

    [Fact]
    public void A_college_administrator_acting_in_the_college_is_its_manager_and_anyone_else_is_no_party()
    {
        var d = Held();
        // TenantAccess gives a College administrator the manager's role in the College's tenant, and nobody else.
        var administrator = new Actor("admin", "Colin College", "colin@college.gov.uk", TenantRoles.AllianceManager);
        Assert.Equal([DesignationRole.Manager], DesignationParties.Of(d, administrator));
        Assert.Empty(DesignationParties.Of(d, Panellist));
        Assert.Empty(DesignationParties.Of(d, Stranger));
        Assert.Equal(new DesignationSight(false, false, false), DesignationParties.Sight(DesignationParties.Of(d, Stranger)));
    }
}

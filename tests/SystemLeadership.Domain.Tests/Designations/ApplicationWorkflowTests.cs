using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Tests.Designations;

public class ApplicationWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static DesignationApplication EligibleDraft()
    {
        var application = new DesignationApplication(Guid.NewGuid(), "user-1", "Ada Lovelace", "ada@example.org", Presets.Sle);
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"], TrackRecord: "Led maths across two schools."), null, null, DateTimeOffset.UnixEpoch);
        return application;
    }

    [Fact]
    public void An_eligible_application_goes_from_draft_to_designated()
    {
        var application = EligibleDraft();
        application.Apply(ApplicationMove.Submit, ApplicationActor.Applicant, Now);
        application.Apply(ApplicationMove.RequestReference, ApplicationActor.Applicant, Now);
        application.Apply(ApplicationMove.ConfirmReference, ApplicationActor.Referee, Now);
        application.Apply(ApplicationMove.Designate, ApplicationActor.AllianceManager, Now);
        Assert.Equal(ApplicationState.Designated, application.State);
    }

    [Fact]
    public void An_ineligible_application_cannot_be_submitted()
    {
        var application = EligibleDraft();
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 23, ["Maths"]), null, null, DateTimeOffset.UnixEpoch);
        var refused = Assert.Throws<NotAllowedException>(() => application.Apply(ApplicationMove.Submit, ApplicationActor.Applicant, Now));
        Assert.Contains("1 year 11 months", refused.Message);
        Assert.Equal(ApplicationState.Draft, application.State);
    }

    [Fact]
    public void An_applicant_cannot_designate_themselves()
    {
        var application = EligibleDraft();
        application.Apply(ApplicationMove.Submit, ApplicationActor.Applicant, Now);
        application.Apply(ApplicationMove.RequestReference, ApplicationActor.Applicant, Now);
        application.Apply(ApplicationMove.ConfirmReference, ApplicationActor.Referee, Now);
        Assert.Throws<NotAllowedException>(() => application.Apply(ApplicationMove.Designate, ApplicationActor.Applicant, Now));
        Assert.DoesNotContain(ApplicationWorkflow.MovesFor(ApplicationState.ReferenceReceived, ApplicationActor.Applicant), t => t.Move == ApplicationMove.Designate);
    }

    [Fact]
    public void A_manager_cannot_designate_before_the_reference_arrives()
    {
        var application = EligibleDraft();
        application.Apply(ApplicationMove.Submit, ApplicationActor.Applicant, Now);
        Assert.Throws<NotAllowedException>(() => application.Apply(ApplicationMove.Designate, ApplicationActor.AllianceManager, Now));
    }

    [Fact]
    public void Not_designating_needs_a_reason()
    {
        var application = EligibleDraft();
        application.Apply(ApplicationMove.Submit, ApplicationActor.Applicant, Now);
        application.Apply(ApplicationMove.RequestReference, ApplicationActor.Applicant, Now);
        application.Apply(ApplicationMove.ConfirmReference, ApplicationActor.Referee, Now);
        Assert.Throws<NotAllowedException>(() => application.Apply(ApplicationMove.DoNotDesignate, ApplicationActor.AllianceManager, Now, " "));
        application.Apply(ApplicationMove.DoNotDesignate, ApplicationActor.AllianceManager, Now, "Not enough evidence of impact");
        Assert.Equal("Not enough evidence of impact", application.DecisionReason);
    }

    [Theory]
    [InlineData(ApplicationState.Draft, true)]
    [InlineData(ApplicationState.ReferenceRequested, true)]
    [InlineData(ApplicationState.ReferenceReceived, true)]
    [InlineData(ApplicationState.Designated, false)]
    [InlineData(ApplicationState.NotDesignated, false)]
    [InlineData(ApplicationState.Withdrawn, false)]
    public void The_applicant_can_withdraw_at_any_point_before_a_decision(ApplicationState state, bool offered) =>
        Assert.Equal(offered, ApplicationWorkflow.MovesFor(state, ApplicationActor.Applicant).Any(t => t.Move == ApplicationMove.Withdraw));

    [Fact]
    public void After_a_declined_reference_the_applicant_may_ask_another_referee() =>
        Assert.Contains(ApplicationWorkflow.MovesFor(ApplicationState.ReferenceDeclined, ApplicationActor.Applicant), t => t.Move == ApplicationMove.RequestReference);

    [Fact]
    public void A_designation_runs_for_the_preset_period_ending_the_day_before_the_anniversary()
    {
        var application = EligibleDraft();
        var designation = new Designation(application, new DateOnly(2026, 11, 24), "Margaret Thompson");
        Assert.Equal(new DateOnly(2030, 11, 23), designation.EndDate);
    }
}

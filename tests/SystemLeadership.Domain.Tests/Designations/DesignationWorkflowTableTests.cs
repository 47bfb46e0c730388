using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using S = SystemLeadership.Domain.Designations.ApplicationState;
using M = SystemLeadership.Domain.Designations.ApplicationMove;
using A = SystemLeadership.Domain.Designations.ApplicationActor;
using DS = SystemLeadership.Domain.Designations.DesignationState;
using DM = SystemLeadership.Domain.Designations.DesignationMove;

namespace SystemLeadership.Domain.Tests.Designations;

/// <summary>
/// The application and designation tables read straight off <c>Workflow&lt;…&gt;</c>: each state's rows per person, which
/// rows carry a guard, and that a guard's refusal is the reason the person is shown.
/// </summary>
public class DesignationWorkflowTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Start = new(2026, 11, 24);

    private static DesignationApplication Draft(SchemeDefinition? scheme = null, string? trackRecord = "Led maths across two schools.")
    {
        var application = new DesignationApplication(Guid.NewGuid(), "applicant", "Ada Lovelace", "ada@example.org", scheme ?? Presets.Sle);
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"], TrackRecord: trackRecord), null, null, Now);
        return application;
    }

    private static M[] Rows(S state, A actor) => [.. ApplicationWorkflow.Table.RowsFor(state, actor).Select(t => t.Move).Order()];

    // ---- Applications: each state's rows per person ----

    [Fact]
    public void The_applicant_submits_asks_for_references_and_withdraws_and_nothing_else()
    {
        Assert.Equal([M.Submit, M.Withdraw], Rows(S.Draft, A.Applicant));
        Assert.Equal([M.RequestReference, M.Withdraw], Rows(S.Submitted, A.Applicant));
        Assert.Equal([M.RequestReference, M.CancelReference, M.Withdraw], Rows(S.ReferenceRequested, A.Applicant));
        Assert.Equal([M.RequestReference, M.Withdraw], Rows(S.ReferenceDeclined, A.Applicant));
        Assert.Equal([M.RequestReference, M.Withdraw], Rows(S.ReferenceExpired, A.Applicant));
        foreach (var state in new[] { S.ReferenceReceived, S.Shortlisted, S.InterviewScheduled })
            Assert.Equal([M.Withdraw], Rows(state, A.Applicant));
    }

    [Fact]
    public void The_referee_only_answers_an_outstanding_request_and_the_system_only_expires_it()
    {
        Assert.Equal([M.ConfirmReference, M.DeclineReference], Rows(S.ReferenceRequested, A.Referee));
        Assert.Equal([M.ExpireReference], Rows(S.ReferenceRequested, A.System));
        foreach (var state in Enum.GetValues<S>().Where(s => s != S.ReferenceRequested))
        {
            Assert.Empty(Rows(state, A.Referee));
            Assert.Empty(Rows(state, A.System));
        }
    }

    [Fact]
    public void The_manager_shortlists_schedules_and_decides_once_the_references_are_in_or_could_not_come()
    {
        Assert.Equal([M.Shortlist, M.Designate, M.DoNotDesignate], Rows(S.ReferenceReceived, A.AllianceManager));
        Assert.Equal([M.ScheduleInterview, M.Designate, M.DoNotDesignate], Rows(S.Shortlisted, A.AllianceManager));
        Assert.Equal([M.ScheduleInterview, M.Designate, M.DoNotDesignate], Rows(S.InterviewScheduled, A.AllianceManager));
        Assert.Equal([M.DoNotDesignate], Rows(S.ReferenceDeclined, A.AllianceManager));
        Assert.Equal([M.DoNotDesignate], Rows(S.ReferenceExpired, A.AllianceManager));
        foreach (var state in new[] { S.Draft, S.Submitted, S.ReferenceRequested })
            Assert.Empty(Rows(state, A.AllianceManager));
        Assert.Equal(ApplicationWorkflow.Decidable.Order(),
            ApplicationWorkflow.Table.Transitions.Where(t => t.Move == M.Designate).Select(t => t.From).Order());
    }

    [Fact]
    public void Nothing_leaves_a_final_application()
    {
        Assert.DoesNotContain(ApplicationWorkflow.Table.Transitions, t => ApplicationWorkflow.Final.Contains(t.From));
        Assert.All(ApplicationWorkflow.Final, state => Assert.Contains(ApplicationWorkflow.Table.Transitions, t => t.To == state));
    }

    [Fact]
    public void The_guards_sit_on_submitting_the_second_request_confirming_and_designating()
    {
        var guarded = ApplicationWorkflow.Table.Transitions.Where(t => t.Guard is not null).Select(t => (t.From, t.Move));
        Assert.Equal(
            new (S, M)[]
            {
                (S.Draft, M.Submit),
                (S.ReferenceRequested, M.RequestReference),
                (S.ReferenceRequested, M.ConfirmReference),
                (S.ReferenceReceived, M.Designate),
                (S.Shortlisted, M.Designate),
                (S.InterviewScheduled, M.Designate),
            }.OrderBy(x => x.ToString()),
            guarded.OrderBy(x => x.ToString()));
    }

    // ---- Applications: a guard's refusal is the reason shown ----

    [Fact]
    public void A_refused_submission_shows_the_submit_rows_reason_and_is_not_offered()
    {
        var application = Draft(trackRecord: null);
        var context = new ApplicationContext(application, DecisionFacts.None);
        var row = Assert.Single(ApplicationWorkflow.Table.RowsFor(S.Draft, A.Applicant), t => t.Move == M.Submit);

        Assert.Equal("Write your statement of track record.", row.RefusalFor(context));
        Assert.Equal(row.RefusalFor(context),
            Assert.Throws<NotAllowedException>(() => ApplicationWorkflow.Table.Require(context, S.Draft, M.Submit, A.Applicant)).Message);
        Assert.Equal(row.RefusalFor(context), Assert.Throws<NotAllowedException>(() => application.Apply(M.Submit, A.Applicant, Now)).Message);
        Assert.Equal([M.Withdraw], application.MovesFor(A.Applicant, DecisionFacts.None).Select(t => t.Move));
        Assert.Equal(S.Draft, application.State);
    }

    [Fact]
    public void Once_the_guard_passes_the_move_is_offered_and_applied_by_the_same_row()
    {
        var application = Draft();
        var offered = application.MovesFor(A.Applicant, DecisionFacts.None);
        Assert.Equal([M.Submit, M.Withdraw], offered.Select(t => t.Move).Order());

        var applied = application.Apply(M.Submit, A.Applicant, Now);
        Assert.Same(Assert.Single(offered, t => t.Move == M.Submit), applied);
        Assert.Equal("Submit application", applied.Label);
        Assert.Equal(S.Submitted, application.State);
    }

    [Fact]
    public void The_interview_guard_hides_designate_until_the_panel_has_scored()
    {
        var application = Draft(Presets.AllianceSystemLeader);
        application.Apply(M.Submit, A.Applicant, Now);
        application.Apply(M.RequestReference, A.Applicant, Now);
        application.Apply(M.ConfirmReference, A.Referee, Now);
        var unscored = new DecisionFacts(1, 0, InterviewScored: false);

        Assert.Equal([M.Shortlist, M.DoNotDesignate], application.MovesFor(A.AllianceManager, unscored).Select(t => t.Move).Order());
        var row = Assert.Single(ApplicationWorkflow.Table.RowsFor(S.ReferenceReceived, A.AllianceManager), t => t.Move == M.Designate);
        Assert.Equal("This scheme designates after an interview: record the panel's scores first.",
            row.RefusalFor(new ApplicationContext(application, unscored)));
        Assert.Equal(row.RefusalFor(new ApplicationContext(application, unscored)),
            Assert.Throws<NotAllowedException>(() => application.Apply(M.Designate, A.AllianceManager, Now, facts: unscored)).Message);

        Assert.Contains(application.MovesFor(A.AllianceManager, unscored with { InterviewScored = true }), t => t.Move == M.Designate);
    }

    [Fact]
    public void The_reference_guards_read_the_facts_they_are_given()
    {
        var application = Draft();
        application.Apply(M.Submit, A.Applicant, Now);
        application.Apply(M.RequestReference, A.Applicant, Now);

        Assert.Contains(application.MovesFor(A.Applicant, DecisionFacts.None), t => t.Move == M.RequestReference);
        Assert.DoesNotContain(application.MovesFor(A.Applicant, new DecisionFacts(0, 1, false)), t => t.Move == M.RequestReference);
        var context = new ApplicationContext(application, new DecisionFacts(0, 1, false));
        Assert.Equal("Every reference this scheme needs has been asked for.",
            Assert.Throws<NotAllowedException>(() => ApplicationWorkflow.Table.Require(context, S.ReferenceRequested, M.RequestReference, A.Applicant)).Message);
        Assert.Equal([M.ConfirmReference, M.DeclineReference], application.MovesFor(A.Referee, new DecisionFacts(0, 1, false)).Select(t => t.Move).Order());
    }

    [Fact]
    public void A_move_outside_the_application_table_is_refused_in_the_applications_words()
    {
        var context = new ApplicationContext(Draft(), DecisionFacts.None);
        Assert.Equal("This application is draft: it cannot be moved that way now.",
            Assert.Throws<NotAllowedException>(() => ApplicationWorkflow.Table.Require(context, S.Draft, M.Designate, A.AllianceManager)).Message);
        Assert.Null(ApplicationWorkflow.Find(S.Draft, M.Designate, A.AllianceManager));
        Assert.NotNull(ApplicationWorkflow.Find(S.Draft, M.Submit, A.Applicant));
    }

    // ---- Designations ----

    private static Designation Active(SchemeDefinition? scheme = null)
    {
        var application = Draft(scheme ?? Presets.AllianceSystemLeader);
        return new Designation(application, Start, "Margaret Thompson");
    }

    private static DM[] Rows(DS state, A actor) => [.. DesignationWorkflow.Table.RowsFor(state, actor).Select(t => t.Move).Order()];

    [Fact]
    public void The_manager_suspends_reinstates_and_de_designates_the_system_expires_and_renews()
    {
        Assert.Equal([DM.Suspend, DM.DeDesignate], Rows(DS.Active, A.AllianceManager));
        Assert.Equal([DM.Reinstate, DM.DeDesignate], Rows(DS.Suspended, A.AllianceManager));
        Assert.Equal([DM.Expire, DM.ReDesignate], Rows(DS.Active, A.System));
        Assert.Equal([DM.ReDesignate], Rows(DS.Expired, A.System));
        Assert.Empty(Rows(DS.Suspended, A.System));
        Assert.Empty(Rows(DS.Expired, A.AllianceManager));
        foreach (var state in Enum.GetValues<DS>())
        {
            Assert.Empty(Rows(state, A.Applicant));
            Assert.Empty(Rows(state, A.Referee));
        }
        Assert.DoesNotContain(DesignationWorkflow.Table.Transitions, t => t.From is DS.ReDesignated or DS.DeDesignated);
    }

    [Fact]
    public void Only_expiry_is_guarded_and_its_refusal_is_the_reason_shown()
    {
        var row = Assert.Single(DesignationWorkflow.Table.Transitions, t => t.Guard is not null);
        Assert.Equal((DS.Active, DM.Expire, A.System), (row.From, row.Move, row.Actor));

        var designation = Active();
        var end = designation.EndDate!.Value;
        var early = new DesignationContext(designation, end);
        Assert.Equal("This designation has not reached its end date.", row.RefusalFor(early));
        Assert.Equal(row.RefusalFor(early),
            Assert.Throws<NotAllowedException>(() => DesignationWorkflow.Table.Require(early, DS.Active, DM.Expire, A.System)).Message);
        Assert.Equal(row.RefusalFor(early), Assert.Throws<NotAllowedException>(() => designation.Apply(DM.Expire, A.System, end, "system")).Message);
        Assert.Equal([DM.ReDesignate], designation.MovesFor(A.System, end).Select(t => t.Move));

        Assert.Equal([DM.Expire, DM.ReDesignate], designation.MovesFor(A.System, end.AddDays(1)).Select(t => t.Move).Order());
        designation.Apply(DM.Expire, A.System, end.AddDays(1), "system");
        Assert.Equal(DS.Expired, designation.State);
        Assert.Equal(end, designation.EndedOn);
    }

    [Fact]
    public void A_designation_with_no_end_date_is_never_offered_expiry()
    {
        var designation = Active(Presets.Lle);
        Assert.Null(designation.EndDate);
        Assert.DoesNotContain(designation.MovesFor(A.System, Start.AddYears(20)), t => t.Move == DM.Expire);
    }

    [Fact]
    public void A_move_outside_the_designation_table_is_refused_in_the_designations_words()
    {
        var context = new DesignationContext(Active(), Start);
        Assert.Equal("This designation is active: it cannot be moved that way now.",
            Assert.Throws<NotAllowedException>(() => DesignationWorkflow.Table.Require(context, DS.Active, DM.Reinstate, A.AllianceManager)).Message);
    }

    [Fact]
    public void Every_state_has_a_display_name()
    {
        Assert.All(Enum.GetValues<S>(), s => Assert.False(string.IsNullOrWhiteSpace(StateNames.Display(s))));
        Assert.All(Enum.GetValues<DS>(), s => Assert.False(string.IsNullOrWhiteSpace(DesignationWorkflow.Display(s))));
    }
}

using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using S = SystemLeadership.Domain.Designations.ApplicationState;
using M = SystemLeadership.Domain.Designations.ApplicationMove;
using A = SystemLeadership.Domain.Designations.ApplicationActor;

namespace SystemLeadership.Domain.Tests.Designations;

/// <summary>The application lifecycle move by move, person by person: what is allowed, what is refused, and the guards.</summary>
public class ApplicationTransitionTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The lifecycle as DOMAIN.md describes it, written out independently of the code's table.</summary>
    private static readonly (S From, M Move, S To, A Actor)[] Expected =
    [
        (S.Draft, M.Submit, S.Submitted, A.Applicant),
        (S.Submitted, M.RequestReference, S.ReferenceRequested, A.Applicant),
        (S.ReferenceRequested, M.RequestReference, S.ReferenceRequested, A.Applicant),
        (S.ReferenceDeclined, M.RequestReference, S.ReferenceRequested, A.Applicant),
        (S.ReferenceExpired, M.RequestReference, S.ReferenceRequested, A.Applicant),
        (S.ReferenceRequested, M.CancelReference, S.Submitted, A.Applicant),
        (S.ReferenceRequested, M.ConfirmReference, S.ReferenceReceived, A.Referee),
        (S.ReferenceRequested, M.DeclineReference, S.ReferenceDeclined, A.Referee),
        (S.ReferenceRequested, M.ExpireReference, S.ReferenceExpired, A.System),
        (S.ReferenceReceived, M.Shortlist, S.Shortlisted, A.AllianceManager),
        (S.Shortlisted, M.ScheduleInterview, S.InterviewScheduled, A.AllianceManager),
        (S.InterviewScheduled, M.ScheduleInterview, S.InterviewScheduled, A.AllianceManager),
        (S.ReferenceReceived, M.Designate, S.Designated, A.AllianceManager),
        (S.Shortlisted, M.Designate, S.Designated, A.AllianceManager),
        (S.InterviewScheduled, M.Designate, S.Designated, A.AllianceManager),
        (S.ReferenceReceived, M.DoNotDesignate, S.NotDesignated, A.AllianceManager),
        (S.Shortlisted, M.DoNotDesignate, S.NotDesignated, A.AllianceManager),
        (S.InterviewScheduled, M.DoNotDesignate, S.NotDesignated, A.AllianceManager),
        (S.ReferenceDeclined, M.DoNotDesignate, S.NotDesignated, A.AllianceManager),
        (S.ReferenceExpired, M.DoNotDesignate, S.NotDesignated, A.AllianceManager),
        (S.Draft, M.Withdraw, S.Withdrawn, A.Applicant),
        (S.Submitted, M.Withdraw, S.Withdrawn, A.Applicant),
        (S.ReferenceRequested, M.Withdraw, S.Withdrawn, A.Applicant),
        (S.ReferenceReceived, M.Withdraw, S.Withdrawn, A.Applicant),
        (S.ReferenceDeclined, M.Withdraw, S.Withdrawn, A.Applicant),
        (S.ReferenceExpired, M.Withdraw, S.Withdrawn, A.Applicant),
        (S.Shortlisted, M.Withdraw, S.Withdrawn, A.Applicant),
        (S.InterviewScheduled, M.Withdraw, S.Withdrawn, A.Applicant),
    ];

    private static DesignationApplication Draft(SchemeDefinition? scheme = null, ApplicationAnswers? answers = null)
    {
        var application = new DesignationApplication(Guid.NewGuid(), "applicant", "Ada Lovelace", "ada@example.org", scheme ?? Presets.Sle);
        application.UpdateAnswers(answers ?? new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"], TrackRecord: "Led maths across two schools."),
            null, null, Now);
        return application;
    }

    /// <summary>An SLE application driven to the given state through allowed moves only.</summary>
    private static DesignationApplication In(S state)
    {
        var a = Draft();
        void Go(M move, A actor, string? reason = null) => a.Apply(move, actor, Now, reason);
        switch (state)
        {
            case S.Draft: break;
            case S.Withdrawn: Go(M.Withdraw, A.Applicant); break;
            default:
                Go(M.Submit, A.Applicant);
                if (state == S.Submitted) break;
                Go(M.RequestReference, A.Applicant);
                if (state == S.ReferenceRequested) break;
                if (state == S.ReferenceDeclined) { Go(M.DeclineReference, A.Referee); break; }
                if (state == S.ReferenceExpired) { Go(M.ExpireReference, A.System); break; }
                Go(M.ConfirmReference, A.Referee);
                if (state == S.ReferenceReceived) break;
                if (state == S.Designated) { Go(M.Designate, A.AllianceManager); break; }
                if (state == S.NotDesignated) { Go(M.DoNotDesignate, A.AllianceManager, "Not this round."); break; }
                Go(M.Shortlist, A.AllianceManager);
                if (state == S.Shortlisted) break;
                Go(M.ScheduleInterview, A.AllianceManager);
                break;
        }
        Assert.Equal(state, a.State);
        return a;
    }

    public static TheoryData<S, A> StatesAndActors()
    {
        var data = new TheoryData<S, A>();
        foreach (var s in Enum.GetValues<S>())
        foreach (var a in Enum.GetValues<A>())
            data.Add(s, a);
        return data;
    }

    [Fact]
    public void The_table_is_exactly_the_lifecycle_DOMAIN_md_describes()
    {
        var actual = ApplicationWorkflow.Transitions.Select(t => (t.From, t.Move, t.To, t.Actor)).ToHashSet();
        Assert.Equal(Expected.ToHashSet().OrderBy(x => x.ToString()), actual.OrderBy(x => x.ToString()));
        Assert.Equal(ApplicationWorkflow.Transitions.Count, actual.Count);
    }

    [Theory]
    [MemberData(nameof(StatesAndActors))]
    public void Each_person_may_make_only_the_moves_the_table_gives_them(S state, A actor)
    {
        foreach (var move in Enum.GetValues<M>())
        {
            var application = In(state);
            var expected = Expected.Where(e => e.From == state && e.Move == move && e.Actor == actor).ToList();
            if (expected.Count == 0)
            {
                var refused = Assert.Throws<NotAllowedException>(() => application.Apply(move, actor, Now, "A reason."));
                Assert.Equal($"This application is {StateNames.Display(state).ToLowerInvariant()}: it cannot be moved that way now.", refused.Message);
                Assert.Equal(state, application.State);
            }
            else
            {
                application.Apply(move, actor, Now, "A reason.");
                Assert.Equal(Assert.Single(expected).To, application.State);
            }
        }
    }

    [Theory]
    [MemberData(nameof(StatesAndActors))]
    public void The_moves_offered_are_the_moves_allowed(S state, A actor) =>
        Assert.Equal(
            Expected.Where(e => e.From == state && e.Actor == actor).Select(e => e.Move).Order(),
            ApplicationWorkflow.MovesFor(state, actor).Select(t => t.Move).Order());

    [Theory]
    [InlineData(S.Draft)]
    [InlineData(S.Submitted)]
    [InlineData(S.ReferenceRequested)]
    [InlineData(S.ReferenceReceived)]
    [InlineData(S.ReferenceDeclined)]
    [InlineData(S.ReferenceExpired)]
    [InlineData(S.Shortlisted)]
    [InlineData(S.InterviewScheduled)]
    public void The_applicant_can_withdraw_from_every_state_before_a_decision(S state)
    {
        var application = In(state);
        application.Apply(M.Withdraw, A.Applicant, Now);
        Assert.Equal(S.Withdrawn, application.State);
    }

    [Theory]
    [InlineData(S.Designated)]
    [InlineData(S.NotDesignated)]
    [InlineData(S.Withdrawn)]
    public void A_decided_or_withdrawn_application_offers_nobody_any_move(S state)
    {
        foreach (var actor in Enum.GetValues<A>()) Assert.Empty(ApplicationWorkflow.MovesFor(state, actor));
        Assert.True(ApplicationWorkflow.Final.Contains(state));
    }

    [Fact]
    public void A_manager_may_turn_down_but_not_designate_an_application_whose_reference_did_not_come()
    {
        foreach (var state in new[] { S.ReferenceDeclined, S.ReferenceExpired })
        {
            Assert.Throws<NotAllowedException>(() => In(state).Apply(M.Designate, A.AllianceManager, Now));
            var application = In(state);
            application.Apply(M.DoNotDesignate, A.AllianceManager, Now, "No reference.");
            Assert.Equal(S.NotDesignated, application.State);
        }
    }

    // ---- Guards ----

    private static DesignationApplication AllianceSystemLeaderAwaitingDecision()
    {
        var a = Draft(Presets.AllianceSystemLeader);
        a.Apply(M.Submit, A.Applicant, Now);
        a.Apply(M.RequestReference, A.Applicant, Now);
        a.Apply(M.ConfirmReference, A.Referee, Now);
        a.Apply(M.Shortlist, A.AllianceManager, Now);
        a.Apply(M.ScheduleInterview, A.AllianceManager, Now);
        return a;
    }

    [Fact]
    public void An_alliance_system_leader_cannot_be_designated_before_the_panel_has_scored()
    {
        var application = AllianceSystemLeaderAwaitingDecision();
        var refused = Assert.Throws<NotAllowedException>(() =>
            application.Apply(M.Designate, A.AllianceManager, Now, facts: new DecisionFacts(1, 0, InterviewScored: false)));
        Assert.Equal("This scheme designates after an interview: record the panel's scores first.", refused.Message);
        Assert.Equal(S.InterviewScheduled, application.State);
        Assert.DoesNotContain(application.MovesFor(A.AllianceManager, new DecisionFacts(1, 0, false)), t => t.Move == M.Designate);

        application.Apply(M.Designate, A.AllianceManager, Now, facts: new DecisionFacts(1, 0, InterviewScored: true), decidedBy: "Margaret Thompson");
        Assert.Equal(S.Designated, application.State);
        Assert.Equal("Margaret Thompson", application.DecidedByName);
        Assert.Equal(Now, application.DecidedAt);
    }

    [Fact]
    public void Not_designating_an_alliance_system_leader_needs_no_interview()
    {
        var application = AllianceSystemLeaderAwaitingDecision();
        application.Apply(M.DoNotDesignate, A.AllianceManager, Now, "Not enough evidence of impact.");
        Assert.Equal(S.NotDesignated, application.State);
    }

    private static readonly SchemeDefinition TwoReferences = new(
        DesignationType.TenantScheme, "Moderator", "MOD", [RuleSpec.MinimumMonths(12), RuleSpec.References(2)],
        PeriodMonths: 24, Training: [], DayRatePence: null, HeadteacherDayRatePence: null, DesignatedBy.Tenant);

    [Fact]
    public void A_scheme_needing_two_references_lets_the_applicant_ask_two_referees_and_no_more()
    {
        var application = Draft(TwoReferences);
        application.Apply(M.Submit, A.Applicant, Now);
        application.Apply(M.RequestReference, A.Applicant, Now, facts: DecisionFacts.None);
        application.Apply(M.RequestReference, A.Applicant, Now, facts: new DecisionFacts(0, 1, false));
        var refused = Assert.Throws<NotAllowedException>(() => application.Apply(M.RequestReference, A.Applicant, Now, facts: new DecisionFacts(1, 1, false)));
        Assert.Equal("Every reference this scheme needs has been asked for.", refused.Message);
    }

    [Fact]
    public void A_scheme_needing_two_references_is_not_ready_on_the_first()
    {
        var application = Draft(TwoReferences);
        application.Apply(M.Submit, A.Applicant, Now);
        application.Apply(M.RequestReference, A.Applicant, Now);
        var refused = Assert.Throws<NotAllowedException>(() => application.Apply(M.ConfirmReference, A.Referee, Now, facts: new DecisionFacts(0, 2, false)));
        Assert.Equal("This scheme needs 2 references.", refused.Message);
        Assert.Equal(S.ReferenceRequested, application.State);
        application.Apply(M.ConfirmReference, A.Referee, Now, facts: new DecisionFacts(1, 1, false));
        Assert.Equal(S.ReferenceReceived, application.State);
    }

    [Fact]
    public void A_scheme_needing_one_reference_refuses_a_second_request_while_the_first_is_out()
    {
        var application = In(S.ReferenceRequested);
        var refused = Assert.Throws<NotAllowedException>(() => application.Apply(M.RequestReference, A.Applicant, Now, facts: new DecisionFacts(0, 1, false)));
        Assert.Equal("Every reference this scheme needs has been asked for.", refused.Message);
    }

    private static readonly ApplicationAnswers TooNew = new(LeadershipRole.MiddleLeader, 6, ["Maths"], TrackRecord: "Two terms leading phonics.");

    [Fact]
    public void An_ineligible_applicant_cannot_submit_when_the_scheme_does_not_take_explanations()
    {
        var application = Draft(Presets.Sle, TooNew with { Explanation = "I am exceptional." });
        var refused = Assert.Throws<NotAllowedException>(() => application.Apply(M.Submit, A.Applicant, Now));
        Assert.Equal("The application does not meet every eligibility rule: You need to have been in a leadership role for at least 2 years; you have 6 months.", refused.Message);
        Assert.Equal(S.Draft, application.State);
    }

    [Fact]
    public void An_ineligible_applicant_must_explain_when_the_scheme_takes_explanations()
    {
        var withExplanations = TwoReferences with { ApplyWithExplanation = true };
        var application = Draft(withExplanations, TooNew);
        var refused = Assert.Throws<NotAllowedException>(() => application.Apply(M.Submit, A.Applicant, Now));
        Assert.Equal("You do not meet every rule: explain why you are applying anyway.", refused.Message);

        application = Draft(withExplanations, TooNew with { Explanation = "Acting head of department since September; led moderation for 3 years before." });
        application.Apply(M.Submit, A.Applicant, Now);
        Assert.Equal(S.Submitted, application.State);
        Assert.Equal(["You need to have been in a leadership role for at least 1 year; you have 6 months."], application.UnmetRulesAtSubmission);
    }

    [Fact]
    public void An_eligible_submission_records_no_unmet_rules()
    {
        var application = Draft(TwoReferences with { ApplyWithExplanation = true });
        application.Apply(M.Submit, A.Applicant, Now);
        Assert.Empty(application.UnmetRulesAtSubmission);
        Assert.Equal(Now, application.SubmittedAt);
    }

    [Fact]
    public void The_statement_of_track_record_is_required() =>
        Assert.Equal("Write your statement of track record.",
            Assert.Throws<NotAllowedException>(() => Draft(answers: new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"])).Apply(M.Submit, A.Applicant, Now)).Message);

    [Fact]
    public void A_teaching_school_application_names_its_alliance_and_first_manager()
    {
        var answers = new ApplicationAnswers(LeadershipRole.Headteacher, 60, [], SchoolUrn: 100001, TrackRecord: "Outstanding since 2015.");
        var application = new DesignationApplication(Guid.NewGuid(), "head", "Hilda Head", "hilda@example.org", Presets.TeachingSchool);
        application.UpdateAnswers(answers, "Swaledale Primary", "Outstanding", Now);
        Assert.Equal("Name the alliance and the email of its first alliance manager.",
            Assert.Throws<NotAllowedException>(() => application.Apply(M.Submit, A.Applicant, Now)).Message);
        application.UpdateAnswers(answers with { ProposedAllianceName = "Swaledale Alliance", FirstManagerEmail = "margaret@example.org" }, "Swaledale Primary", "Outstanding", Now);
        application.Apply(M.Submit, A.Applicant, Now);
        Assert.Equal(S.Submitted, application.State);
    }

    [Fact]
    public void The_decision_keeps_the_rules_unmet_at_the_time()
    {
        var withExplanations = TwoReferences with { ApplyWithExplanation = true, Rules = [RuleSpec.MinimumMonths(12)] };
        var application = Draft(withExplanations, TooNew with { Explanation = "Acting lead." });
        application.Apply(M.Submit, A.Applicant, Now);
        application.Apply(M.RequestReference, A.Applicant, Now);
        application.Apply(M.ConfirmReference, A.Referee, Now);
        application.Apply(M.Designate, A.AllianceManager, Now, "Strong panel feedback.");
        Assert.Equal(["You need to have been in a leadership role for at least 1 year; you have 6 months."], application.UnmetRulesAtDecision);
        Assert.Equal("Strong panel feedback.", application.DecisionReason);
    }

    [Fact]
    public void A_decision_reason_over_4000_characters_is_refused()
    {
        var application = In(S.ReferenceReceived);
        Assert.Equal("The reason must be 4,000 characters or fewer.",
            Assert.Throws<NotAllowedException>(() => application.Apply(M.DoNotDesignate, A.AllianceManager, Now, new string('r', 4001))).Message);
        Assert.Equal(S.ReferenceReceived, application.State);
    }

    // ---- The draft's answers ----

    [Fact]
    public void Only_a_draft_can_be_changed() =>
        Assert.Equal("Only a draft application can be changed.", Assert.Throws<NotAllowedException>(() =>
            In(S.Submitted).UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"]), null, null, Now)).Message);

    [Theory]
    [InlineData(-1)]
    [InlineData(601)]
    public void Time_in_role_must_be_plausible(int months) =>
        Assert.Throws<InvalidInputException>(() => Draft().UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, months, ["Maths"]), null, null, Now));

    [Fact]
    public void A_statement_of_4000_characters_is_kept_and_4001_refused()
    {
        var application = Draft();
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"], TrackRecord: new string('t', 4000)), null, null, Now);
        Assert.Equal(4000, application.TrackRecord!.Length);
        var refused = Assert.Throws<InvalidInputException>(() =>
            application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"], EvidenceOfImpact: new string('t', 4001)), null, null, Now));
        Assert.StartsWith("Statements must be 4000 characters or fewer.", refused.Message);
        Assert.Null(application.EvidenceOfImpact);
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("Led maths <img src=x onerror=alert(1)>")]
    public void Script_tags_in_a_statement_are_refused_and_the_old_answer_kept(string text)
    {
        var application = Draft();
        var refused = Assert.Throws<InvalidInputException>(() =>
            application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"], TrackRecord: text), null, null, Now));
        Assert.StartsWith("Use plain text: tags such as <script> are not allowed.", refused.Message);
        Assert.Equal("Led maths across two schools.", application.TrackRecord);
    }

    [Fact]
    public void A_specialism_not_on_the_DfE_list_is_refused_by_name()
    {
        var refused = Assert.Throws<InvalidInputException>(() =>
            Draft().UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths", "Astrology"]), null, null, Now));
        Assert.StartsWith("'Astrology' is not one of the DfE areas of expertise.", refused.Message);
    }

    [Fact]
    public void A_specialism_chosen_twice_is_kept_once()
    {
        var application = Draft();
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths", "Maths", "Phonics"]), null, null, Now);
        Assert.Equal(["Maths", "Phonics"], application.Specialisms);
    }

    [Fact]
    public void A_head_asks_their_chair_and_everyone_else_their_head()
    {
        var head = Draft(Presets.AllianceSystemLeader, new ApplicationAnswers(LeadershipRole.Headteacher, 30, ["Maths"]));
        Assert.Equal("your chair of governors", head.RefereeDescription);
        Assert.Equal("your headteacher", Draft().RefereeDescription);
    }
}

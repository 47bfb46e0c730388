using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using S = SystemLeadership.Domain.Designations.ApplicationState;
using M = SystemLeadership.Domain.Designations.ApplicationMove;
using A = SystemLeadership.Domain.Designations.ApplicationActor;

namespace SystemLeadership.Domain.Tests.Designations;

/// <summary>
/// Re-designation (004): a "similar process to the original designation" — judged on the holder's impact and on the
/// type's criteria as they stand now; those who no longer meet them are not re-designated.
/// </summary>
public class RenewalTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static Designation HeldDesignation()
    {
        var original = new DesignationApplication(Guid.NewGuid(), "applicant", "Ada Lovelace", "ada@example.org", Presets.AllianceSystemLeader);
        original.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"], TrackRecord: "Led maths across two schools."), null, null, Now);
        original.Apply(M.Submit, A.Applicant, Now);
        original.Apply(M.RequestReference, A.Applicant, Now);
        original.Apply(M.ConfirmReference, A.Referee, Now);
        original.Apply(M.Shortlist, A.AllianceManager, Now);
        original.Apply(M.ScheduleInterview, A.AllianceManager, Now);
        original.Apply(M.Designate, A.AllianceManager, Now, facts: new DecisionFacts(1, 0, true));
        return new Designation(original, new DateOnly(2022, 11, 24), "Margaret Thompson");
    }

    [Fact]
    public void A_renewal_is_judged_on_its_impact_and_on_the_criteria_as_they_stand_now()
    {
        var renewal = new DesignationApplication(Guid.NewGuid(), "applicant", "Ada Lovelace", "ada@example.org", Presets.AllianceSystemLeader, renewing: HeldDesignation());
        Assert.True(renewal.IsRenewal);
        Assert.Equal(LeadershipRole.MiddleLeader, renewal.CurrentRole);
        Assert.Equal(["Maths"], renewal.Specialisms);
        var refused = Assert.Throws<NotAllowedException>(() => renewal.Apply(M.Submit, A.Applicant, Now));
        Assert.Equal("Describe the impact of your work as a system leader since you were designated.", refused.Message);

        // No track record, but the type's criteria are checked again: too short a time in role is a rule not met now.
        renewal.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 0, ["Maths"], EvidenceOfImpact: "Ofsted report for Low Row Primary cites our maths work."), null, null, Now);
        Assert.NotEmpty(renewal.CriteriaUnmet);
        Assert.Equal(renewal.CriteriaUnmet, renewal.UnmetRules);
        Assert.Equal(ApplicationWorkflow.RenewalExplanationNeeded, Assert.Throws<NotAllowedException>(() => renewal.Apply(M.Submit, A.Applicant, Now)).Message);

        renewal.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 60, ["Maths"], EvidenceOfImpact: "Ofsted report for Low Row Primary cites our maths work."), null, null, Now);
        renewal.Apply(M.Submit, A.Applicant, Now);
        Assert.Equal(S.Submitted, renewal.State);
        Assert.Empty(renewal.UnmetRulesAtSubmission);
    }

    [Fact]
    public void A_renewal_that_no_longer_meets_the_criteria_is_not_re_designated_and_the_decision_records_why()
    {
        var renewal = new DesignationApplication(Guid.NewGuid(), "applicant", "Ada Lovelace", "ada@example.org", Presets.AllianceSystemLeader, renewing: HeldDesignation());
        renewal.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 0, ["Maths"], EvidenceOfImpact: "LA review praised the work.",
            Explanation: "I moved to a new school this year."), null, null, Now);
        var unmet = renewal.CriteriaUnmet;
        renewal.Apply(M.Submit, A.Applicant, Now);
        Assert.Equal(unmet, renewal.UnmetRulesAtSubmission);
        renewal.Apply(M.RequestReference, A.Applicant, Now);
        renewal.Apply(M.ConfirmReference, A.Referee, Now);

        var refused = Assert.Throws<NotAllowedException>(() => renewal.Apply(M.Designate, A.AllianceManager, Now, facts: new DecisionFacts(1, 0, InterviewScored: false)));
        Assert.StartsWith("Ada Lovelace no longer meets the criteria (", refused.Message, StringComparison.Ordinal);
        renewal.Apply(M.DoNotDesignate, A.AllianceManager, Now, "No longer meets the time-in-role criterion.", new DecisionFacts(1, 0, false));
        Assert.Equal(S.NotDesignated, renewal.State);
        Assert.Equal(unmet, renewal.UnmetRulesAtDecision);
    }

    [Fact]
    public void A_renewal_carries_the_time_in_role_forward_from_the_first_application_but_not_from_an_import()
    {
        var original = new DesignationApplication(Guid.NewGuid(), "applicant", "Ada Lovelace", "ada@example.org", Presets.AllianceSystemLeader);
        original.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"], TrackRecord: "Led maths."), null, null, Now);
        original.Apply(M.Submit, A.Applicant, new DateTimeOffset(2022, 9, 15, 9, 0, 0, TimeSpan.Zero));
        var renewal = new DesignationApplication(Guid.NewGuid(), "applicant", "Ada Lovelace", "ada@example.org", Presets.AllianceSystemLeader, renewing: HeldDesignation());
        renewal.PrefillRenewal(original, "Good", new DateTimeOffset(2026, 9, 14, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(30 + 47, renewal.MonthsInRole);
        Assert.Null(renewal.SchoolOfstedRating); // this holder named no school, so no rating is kept

        // An imported designation recorded no time in role: nothing is carried, the holder enters it.
        var imported = DesignationApplication.Imported(Guid.NewGuid(), "applicant", "Ada Lovelace", "ada@example.org", Presets.AllianceSystemLeader, null,
            ["Maths"], 100, "Low Row Primary", null, new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), "Margaret Thompson");
        var fromImport = new DesignationApplication(Guid.NewGuid(), "applicant", "Ada Lovelace", "ada@example.org", Presets.AllianceSystemLeader, renewing: HeldDesignation());
        fromImport.PrefillRenewal(imported, null, new DateTimeOffset(2026, 9, 14, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, fromImport.MonthsInRole);
    }

    [Fact]
    public void A_renewal_is_designated_without_a_second_interview()
    {
        var renewal = new DesignationApplication(Guid.NewGuid(), "applicant", "Ada Lovelace", "ada@example.org", Presets.AllianceSystemLeader, renewing: HeldDesignation());
        renewal.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 60, ["Maths"], EvidenceOfImpact: "LA review praised the work."), null, null, Now);
        renewal.Apply(M.Submit, A.Applicant, Now);
        renewal.Apply(M.RequestReference, A.Applicant, Now);
        renewal.Apply(M.ConfirmReference, A.Referee, Now);
        renewal.Apply(M.Designate, A.AllianceManager, Now, facts: new DecisionFacts(1, 0, InterviewScored: false));
        Assert.Equal(S.Designated, renewal.State);
    }

    [Fact]
    public void Only_the_holder_can_apply_to_renew() =>
        Assert.Equal("Only the holder can apply to renew a designation.", Assert.Throws<NotAllowedException>(() =>
            new DesignationApplication(Guid.NewGuid(), "someone-else", "Mallory", "m@example.org", Presets.AllianceSystemLeader, renewing: HeldDesignation())).Message);
}

using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using S = SystemLeadership.Domain.Designations.DesignationState;
using M = SystemLeadership.Domain.Designations.DesignationMove;
using A = SystemLeadership.Domain.Designations.ApplicationActor;

namespace SystemLeadership.Domain.Tests.Designations;

public class DesignationLifecycleTests
{
    private static readonly DateOnly Start = new(2026, 11, 24);
    private static readonly DateOnly End = new(2030, 11, 23);

    private static readonly (S From, M Move, S To, A Actor)[] Expected =
    [
        (S.Active, M.Suspend, S.Suspended, A.AllianceManager),
        (S.Suspended, M.Reinstate, S.Active, A.AllianceManager),
        (S.Active, M.DeDesignate, S.DeDesignated, A.AllianceManager),
        (S.Suspended, M.DeDesignate, S.DeDesignated, A.AllianceManager),
        (S.Active, M.Expire, S.Expired, A.System),
        (S.Active, M.ReDesignate, S.ReDesignated, A.System),
        (S.Expired, M.ReDesignate, S.ReDesignated, A.System),
    ];

    private static Designation Active(SchemeDefinition? scheme = null)
    {
        var application = new DesignationApplication(Guid.NewGuid(), "holder", "Ada Lovelace", "ada@example.org", scheme ?? Presets.AllianceSystemLeader);
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"], SchoolUrn: 100001), "Swaledale Primary", "Outstanding", DateTimeOffset.UnixEpoch);
        return new Designation(application, Start, "Margaret Thompson");
    }

    private static Designation In(S state)
    {
        var d = Active();
        switch (state)
        {
            case S.Suspended: d.Apply(M.Suspend, A.AllianceManager, Start, "M", note: "Under investigation."); break;
            case S.Expired: d.Apply(M.Expire, A.System, End.AddDays(1), "system"); break;
            case S.ReDesignated: d.Apply(M.ReDesignate, A.System, End, "M"); break;
            case S.DeDesignated: d.Apply(M.DeDesignate, A.AllianceManager, Start, "M", DeDesignationReason.Conduct, "Breach of conduct."); break;
        }
        Assert.Equal(state, d.State);
        return d;
    }

    [Fact]
    public void The_table_is_exactly_the_lifecycle_DOMAIN_md_describes() =>
        Assert.Equal(Expected.OrderBy(x => x.ToString()), DesignationWorkflow.Transitions.Select(t => (t.From, t.Move, t.To, t.Actor)).OrderBy(x => x.ToString()));

    public static TheoryData<S, M, A> AllCombinations()
    {
        var data = new TheoryData<S, M, A>();
        foreach (var s in Enum.GetValues<S>())
        foreach (var m in Enum.GetValues<M>())
        foreach (var a in new[] { A.AllianceManager, A.System, A.Applicant })
            data.Add(s, m, a);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void A_move_outside_the_table_is_refused_and_changes_nothing(S state, M move, A actor)
    {
        if (Expected.Any(e => e.From == state && e.Move == move && e.Actor == actor)) return;
        var designation = In(state);
        var refused = Assert.Throws<NotAllowedException>(() =>
            designation.Apply(move, actor, End.AddDays(2), "M", DeDesignationReason.Conduct, "A note."));
        Assert.Equal($"This designation is {DesignationWorkflow.Display(state).ToLowerInvariant()}: it cannot be moved that way now.", refused.Message);
        Assert.Equal(state, designation.State);
    }

    [Fact]
    public void Suspending_needs_a_reason_and_reinstating_clears_it()
    {
        var designation = Active();
        Assert.Equal("Say why the designation is suspended.",
            Assert.Throws<NotAllowedException>(() => designation.Apply(M.Suspend, A.AllianceManager, Start, "M", note: " ")).Message);
        Assert.Equal(S.Active, designation.State);
        designation.Apply(M.Suspend, A.AllianceManager, Start, "M", note: "  Complaint under review.  ");
        Assert.Equal((S.Suspended, "Complaint under review."), (designation.State, designation.EndNote));
        Assert.True(designation.IsCurrent);
        designation.Apply(M.Reinstate, A.AllianceManager, Start, "M");
        Assert.Equal((S.Active, (string?)null), (designation.State, designation.EndNote));
    }

    [Theory]
    [InlineData(S.Active)]
    [InlineData(S.Suspended)]
    public void De_designation_needs_a_reason_and_a_note_and_records_date_and_decision_maker(S from)
    {
        var designation = In(from);
        Assert.Equal("Choose the reason for de-designation.",
            Assert.Throws<NotAllowedException>(() => designation.Apply(M.DeDesignate, A.AllianceManager, Start.AddDays(10), "M", null, "Left the school.")).Message);
        Assert.Equal("Say what led to the de-designation.",
            Assert.Throws<NotAllowedException>(() => designation.Apply(M.DeDesignate, A.AllianceManager, Start.AddDays(10), "M", DeDesignationReason.CircumstancesChanged, "")).Message);
        Assert.Equal(from, designation.State);

        designation.Apply(M.DeDesignate, A.AllianceManager, Start.AddDays(10), "Margaret Thompson", DeDesignationReason.CircumstancesChanged, " Left the school. ");
        Assert.Equal(S.DeDesignated, designation.State);
        Assert.Equal(DeDesignationReason.CircumstancesChanged, designation.EndReason);
        Assert.Equal("Left the school.", designation.EndNote);
        Assert.Equal(Start.AddDays(10), designation.EndedOn);
        Assert.Equal("Margaret Thompson", designation.EndedByName);
        Assert.False(designation.IsCurrent);
        Assert.Empty(DesignationWorkflow.MovesFor(S.DeDesignated, A.AllianceManager));
    }

    [Fact]
    public void A_note_over_4000_characters_is_refused() =>
        Assert.Equal("The note must be 4,000 characters or fewer.", Assert.Throws<NotAllowedException>(() =>
            Active().Apply(M.Suspend, A.AllianceManager, Start, "M", note: new string('n', 4001))).Message);

    [Fact]
    public void A_designation_expires_only_after_its_end_date()
    {
        var designation = Active();
        Assert.Equal("This designation has not reached its end date.",
            Assert.Throws<NotAllowedException>(() => designation.Apply(M.Expire, A.System, End, "system")).Message);
        Assert.Equal(S.Active, designation.State);
        designation.Apply(M.Expire, A.System, End.AddDays(1), "system");
        Assert.Equal((S.Expired, (DateOnly?)End), (designation.State, designation.EndedOn));
    }

    [Fact]
    public void A_designation_with_no_end_date_never_expires() =>
        Assert.Throws<NotAllowedException>(() => Active(Presets.Lle).Apply(M.Expire, A.System, Start.AddYears(20), "system"));

    [Fact]
    public void A_manager_cannot_expire_or_re_designate_by_hand()
    {
        Assert.Throws<NotAllowedException>(() => Active().Apply(M.Expire, A.AllianceManager, End.AddDays(1), "M"));
        Assert.Throws<NotAllowedException>(() => Active().Apply(M.ReDesignate, A.AllianceManager, End, "M"));
        Assert.DoesNotContain(DesignationWorkflow.MovesFor(S.Active, A.AllianceManager), t => t.Move is M.Expire or M.ReDesignate);
    }

    [Fact]
    public void An_expired_designation_can_still_be_renewed()
    {
        var designation = In(S.Expired);
        designation.Apply(M.ReDesignate, A.System, End.AddDays(30), "Margaret Thompson");
        Assert.Equal((S.ReDesignated, (DateOnly?)End.AddDays(30), "Margaret Thompson"), (designation.State, designation.EndedOn, designation.EndedByName));
    }

    [Theory]
    [InlineData(91, false)]
    [InlineData(90, true)]
    [InlineData(1, true)]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public void A_designation_is_expiring_soon_from_exactly_90_days_before_its_end(int daysBeforeEnd, bool soon) =>
        Assert.Equal(soon, Active().IsExpiringSoon(End.AddDays(-daysBeforeEnd)));

    [Fact]
    public void Only_an_active_designation_is_expiring_soon() =>
        Assert.False(In(S.Suspended).IsExpiringSoon(End.AddDays(-10)));

    [Theory]
    [InlineData(S.DeDesignated, "De-designated")]
    [InlineData(S.ReDesignated, "Re-designated")]
    [InlineData(S.Active, "Active")]
    public void States_read_as_words(S state, string text) => Assert.Equal(text, DesignationWorkflow.Display(state));

    [Fact]
    public void Every_de_designation_reason_reads_as_words() =>
        Assert.Equal(["No longer eligible", "Conduct", "Circumstances changed", "Quality of support"],
            Enum.GetValues<DeDesignationReason>().Select(DesignationWorkflow.Display));

    [Fact]
    public void A_change_of_circumstances_flags_a_current_designation_for_review_but_not_an_ended_one()
    {
        var current = Active();
        current.FlagForReview(new string('w', 600), DateTimeOffset.UnixEpoch);
        Assert.Equal(500, current.ReviewFlag!.Length);
        current.ClearReview();
        Assert.Null(current.ReviewFlag);

        var ended = In(S.DeDesignated);
        ended.FlagForReview("Moved school", DateTimeOffset.UnixEpoch);
        Assert.Null(ended.ReviewFlag);
    }

    [Fact]
    public void Training_is_completed_item_by_item()
    {
        var designation = Active();
        foreach (var item in designation.Training.Select(t => t.Name).ToList()) designation.CompleteTraining(item, Start);
        Assert.True(designation.TrainingComplete);
        Assert.Equal("'Yoga' is not a training item of this designation.",
            Assert.Throws<NotAllowedException>(() => designation.CompleteTraining("Yoga", Start)).Message);
        Assert.Throws<NotAllowedException>(() => designation.CompleteTraining("Induction", Start.AddYears(-2)));
    }
}

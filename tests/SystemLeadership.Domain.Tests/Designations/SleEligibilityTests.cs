using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Tests.Designations;

public class SleEligibilityTests
{
    private static readonly string[] Maths = ["Maths"];

    private static IReadOnlyList<string> Unmet(LeadershipRole? role, int months, params string[] specialisms) =>
        Presets.Sle.Eligibility.UnmetReasons(new ApplicantProfile(role, months, specialisms));

    [Fact]
    public void A_middle_leader_with_two_years_and_a_specialism_is_eligible() =>
        Assert.Empty(Unmet(LeadershipRole.MiddleLeader, 24, Maths));

    [Fact]
    public void One_year_eleven_months_in_leadership_is_one_month_short()
    {
        var reason = Assert.Single(Unmet(LeadershipRole.MiddleLeader, 23, Maths));
        Assert.Equal("You need to have been in a leadership role for at least 2 years; you have 1 year 11 months.", reason);
    }

    [Fact]
    public void Exactly_two_years_in_leadership_is_enough() =>
        Assert.Empty(Unmet(LeadershipRole.AssistantHeadteacher, 24, Maths));

    [Fact]
    public void A_headteacher_is_refused_with_the_seed_reason_and_no_second_role_reason()
    {
        var reason = Assert.Single(Unmet(LeadershipRole.Headteacher, 120, Maths));
        Assert.Contains("other than headteacher", reason);
    }

    [Fact]
    public void A_higher_level_teaching_assistant_is_not_eligible_to_apply()
    {
        var reason = Assert.Single(Unmet(LeadershipRole.HigherLevelTeachingAssistant, 36, Maths));
        Assert.Equal("Higher level teaching assistants are not eligible to apply.", reason);
    }

    [Fact]
    public void A_classroom_teacher_is_told_the_role_must_be_a_leadership_role()
    {
        var reason = Assert.Single(Unmet(LeadershipRole.ClassroomTeacher, 36, Maths));
        Assert.Contains("middle or senior leaders", reason);
    }

    [Fact]
    public void No_specialism_is_its_own_reason() =>
        Assert.Equal(["You must have at least 1 specialism from the DfE areas of expertise."], Unmet(LeadershipRole.SeniorLeader, 30));

    [Fact]
    public void A_specialism_outside_the_DfE_list_does_not_count() =>
        Assert.Single(Unmet(LeadershipRole.SeniorLeader, 30, "Underwater basket weaving"));

    [Fact]
    public void Every_unmet_rule_is_listed_not_just_the_first()
    {
        var reasons = Unmet(LeadershipRole.HigherLevelTeachingAssistant, 23);
        Assert.Equal(3, reasons.Count);
        Assert.Contains(reasons, r => r.Contains("1 year 11 months"));
        Assert.Contains(reasons, r => r.Contains("Higher level teaching assistants"));
        Assert.Contains(reasons, r => r.Contains("specialism"));
    }

    [Fact]
    public void Having_no_role_chosen_asks_for_one() =>
        Assert.Contains("Tell us your current role.", Unmet(null, 24, Maths));

    [Theory]
    [InlineData(1, "1 month")]
    [InlineData(12, "1 year")]
    [InlineData(13, "1 year 1 month")]
    [InlineData(26, "2 years 2 months")]
    public void Lengths_of_time_read_naturally(int months, string expected) =>
        Assert.Equal(expected, Duration.Describe(months));
}

using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Tests.Designations;

/// <summary>Every rule of every preset at its boundaries, with the seeds' wording where the preset gives it (001, 003 §2–§6, 004).</summary>
public class PresetEligibilityTests
{
    private static readonly string[] Maths = ["Maths"];
    private const int OutstandingSchool = 100001;

    private static IReadOnlyList<string> Unmet(SchemeDefinition scheme, LeadershipRole? role, int months, string[]? specialisms = null,
        int? urn = OutstandingSchool, string? rating = "Outstanding") =>
        scheme.Eligibility.UnmetReasons(new ApplicantProfile(role, months, specialisms ?? Maths, urn, rating));

    public static TheoryData<LeadershipRole> AllRoles()
    {
        var data = new TheoryData<LeadershipRole>();
        foreach (var role in Enum.GetValues<LeadershipRole>()) data.Add(role);
        return data;
    }

    [Fact]
    public void Every_preset_would_pass_the_checks_a_tenant_scheme_must_pass()
    {
        foreach (var preset in Presets.All.Append(Presets.Nss))
        {
            Assert.True(preset.Problems().Count == 0, $"{preset.ShortName}: {string.Join(" ", preset.Problems())}");
        }
    }

    // ---- SLE (001, 003 §2) ----

    [Theory]
    [InlineData(LeadershipRole.MiddleLeader)]
    [InlineData(LeadershipRole.SeniorLeader)]
    [InlineData(LeadershipRole.DeputyHeadteacher)]
    [InlineData(LeadershipRole.AssistantHeadteacher)]
    public void An_SLE_may_be_any_middle_or_senior_leader_below_head(LeadershipRole role) =>
        Assert.Empty(Unmet(Presets.Sle, role, 24));

    [Fact]
    public void An_SLE_one_month_short_of_two_years_is_told_how_long_they_have() =>
        Assert.Equal(["You need to have been in a leadership role for at least 2 years; you have 1 year 11 months."],
            Unmet(Presets.Sle, LeadershipRole.SeniorLeader, 23));

    [Fact]
    public void An_SLE_headteacher_is_refused_in_the_seeds_words() =>
        Assert.Equal(["Headteachers are not eligible: you need to have been in a leadership role other than headteacher."],
            Unmet(Presets.Sle, LeadershipRole.Headteacher, 120));

    [Fact]
    public void An_SLE_HLTA_is_refused_in_the_seeds_words() =>
        Assert.Equal(["Higher level teaching assistants are not eligible to apply."], Unmet(Presets.Sle, LeadershipRole.HigherLevelTeachingAssistant, 120));

    [Theory]
    [InlineData(LeadershipRole.ClassroomTeacher)]
    [InlineData(LeadershipRole.ChairOfGovernors)]
    public void An_SLE_must_hold_a_leadership_role(LeadershipRole role) =>
        Assert.Equal(["SLEs are middle or senior leaders: your current role must be a leadership role."], Unmet(Presets.Sle, role, 120));

    [Fact]
    public void An_SLE_needs_one_DfE_specialism_and_one_is_enough()
    {
        Assert.Equal(["You must have at least 1 specialism from the DfE areas of expertise."], Unmet(Presets.Sle, LeadershipRole.MiddleLeader, 24, []));
        Assert.Empty(Unmet(Presets.Sle, LeadershipRole.MiddleLeader, 24, ["Attendance"]));
    }

    [Theory]
    [InlineData("Requires improvement")]
    [InlineData("Inadequate")]
    [InlineData(null)]
    public void An_SLEs_school_need_not_be_outstanding(string? rating) =>
        Assert.Empty(Unmet(Presets.Sle, LeadershipRole.MiddleLeader, 24, rating: rating, urn: null));

    // ---- LLE (003 §3) ----

    [Fact]
    public void An_LLE_needs_three_years_headship_and_is_told_in_the_presets_words()
    {
        Assert.Equal(["LLEs need at least 3 years' headship; you have 2 years 11 months."], Unmet(Presets.Lle, LeadershipRole.Headteacher, 35, []));
        Assert.Empty(Unmet(Presets.Lle, LeadershipRole.Headteacher, 36, []));
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public void An_LLE_must_be_a_serving_headteacher(LeadershipRole role)
    {
        var unmet = Unmet(Presets.Lle, role, 60, []);
        if (role == LeadershipRole.Headteacher) Assert.Empty(unmet);
        else Assert.Equal(["LLEs are serving headteachers or principals."], unmet);
    }

    [Theory]
    [InlineData("Outstanding", true)]
    [InlineData("Good", true)]
    [InlineData("good", true)]
    [InlineData("Requires improvement", false)]
    [InlineData("Inadequate", false)]
    public void An_LLEs_school_must_be_rated_good_or_outstanding(string rating, bool allowed)
    {
        var unmet = Unmet(Presets.Lle, LeadershipRole.Headteacher, 36, [], rating: rating);
        if (allowed) Assert.Empty(unmet);
        else Assert.Equal([$"LLEs lead schools with good Ofsted outcomes: your school must be rated Outstanding or Good. GIAS records it as {rating}."], unmet);
    }

    [Fact]
    public void An_LLE_with_an_unrated_school_is_told_GIAS_has_no_rating() =>
        Assert.Equal(["LLEs lead schools with good Ofsted outcomes: your school must be rated Outstanding or Good. GIAS records it as not yet rated."],
            Unmet(Presets.Lle, LeadershipRole.Headteacher, 36, [], rating: null));

    [Fact]
    public void An_LLE_who_names_no_school_is_asked_for_its_URN() =>
        Assert.Equal(["Tell us your school's URN so we can check its Ofsted rating."], Unmet(Presets.Lle, LeadershipRole.Headteacher, 36, [], urn: null));

    [Fact]
    public void An_LLE_needs_no_specialism() => Assert.False(Presets.Lle.Eligibility.Needs(RuleKind.SpecialismRequired));

    // ---- NLE and NSS (003 §4) ----

    [Theory]
    [MemberData(nameof(AllRoles))]
    public void An_NLE_must_be_a_headteacher(LeadershipRole role)
    {
        var unmet = Unmet(Presets.Nle, role, 0, []);
        if (role == LeadershipRole.Headteacher) Assert.Empty(unmet);
        else Assert.Equal(["NLEs are headteachers: your current role must be headteacher or principal."], unmet);
    }

    [Theory]
    [InlineData("Outstanding", true)]
    [InlineData("Good", false)]
    [InlineData("Requires improvement", false)]
    [InlineData("Inadequate", false)]
    public void An_NLEs_school_must_be_outstanding_to_become_a_national_support_school(string rating, bool allowed)
    {
        var unmet = Unmet(Presets.Nle, LeadershipRole.Headteacher, 0, [], rating: rating);
        if (allowed) Assert.Empty(unmet);
        else Assert.Equal([$"Your school must be outstanding to become a national support school. GIAS records it as {rating}."], unmet);
    }

    [Theory]
    [InlineData("Outstanding", true)]
    [InlineData("Good", false)]
    public void A_national_support_school_must_be_outstanding(string rating, bool allowed)
    {
        var unmet = Unmet(Presets.Nss, null, 0, [], rating: rating);
        if (allowed) Assert.Empty(unmet);
        else Assert.Equal(["A national support school must be outstanding. GIAS records it as Good."], unmet);
    }

    // ---- NLG (003 §5) ----

    [Fact]
    public void An_NLG_needs_three_years_as_chair_within_the_last_five_in_the_presets_words()
    {
        Assert.Equal(["NLGs need at least 3 years as a chair of governors within the last 5 years; you have 2 years 11 months."],
            Unmet(Presets.Nlg, LeadershipRole.ChairOfGovernors, 35, [], urn: null));
        Assert.Empty(Unmet(Presets.Nlg, LeadershipRole.ChairOfGovernors, 36, [], urn: null));
    }

    [Fact]
    public void The_NLG_time_rule_is_bounded_by_a_five_year_window()
    {
        var rule = Assert.Single(Presets.Nlg.Rules, r => r.Kind == RuleKind.MinimumMonthsInRole);
        Assert.Equal(5, rule.WithinYears);
        Assert.Equal("At least 3 years in the role within the last 5 years", rule.Describe());
        // The window cannot be shorter than the time asked for: 5 years is 60 months, 61 cannot fit.
        Assert.Null(RuleSpec.MinimumMonths(60, withinYears: 5).Problem());
        Assert.Equal("The minimum time cannot be longer than the window it must fall within.", RuleSpec.MinimumMonths(61, withinYears: 5).Problem());
    }

    [Fact]
    public void A_within_window_rule_without_wording_says_so_in_plain_words() =>
        Assert.Equal("You need at least 3 years in the role within the last 5 years; you have 2 years.",
            RuleSpec.MinimumMonths(36, withinYears: 5).Check(new ApplicantProfile(LeadershipRole.ChairOfGovernors, 24, [])));

    [Theory]
    [MemberData(nameof(AllRoles))]
    public void An_NLG_must_be_a_chair_of_governors(LeadershipRole role)
    {
        var unmet = Unmet(Presets.Nlg, role, 36, [], urn: null);
        if (role == LeadershipRole.ChairOfGovernors) Assert.Empty(unmet);
        else Assert.Equal(["NLGs are chairs of governors: your current role must be chair of governors."], unmet);
    }

    [Fact]
    public void An_NLG_asks_the_headteacher_of_the_school_they_chair_for_a_reference()
    {
        var application = new DesignationApplication(Guid.NewGuid(), "u", "Grace Chair", "grace@example.org", Presets.Nlg);
        Assert.Equal("the headteacher of the school whose governing board you chair", application.RefereeDescription);
        Assert.Equal((10, 20), (Presets.Nlg.CommitmentDaysPerYearMin, Presets.Nlg.CommitmentDaysPerYearMax));
    }

    // ---- Teaching school (003 §6) ----

    [Theory]
    [MemberData(nameof(AllRoles))]
    public void A_teaching_school_is_applied_for_by_its_headteacher(LeadershipRole role)
    {
        var unmet = Unmet(Presets.TeachingSchool, role, 0, []);
        if (role == LeadershipRole.Headteacher) Assert.Empty(unmet);
        else Assert.Equal(["The headteacher applies on the school's behalf."], unmet);
    }

    [Theory]
    [InlineData("Outstanding", true)]
    [InlineData("Good", false)]
    [InlineData("Requires improvement", false)]
    [InlineData("Inadequate", false)]
    public void A_teaching_school_must_be_outstanding(string rating, bool allowed)
    {
        var unmet = Unmet(Presets.TeachingSchool, LeadershipRole.Headteacher, 0, [], rating: rating);
        if (allowed) Assert.Empty(unmet);
        else Assert.Equal([$"A teaching school must be outstanding. GIAS records it as {rating}."], unmet);
    }

    // ---- Alliance system leader (004) ----

    [Theory]
    [MemberData(nameof(AllRoles))]
    public void An_alliance_system_leader_is_a_middle_or_senior_leader_including_heads(LeadershipRole role)
    {
        var unmet = Unmet(Presets.AllianceSystemLeader, role, 24);
        if (role is LeadershipRole.ClassroomTeacher or LeadershipRole.HigherLevelTeachingAssistant or LeadershipRole.ChairOfGovernors)
            Assert.Equal(["System leaders are middle or senior leaders (including headteachers)."], unmet);
        else Assert.Empty(unmet);
    }

    [Fact]
    public void An_alliance_system_leader_needs_two_years_leadership()
    {
        Assert.Equal(["You need to have been in a leadership role for at least 2 years; you have 1 year 11 months."],
            Unmet(Presets.AllianceSystemLeader, LeadershipRole.MiddleLeader, 23));
        Assert.Empty(Unmet(Presets.AllianceSystemLeader, LeadershipRole.MiddleLeader, 24));
    }

    [Fact]
    public void An_alliance_system_leader_needs_an_area_of_expertise() =>
        Assert.Equal(["You must have at least 1 specialism from the DfE areas of expertise."], Unmet(Presets.AllianceSystemLeader, LeadershipRole.MiddleLeader, 24, []));

    [Fact]
    public void An_alliance_system_leader_needs_one_signed_reference_and_an_interview_and_no_particular_school_grade()
    {
        Assert.Equal(1, Presets.AllianceSystemLeader.ReferencesRequired);
        Assert.True(Presets.AllianceSystemLeader.InterviewRequired);
        Assert.Empty(Unmet(Presets.AllianceSystemLeader, LeadershipRole.MiddleLeader, 24, rating: "Inadequate"));
    }

    // ---- Specialism counts (tenant schemes) ----

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void A_scheme_asking_for_two_specialisms_counts_only_DfE_areas(int known, bool eligible)
    {
        var rule = RuleSpec.Specialisms(2);
        var areas = Specialisms.All.Take(known).Append("Underwater basket weaving").ToArray();
        var reason = rule.Check(new ApplicantProfile(LeadershipRole.MiddleLeader, 24, areas));
        if (eligible) Assert.Null(reason);
        else Assert.Equal("You must have at least 2 specialisms from the DfE areas of expertise.", reason);
    }

    [Fact]
    public void The_DfE_areas_are_the_four_groups_of_seed_001()
    {
        Assert.Equal(["Leadership and management", "Pupil achievement", "Quality of teaching", "Behaviour and safety"], Specialisms.Groups.Select(g => g.Name));
        Assert.Equal(27, Specialisms.All.Count);
        Assert.True(Specialisms.IsKnown("Phonics"));
        Assert.False(Specialisms.IsKnown("phonics"));
    }
}

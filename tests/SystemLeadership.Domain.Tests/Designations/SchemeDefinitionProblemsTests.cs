using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Tests.Designations;

/// <summary>A tenant's own scheme (ECT mentors, moderators, evidence leads…) is saved only when it has no problems, and is refused with all of them.</summary>
public class SchemeDefinitionProblemsTests
{
    private static SchemeDefinition Valid() => new(
        DesignationType.TenantScheme, "ECT mentor", "ECTM",
        [RuleSpec.MinimumMonths(12), RuleSpec.RoleIs("Mentors are teachers or leaders.", LeadershipRole.ClassroomTeacher, LeadershipRole.MiddleLeader)],
        PeriodMonths: 24, Training: ["Mentor training"], DayRatePence: 25_000, HeadteacherDayRatePence: null, DesignatedBy.Tenant);

    private static void AssertOnly(string problem, SchemeDefinition scheme) => Assert.Equal([problem], scheme.Problems());

    [Fact]
    public void A_well_formed_scheme_has_no_problems() => Assert.Empty(Valid().Problems());

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_scheme_needs_a_name(string name) => AssertOnly("Give the scheme a name.", Valid() with { Name = name });

    [Fact]
    public void A_name_of_120_characters_is_allowed_and_121_is_not()
    {
        Assert.Empty((Valid() with { Name = new string('n', 120) }).Problems());
        AssertOnly("The name must be 120 characters or fewer.", Valid() with { Name = new string('n', 121) });
    }

    [Fact]
    public void A_scheme_needs_a_short_name_of_at_most_12_characters()
    {
        AssertOnly("Give the scheme a short name (for example ECTM).", Valid() with { ShortName = " " });
        Assert.Empty((Valid() with { ShortName = new string('S', 12) }).Problems());
        AssertOnly("The short name must be 12 characters or fewer.", Valid() with { ShortName = new string('S', 13) });
    }

    [Fact]
    public void A_scheme_needs_between_one_and_twenty_rules()
    {
        AssertOnly("Choose at least one eligibility rule.", Valid() with { Rules = [] });
        Assert.Empty((Valid() with { Rules = Enumerable.Repeat(RuleSpec.MinimumMonths(12), 20).ToList() }).Problems());
        AssertOnly("A scheme can have at most 20 rules.", Valid() with { Rules = Enumerable.Repeat(RuleSpec.MinimumMonths(12), 21).ToList() });
    }

    public static TheoryData<RuleSpec, string> BadRules() => new()
    {
        { RuleSpec.MinimumMonths(0), "Minimum time in role must be between 1 month and 40 years." },
        { RuleSpec.MinimumMonths(481), "Minimum time in role must be between 1 month and 40 years." },
        { RuleSpec.MinimumMonths(12, withinYears: 0), "\"Within the last\" must be between 1 and 40 years." },
        { RuleSpec.MinimumMonths(12, withinYears: 41), "\"Within the last\" must be between 1 and 40 years." },
        { RuleSpec.MinimumMonths(37, withinYears: 3), "The minimum time cannot be longer than the window it must fall within." },
        { new RuleSpec(RuleKind.RoleMustBe), "Choose at least one role." },
        { new RuleSpec(RuleKind.RoleMustNotBe, Roles: []), "Choose at least one role." },
        { RuleSpec.Specialisms(0), "Required specialisms must be between 1 and 10." },
        { RuleSpec.Specialisms(11), "Required specialisms must be between 1 and 10." },
        { new RuleSpec(RuleKind.SchoolOfstedGrade, Grades: []), "Choose at least one Ofsted grade." },
        { RuleSpec.SchoolRated("Only the best.", "Outstanding", "Excellent"), "Ofsted grades must be Outstanding, Good, Requires improvement or Inadequate." },
        { RuleSpec.References(0), "References required must be between 1 and 3." },
        { RuleSpec.References(4), "References required must be between 1 and 3." },
        { RuleSpec.RoleIs(new string('w', 301), LeadershipRole.MiddleLeader), "A rule's wording must be 300 characters or fewer." },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public void A_rule_out_of_range_is_refused_with_its_reason(RuleSpec rule, string problem) =>
        AssertOnly(problem, Valid() with { Rules = [rule] });

    public static TheoryData<RuleSpec> EdgeRules() =>
    [
        RuleSpec.MinimumMonths(1), RuleSpec.MinimumMonths(480), RuleSpec.MinimumMonths(12, withinYears: 1), RuleSpec.MinimumMonths(480, withinYears: 40),
        RuleSpec.Specialisms(1), RuleSpec.Specialisms(10), RuleSpec.References(1), RuleSpec.References(3),
        RuleSpec.SchoolRated(new string('w', 300), "Inadequate"),
    ];

    [Theory]
    [MemberData(nameof(EdgeRules))]
    public void A_rule_at_the_edge_of_its_range_is_accepted(RuleSpec rule) => Assert.Empty((Valid() with { Rules = [rule] }).Problems());

    [Fact]
    public void The_number_of_references_is_said_once() =>
        AssertOnly("Say how many references are required once.", Valid() with { Rules = [RuleSpec.References(1), RuleSpec.References(2)] });

    [Fact]
    public void Role_rules_that_exclude_every_role_they_allow_are_refused() =>
        AssertOnly("The role rules exclude every role they allow, so nobody could apply.", Valid() with
        {
            Rules = [RuleSpec.RoleIs("Heads only.", LeadershipRole.Headteacher), RuleSpec.RoleIsNot(LeadershipRole.Headteacher, "No heads.")],
        });

    [Fact]
    public void Role_rules_that_leave_someone_able_to_apply_are_accepted() =>
        Assert.Empty((Valid() with
        {
            Rules = [RuleSpec.RoleIs("Leaders.", LeadershipRole.Headteacher, LeadershipRole.MiddleLeader), RuleSpec.RoleIsNot(LeadershipRole.Headteacher, "No heads.")],
        }).Problems());

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(120, true)]
    [InlineData(121, false)]
    public void The_period_is_between_a_month_and_ten_years(int months, bool ok)
    {
        var problems = (Valid() with { PeriodMonths = months }).Problems();
        if (ok) Assert.Empty(problems);
        else Assert.Equal(["The period must be between 1 month and 10 years."], problems);
    }

    [Fact]
    public void A_scheme_may_have_no_fixed_period() => Assert.Empty((Valid() with { PeriodMonths = null }).Problems());

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(200_000, true)]
    [InlineData(200_001, false)]
    public void Day_rates_are_between_nothing_and_two_thousand_pounds(int pence, bool ok)
    {
        var ordinary = (Valid() with { DayRatePence = pence }).Problems();
        var head = (Valid() with { HeadteacherDayRatePence = pence }).Problems();
        if (ok)
        {
            Assert.Empty(ordinary);
            Assert.Empty(head);
        }
        else
        {
            Assert.Equal(["The day rate must be between £0 and £2,000."], ordinary);
            Assert.Equal(["The headteacher day rate must be between £0 and £2,000."], head);
        }
    }

    [Fact]
    public void Each_training_item_needs_a_name_of_at_most_200_characters()
    {
        AssertOnly("Each training item needs a name of 200 characters or fewer.", Valid() with { Training = [" "] });
        AssertOnly("Each training item needs a name of 200 characters or fewer.", Valid() with { Training = [new string('t', 201)] });
        Assert.Empty((Valid() with { Training = [new string('t', 200)] }).Problems());
    }

    [Fact]
    public void The_description_is_at_most_2000_characters()
    {
        Assert.Empty((Valid() with { Description = new string('d', 2000) }).Problems());
        AssertOnly("The description must be 2,000 characters or fewer.", Valid() with { Description = new string('d', 2001) });
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var problems = (Valid() with
        {
            Name = "",
            ShortName = "",
            Rules = [RuleSpec.Specialisms(0), RuleSpec.References(9)],
            PeriodMonths = 0,
            DayRatePence = -5,
            Training = [""],
        }).Problems();
        Assert.Equal(
        [
            "Give the scheme a name.",
            "Give the scheme a short name (for example ECTM).",
            "Required specialisms must be between 1 and 10.",
            "References required must be between 1 and 3.",
            "The period must be between 1 month and 10 years.",
            "The day rate must be between £0 and £2,000.",
            "Each training item needs a name of 200 characters or fewer.",
        ], problems);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "ECTM", null)]
    [InlineData("ECT mentor", "<b>E</b>", null)]
    [InlineData("ECT mentor", "ECTM", "Mentors <img src=x onerror=alert(1)>")]
    public void Markup_in_a_schemes_words_is_refused_because_they_go_into_emails(string name, string shortName, string? description) =>
        Assert.Contains("Use plain text: tags such as <script> are not allowed.",
            (Valid() with { Name = name, ShortName = shortName, Description = description }).Problems());

    [Fact]
    public void Markup_in_a_rules_wording_or_a_training_item_is_refused()
    {
        Assert.Contains("Use plain text: tags such as <script> are not allowed.",
            (Valid() with { Rules = [RuleSpec.RoleIs("<script>x</script>", LeadershipRole.MiddleLeader)] }).Problems());
        Assert.Contains("Use plain text: tags such as <script> are not allowed.", (Valid() with { Training = ["<iframe>"] }).Problems());
    }

    [Fact]
    public void Saving_a_scheme_refuses_it_whole_with_every_reason()
    {
        var refused = Assert.Throws<InvalidInputException>(() => new Scheme(Guid.NewGuid(), Valid() with { Name = "", PeriodMonths = 0 }, DateTimeOffset.UnixEpoch));
        Assert.Equal(["Give the scheme a name.", "The period must be between 1 month and 10 years."], refused.Problems);
        Assert.Equal("Give the scheme a name. The period must be between 1 month and 10 years.", refused.Message);
    }

    [Fact]
    public void A_saved_scheme_is_always_the_tenants_own_whatever_the_form_sent()
    {
        var scheme = new Scheme(Guid.NewGuid(), Valid() with { Type = DesignationType.SpecialistLeaderOfEducation, DesignatedBy = DesignatedBy.College, Name = "  ECT mentor  " }, DateTimeOffset.UnixEpoch);
        Assert.Equal(DesignationType.TenantScheme, scheme.Definition.Type);
        Assert.Equal(DesignatedBy.Tenant, scheme.Definition.DesignatedBy);
        Assert.Equal("ECT mentor", scheme.Name);
        Assert.True(scheme.IsOpen);
    }
}

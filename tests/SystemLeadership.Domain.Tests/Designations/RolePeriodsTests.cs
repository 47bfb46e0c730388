using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Tests.Designations;

/// <summary>NLG (003 §5): "3 years as chair within the last 5", decided from dated periods of chairmanship.</summary>
public class RolePeriodsTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);
    private static readonly RuleSpec NlgRule = Presets.Nlg.Rules.Single(r => r.Kind == RuleKind.MinimumMonthsInRole);

    private static ApplicantProfile Chair(params RolePeriod[] periods) =>
        new(LeadershipRole.ChairOfGovernors, 0, [], 100, "Good", periods, Today);

    [Fact]
    public void A_chairmanship_ending_exactly_five_years_ago_counts_only_its_last_day()
    {
        var ended = new RolePeriod("Ash Primary", new DateOnly(2015, 9, 1), Today.AddYears(-5));
        Assert.Equal(0, Chair(ended).MonthsFor(NlgRule));
        Assert.Equal("NLGs need at least 3 years as a chair of governors within the last 5 years; you have 0 months between 5 December 2021 and 5 December 2026 from the periods you entered.",
            NlgRule.Check(Chair(ended)));
    }

    [Fact]
    public void Three_years_within_the_window_to_the_day_meets_the_rule_and_a_day_less_does_not()
    {
        var three = new RolePeriod("Ash Primary", new DateOnly(2021, 12, 5), new DateOnly(2024, 12, 4));
        Assert.Equal(36, Chair(three).MonthsFor(NlgRule));
        Assert.Null(NlgRule.Check(Chair(three)));
        var lessADay = three with { To = new DateOnly(2024, 12, 3) };
        Assert.Equal(35, Chair(lessADay).MonthsFor(NlgRule));
        Assert.NotNull(NlgRule.Check(Chair(lessADay)));
    }

    [Fact]
    public void Overlapping_chairmanships_of_two_schools_count_once()
    {
        var a = new RolePeriod("Ash Primary", new DateOnly(2022, 1, 1), new DateOnly(2023, 12, 31));
        var b = new RolePeriod("Beck Federation", new DateOnly(2023, 1, 1), null);
        // 1 January 2022 to today: 4 years 11 months, however the two overlap.
        Assert.Equal(59, Chair(a, b).MonthsFor(NlgRule));
    }

    [Fact]
    public void Separate_part_months_add_up_by_their_days()
    {
        // Two stretches of 15 days each: a month of days in all.
        var a = new RolePeriod("Ash Primary", new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 15));
        var b = new RolePeriod("Beck Federation", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 15));
        Assert.Equal(1, Chair(a, b).MonthsFor(NlgRule));
    }

    [Fact]
    public void Without_dated_periods_the_typed_months_still_decide()
    {
        var typed = new ApplicantProfile(LeadershipRole.ChairOfGovernors, 36, [], 100, "Good");
        Assert.Null(NlgRule.Check(typed));
    }

    [Theory]
    [InlineData("", "2020-01-01", null, "Name the school whose board you chaired.")]
    [InlineData("Ash", "2027-01-01", null, "A period cannot start in the future.")]
    [InlineData("Ash", "2020-01-01", "2019-12-31", "A period cannot end before it starts.")]
    [InlineData("Ash", "2020-01-01", "2026-12-06", "A period cannot end in the future: leave the end empty while it goes on.")]
    public void A_period_that_cannot_be_saved_says_why(string school, string from, string? to, string problem)
    {
        var period = new RolePeriod(school, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(problem, period.Problem(Today));
    }

    [Fact]
    public void An_application_with_periods_is_judged_as_of_its_submission_and_records_the_time_in_role()
    {
        var application = new DesignationApplication(Guid.NewGuid(), "u", "Helen Marsh", "helen@governors.test", Presets.Nlg);
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.ChairOfGovernors, 0, [], 100, "Chair since 2019",
            RolePeriods: [new RolePeriod(" Ash Primary ", new DateOnly(2019, 9, 1), null)]), "Ash Primary", "Good", new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal("Ash Primary", Assert.Single(application.RolePeriods).School);
        Assert.Equal(87, application.MonthsInRole); // 1 September 2019 to 5 December 2026
        Assert.Empty(application.CriteriaUnmet);
    }
}

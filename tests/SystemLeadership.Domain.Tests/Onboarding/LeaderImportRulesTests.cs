using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Onboarding;

namespace SystemLeadership.Domain.Tests.Onboarding;

public class LeaderImportRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);
    private static readonly IReadOnlyList<OfferedScheme> Offered = [new(Presets.Sle, null), new(Presets.AllianceSystemLeader, null)];

    private static LeaderImportInput Row(string email = "ada@school.sch.uk", string days = "10", string start = "01/09/2025", string? end = null, string specialisms = "Maths") =>
        new(2, "Ada Lovelace", email, "sle", specialisms, "123456", start, end, days);

    [Fact]
    public void A_good_row_names_its_scheme_areas_and_half_days_and_takes_the_schemes_end_when_none_is_given()
    {
        var (row, problems) = LeaderImportRules.Check(Row(days: "7.5", specialisms: "maths; Early Years"), Offered, Today);
        Assert.Empty(problems);
        Assert.Equal(Presets.Sle, row!.Scheme);
        Assert.Equal(["Maths", "Early years"], row.Specialisms);
        Assert.Equal(15, row.HalfDaysPerTerm);
        Assert.Equal(new DateOnly(2029, 8, 31), row.End);
    }

    [Theory]
    [InlineData("o'brien@school.sch.uk", "Email")]
    [InlineData("not-an-email", "Email")]
    public void An_address_that_could_not_be_a_sign_in_name_is_refused(string email, string column) =>
        Assert.Equal(column, Assert.Single(LeaderImportRules.Check(Row(email: email), Offered, Today).Problems).Column);

    [Theory]
    [InlineData("60", true)]
    [InlineData("60.5", false)]
    [InlineData("0", true)]
    [InlineData("-1", false)]
    [InlineData("7.25", false)]
    public void Days_a_term_are_whole_or_half_days_up_to_60(string days, bool accepted) =>
        Assert.Equal(accepted, LeaderImportRules.Check(Row(days: days), Offered, Today).Problems.Count == 0);

    [Fact]
    public void A_designation_that_ended_yesterday_is_not_imported_and_one_ending_today_is()
    {
        Assert.Contains(LeaderImportRules.Check(Row(end: "04/12/2026"), Offered, Today).Problems, p => p.Column == "End date");
        Assert.Empty(LeaderImportRules.Check(Row(end: "05/12/2026"), Offered, Today).Problems);
        Assert.Contains(LeaderImportRules.Check(Row(start: "06/12/2026"), Offered, Today).Problems, p => p.Column == "Start date");
    }

    [Fact]
    public void An_sle_without_an_area_of_expertise_is_refused()
    {
        var problem = Assert.Single(LeaderImportRules.Check(Row(specialisms: ""), Offered, Today).Problems);
        Assert.Equal("Line 2, Specialisms: An SLE needs at least one area of expertise (separate several with ;).", problem.ToString());
    }
}

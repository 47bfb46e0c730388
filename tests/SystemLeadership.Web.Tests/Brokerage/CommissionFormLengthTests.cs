using SystemLeadership.Web.Components.Brokerage;

namespace SystemLeadership.Web.Tests.Brokerage;

/// <summary>A request's days have no fixed cap (an NLE may give up to full time for one to three years): at most full time over its weeks.</summary>
public class CommissionFormLengthTests
{
    private static List<string> DaysProblems(int weeks, decimal days) =>
        new CommissionFormValidator(new DateOnly(2026, 9, 1)).Validate(new CommissionForm { LengthWeeks = weeks, Days = days })
            .Errors.Where(e => e.PropertyName is nameof(CommissionForm.Days) or nameof(CommissionForm.LengthWeeks)).Select(e => e.ErrorMessage).ToList();

    [Fact]
    public void A_request_for_390_days_over_80_weeks_is_accepted() => Assert.Empty(DaysProblems(80, 390));

    [Fact]
    public void A_request_for_more_than_full_time_over_its_weeks_is_refused_beside_the_days() =>
        Assert.Equal(["That is more than full time over 8 weeks (at most 40 days)."], DaysProblems(8, 40.5m));

    [Fact]
    public void A_request_may_last_up_to_three_years() =>
        Assert.Equal(["The length is from 1 to 156 weeks (three years)."], DaysProblems(157, 10));
}

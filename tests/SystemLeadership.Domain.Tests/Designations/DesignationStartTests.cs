using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Tests.Designations;

public class DesignationStartTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);

    [Fact]
    public void A_new_designation_may_start_today_or_up_to_six_months_ahead_but_not_before_today()
    {
        Assert.Null(DesignationStart.Problem(Today, Today, null));
        Assert.Null(DesignationStart.Problem(Today.AddDays(DesignationStart.MaxDaysAhead), Today, null));
        Assert.NotNull(DesignationStart.Problem(Today.AddDays(DesignationStart.MaxDaysAhead + 1), Today, null));
        Assert.NotNull(DesignationStart.Problem(Today.AddDays(-1), Today, null));
    }

    [Fact]
    public void A_renewal_decided_while_the_current_one_runs_starts_the_day_after_it_ends_at_the_earliest()
    {
        var currentEnd = Today.AddDays(30);
        Assert.Equal(currentEnd.AddDays(1), DesignationStart.Earliest(Today, currentEnd));
        Assert.Equal("A re-designation starts after the current designation ends: on 5 January 2027 at the earliest.", DesignationStart.Problem(currentEnd, Today, currentEnd));
        Assert.Null(DesignationStart.Problem(currentEnd.AddDays(1), Today, currentEnd));
        // A renewal decided after the current one ended starts today.
        Assert.Equal(Today, DesignationStart.Earliest(Today, Today.AddDays(-3)));
    }
}

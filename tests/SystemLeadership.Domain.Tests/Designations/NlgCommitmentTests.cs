using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Tests.Designations;

/// <summary>The NLG's 10–20 days a year (003 §5) against the days delivered.</summary>
public class NlgCommitmentTests
{
    private static readonly DateOnly Designated = new(2025, 12, 15);

    [Fact]
    public void A_designation_year_runs_from_the_start_date_to_the_day_before_its_anniversary()
    {
        Assert.Equal((new DateOnly(2025, 12, 15), new DateOnly(2026, 12, 14)), NlgCommitment.YearHolding(Designated, new DateOnly(2026, 12, 14)));
        Assert.Equal((new DateOnly(2026, 12, 15), new DateOnly(2027, 12, 14)), NlgCommitment.YearHolding(Designated, new DateOnly(2026, 12, 15)));
    }

    [Theory]
    [InlineData(18, CommitmentStatus.WillEndShort)] // 9 days with a month to go
    [InlineData(20, CommitmentStatus.OnTrack)]      // 10 days
    [InlineData(40, CommitmentStatus.OnTrack)]      // 20 days
    [InlineData(41, CommitmentStatus.Over)]
    public void A_year_at_9_days_a_month_before_its_end_will_end_short_and_at_10_it_will_not(int halfDays, CommitmentStatus status)
    {
        var today = new DateOnly(2026, 11, 14);
        var year = NlgCommitment.For(Designated, today, [(new DateOnly(2026, 3, 2), halfDays)], []);
        Assert.Equal(status, year.Status(today));
    }

    [Fact]
    public void Days_still_agreed_within_the_year_count_towards_it_and_days_after_it_do_not()
    {
        var today = new DateOnly(2026, 11, 14);
        // 8 days left on a deployment running from today to 13 February 2027: the part to 14 December is in this year.
        var ahead = new DaysAhead(new DateOnly(2026, 10, 1), new DateOnly(2027, 2, 13), 16);
        var year = NlgCommitment.For(Designated, today, [(new DateOnly(2026, 3, 2), 12)], [ahead]);
        Assert.Equal(12, year.DeliveredHalfDays);
        Assert.Equal(16 * 31 / 92, year.AgreedAheadHalfDays);
        Assert.Equal(CommitmentStatus.WillEndShort, year.Status(today));
    }

    [Fact]
    public void Early_in_the_year_nobody_is_warned_however_few_the_days()
    {
        var today = new DateOnly(2026, 9, 14); // three months and a day before the year ends
        Assert.Equal(CommitmentStatus.OnTrack, NlgCommitment.For(Designated, today, [], []).Status(today));
        Assert.Equal(CommitmentStatus.WillEndShort, NlgCommitment.For(Designated, today.AddDays(1), [], []).Status(today.AddDays(1)));
    }

    [Fact]
    public void Days_delivered_in_an_earlier_year_do_not_count()
    {
        var today = new DateOnly(2027, 1, 10);
        var year = NlgCommitment.For(Designated, today, [(new DateOnly(2026, 12, 14), 20), (new DateOnly(2026, 12, 15), 2)], []);
        Assert.Equal(2, year.DeliveredHalfDays);
    }
}

using SystemLeadership.Domain.Reimbursement;

namespace SystemLeadership.Domain.Tests.Reimbursement;

public class MoneyTests
{
    [Theory]
    [InlineData(30_000, 2, 30_000)]
    [InlineData(30_000, 1, 15_000)]
    [InlineData(40_000, 5, 100_000)]
    [InlineData(30_001, 1, 15_001)]
    [InlineData(30_001, 3, 45_002)]
    [InlineData(0, 3, 0)]
    public void Pro_rata_pays_by_the_half_day_rounding_a_half_penny_up(int rate, int halfDays, long pence)
    {
        Assert.Equal(pence, Money.ProRata(rate, halfDays));
    }

    [Fact]
    public void The_scheme_rates_are_300_and_400_pounds_a_day()
    {
        Assert.Equal("£300.00", Money.Format(Money.DayRateFor(headteacher: false)));
        Assert.Equal("£400.00", Money.Format(Money.DayRateFor(headteacher: true)));
    }

    [Fact]
    public void Allocation_gives_leftover_pennies_to_the_largest_remainders_then_the_earliest()
    {
        Assert.Equal([34L, 33L, 33L], Money.Allocate(100, [1, 1, 1]));
        Assert.Equal([1L, 2L], Money.Allocate(3, [1, 2]));
        Assert.Equal([0L, 0L], Money.Allocate(0, [0, 0]));
    }

    [Fact]
    public void Claim_lines_add_up_to_the_claim_total_with_no_drift()
    {
        // An odd rate and many half-day lines: pricing each line alone would round every one up and drift.
        var lines = Enumerable.Range(0, 7)
            .Select(i => new ClaimLineInput(Guid.NewGuid(), Guid.NewGuid(), "Ada", "Ash Primary", new DateOnly(2026, 10, 1 + i), 1, 30_001))
            .ToList();
        var claim = new Claim(Guid.NewGuid(), 200, "Beck School", "2026-27 Autumn", lines, DateTimeOffset.UnixEpoch);
        Assert.Equal(Money.ProRata(30_001, 7), claim.TotalPence);
        Assert.Equal(105_004, claim.TotalPence);
        Assert.Equal(claim.TotalPence, claim.Lines.Sum(l => l.AmountPence));
        Assert.Equal(4, claim.Lines.Count(l => l.AmountPence == 15_001));
        Assert.Equal(3, claim.Lines.Count(l => l.AmountPence == 15_000));
    }

    [Fact]
    public void A_claim_with_two_rates_prices_each_rate_on_its_own_total()
    {
        List<ClaimLineInput> lines =
        [
            new(Guid.NewGuid(), Guid.NewGuid(), "Ada", "Ash Primary", new DateOnly(2026, 10, 1), 3, 30_000),
            new(Guid.NewGuid(), Guid.NewGuid(), "Head", "Ash Primary", new DateOnly(2026, 10, 2), 1, 40_000),
        ];
        var claim = new Claim(Guid.NewGuid(), 200, "Beck School", "2026-27 Autumn", lines, DateTimeOffset.UnixEpoch);
        Assert.Equal(45_000 + 20_000, claim.TotalPence);
        Assert.Equal(4, claim.TotalHalfDays);
    }

    [Theory]
    [InlineData(1, "half a day")]
    [InlineData(2, "1 day")]
    [InlineData(5, "2.5 days")]
    [InlineData(0, "0 days")]
    public void Half_days_read_as_days(int halfDays, string text)
    {
        Assert.Equal(text, HalfDays.Describe(halfDays));
    }
}

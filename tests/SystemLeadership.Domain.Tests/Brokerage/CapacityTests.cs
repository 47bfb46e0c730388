using SystemLeadership.Domain.Brokerage;

namespace SystemLeadership.Domain.Tests.Brokerage;

public class CapacityTests
{
    [Theory]
    [InlineData(2026, 9, 1, "2026-27 Autumn")]
    [InlineData(2026, 12, 31, "2026-27 Autumn")]
    [InlineData(2027, 1, 1, "2026-27 Spring")]
    [InlineData(2027, 3, 31, "2026-27 Spring")]
    [InlineData(2027, 4, 1, "2026-27 Summer")]
    [InlineData(2027, 8, 31, "2026-27 Summer")]
    public void A_date_falls_in_its_term(int y, int m, int d, string key)
    {
        Assert.Equal(key, SchoolTerm.Of(new DateOnly(y, m, d)).Key);
        Assert.Equal(SchoolTerm.Of(new DateOnly(y, m, d)), SchoolTerm.Parse(key));
    }

    [Fact]
    public void A_commitment_inside_one_term_is_all_held_in_that_term()
    {
        var spread = SchoolTerm.Spread(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30), 7);
        Assert.Equal([(SchoolTerm.Of(new DateOnly(2026, 10, 1)), 7)], spread);
    }

    [Fact]
    public void A_commitment_across_terms_is_spread_by_calendar_days_and_adds_up_exactly()
    {
        // 1 Dec–31 Jan: 31 days in autumn, 31 in spring; 5 half days split 3 + 2 (the tie goes to the earlier term).
        var spread = SchoolTerm.Spread(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31), 5);
        Assert.Equal([3, 2], spread.Select(s => s.HalfDays));
        Assert.Equal(5, spread.Sum(s => s.HalfDays));
    }

    [Fact]
    public void Free_days_are_capacity_less_commitments_and_never_negative()
    {
        Assert.Equal(6, Capacity.Free(10, 4));
        Assert.Equal(0, Capacity.Free(10, 10));
        Assert.Equal(0, Capacity.Free(10, 12));
    }

    [Fact]
    public void Using_exactly_the_last_free_days_is_allowed_and_half_a_day_more_is_short()
    {
        var term = SchoolTerm.Of(new DateOnly(2026, 10, 1));
        var committed = new Dictionary<SchoolTerm, int> { [term] = 6 };
        Assert.Empty(Capacity.Shortfalls(10, committed, [(term, 4)]));
        Assert.Equal([(term, 1)], Capacity.Shortfalls(10, committed, [(term, 5)]));
    }
}

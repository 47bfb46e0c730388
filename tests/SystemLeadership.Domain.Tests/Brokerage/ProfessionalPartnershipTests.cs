using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;

namespace SystemLeadership.Domain.Tests.Brokerage;

/// <summary>003 §3: about 20 to 30 hours of coaching and mentoring over a new head's first two years.</summary>
public class ProfessionalPartnershipTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 16, 0, 0, TimeSpan.Zero);

    private static ProfessionalPartnership Partnership(DateOnly? headshipStart = null) => new(Guid.NewGuid(), Guid.NewGuid(), "lle", "Lena Lee", "lena@school.test",
        "Nia New", "nia@ash.sch.uk", 100, "Ash Primary", headshipStart ?? new DateOnly(2026, 9, 1), "Bea Broker", Now);

    [Fact]
    public void Thirty_hours_can_be_logged_and_a_quarter_hour_more_cannot()
    {
        var p = Partnership();
        for (var i = 0; i < 5; i++) p.Log(new DateOnly(2026, 10, 1).AddDays(i), 6 * 60, null, Today, Now);
        Assert.Equal(ProfessionalPartnership.MostMinutes, p.LoggedMinutes);
        var refused = Assert.Throws<InvalidInputException>(() => p.Log(Today, 15, null, Today, Now));
        Assert.Equal("A partnership gives 20 to 30 hours: 30 hours are logged, so at most 0 hours more.", refused.Fields["Hours"]);
    }

    [Fact]
    public void It_ends_at_20_hours_and_not_a_quarter_hour_before_within_the_two_years()
    {
        var p = Partnership();
        p.Log(new DateOnly(2026, 10, 1), 8 * 60, null, Today, Now);
        p.Log(new DateOnly(2026, 10, 2), 8 * 60, null, Today, Now);
        p.Log(new DateOnly(2026, 10, 3), 3 * 60 + 45, null, Today, Now);
        var refused = Assert.Throws<NotAllowedException>(() => p.End(null, Today, Now));
        Assert.Equal("A partnership gives at least 20 hours: 19.75 hours are logged, and the head's two years run to 31 August 2028.", refused.Message);
        p.Log(new DateOnly(2026, 10, 4), 15, null, Today, Now);
        var token = p.End(null, Today, Now);
        Assert.Equal(PartnershipState.Ended, p.State);
        Assert.Equal(LinkToken.Hash(token), p.EvaluationTokenHash);
    }

    [Fact]
    public void Once_the_two_years_are_over_it_ends_with_fewer_hours()
    {
        var p = Partnership(new DateOnly(2024, 12, 6));
        p.Log(new DateOnly(2025, 1, 10), 60, null, Today, Now);
        Assert.Throws<NotAllowedException>(() => p.End(null, new DateOnly(2026, 12, 5), Now));
        p.End(null, new DateOnly(2026, 12, 6), Now);
        Assert.Equal(PartnershipState.Ended, p.State);
    }

    [Fact]
    public void Time_is_logged_only_once_given_and_within_the_heads_first_two_years()
    {
        var p = Partnership();
        Assert.Equal("Log time once it has been given: money and hours are only for what happened.",
            Assert.Throws<InvalidInputException>(() => p.Log(Today.AddDays(1), 60, null, Today, Now)).Fields["Date"]);
        Assert.Equal("The partnership covers 1 September 2026 to 31 August 2028, the head's first two years.",
            Assert.Throws<InvalidInputException>(() => p.Log(new DateOnly(2026, 8, 31), 60, null, Today, Now)).Fields["Date"]);
        Assert.Equal("Enter hours in quarter hours, from 0.25 to 8.",
            Assert.Throws<InvalidInputException>(() => p.Log(Today, 50, null, Today, Now)).Fields["Hours"]);
    }

    [Fact]
    public void A_headship_starting_in_the_year_9999_is_refused_in_words_not_with_an_error() =>
        Assert.Equal("Match a partner within six months before the headship begins.",
            ProfessionalPartnership.Problems("Nia", "nia@ash.sch.uk", true, new DateOnly(9999, 12, 31), Today)["HeadshipStart"]);

    [Fact]
    public void A_head_in_post_more_than_two_years_is_not_matched()
    {
        Assert.Equal("Partners support heads in their first two years of headship: that headship began more than two years ago.",
            ProfessionalPartnership.Problems("Nia", "nia@ash.sch.uk", true, Today.AddYears(-2), Today)["HeadshipStart"]);
        Assert.Empty(ProfessionalPartnership.Problems("Nia", "nia@ash.sch.uk", true, Today.AddYears(-2).AddDays(1), Today));
    }

    [Fact]
    public void The_evaluation_is_given_once_and_not_after_thirty_days()
    {
        var p = Partnership(new DateOnly(2024, 12, 6));
        p.End(null, Today.AddDays(1), Now);
        Assert.Equal("This link has expired: it was open for 30 days after the partnership ended.",
            Assert.Throws<NotAllowedException>(() => p.Evaluate(5, null, Now.AddDays(30).AddMinutes(1))).Message);
        p.Evaluate(4, "Invaluable in my first term.", Now.AddDays(30));
        Assert.Equal(4, p.EvaluationRating);
        Assert.Throws<NotAllowedException>(() => p.Evaluate(5, null, Now.AddDays(30)));
    }
}

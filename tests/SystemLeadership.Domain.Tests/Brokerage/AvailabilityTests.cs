using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Tests.Brokerage;

/// <summary>Free days counted in the terms the support falls in, a school's own days shared by its leaders, and days away.</summary>
public class AvailabilityTests
{
    private static readonly SchoolTerm Autumn = SchoolTerm.Of(new DateOnly(2026, 12, 1));
    private static readonly SchoolTerm Spring = Autumn.Next;

    private static Availability Time(int capacity = 10, Dictionary<SchoolTerm, int>? committed = null, int? school = null,
        Dictionary<SchoolTerm, int>? schoolCommitted = null, params DateSpan[] away) =>
        new(Guid.NewGuid(), capacity, committed ?? [], "Beck Primary", school, schoolCommitted ?? [], away);

    /// <summary>Support from <paramref name="start"/> to <paramref name="end"/>, spread over its terms as the search does.</summary>
    private static MatchRequest Request(DateOnly start, DateOnly end, int halfDays)
    {
        var spread = SchoolTerm.Spread(start, end, halfDays);
        return new(100, null, null, null, null, [], [], [], end, spread[0].HalfDays, start, spread);
    }

    private static LeaderCandidate Candidate(Availability time) => new(
        Guid.NewGuid(), Guid.NewGuid(), "user-ada", "Ada", DesignationType.SpecialistLeaderOfEducation, null, ["Maths"], 200, null, null, null, null,
        null, 30_000, time.FreeIn(SchoolTerm.Of(new DateOnly(2026, 12, 1))), [], 0, Availability: time);

    [Fact]
    public void Support_starting_on_the_first_day_of_spring_is_counted_against_spring_not_the_autumn_term_we_are_in()
    {
        // Autumn is full; spring is free. Support that starts on spring's first day fits.
        var time = Time(committed: new() { [Autumn] = 10 });
        var request = Request(Spring.Start, Spring.Start.AddDays(30), 4);
        Assert.Empty(Matching.Exclusions(request, Candidate(time)));
        // Support from the last twenty days of autumn falls partly in autumn, which has nothing left.
        var earlier = Request(Spring.Start.AddDays(-20), Spring.Start.AddDays(20), 4);
        Assert.Contains(Matching.Exclusions(earlier, Candidate(time)), r => r.StartsWith("Has 0 days free in the Autumn term", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_term_the_support_falls_in_is_checked()
    {
        var time = Time(committed: new() { [Spring] = 9 });
        var request = Request(Autumn.End.AddDays(-20), Spring.Start.AddDays(20), 8);
        var reasons = Matching.Exclusions(request, Candidate(time));
        Assert.Equal(["Has half a day free in the Spring term 2026–27; 2 days are needed."], reasons);
    }

    [Fact]
    public void A_school_shared_by_two_leaders_limits_both_once_its_days_are_spent()
    {
        // The school releases its leaders for 5 days a term in all; another of its leaders has 4 agreed this spring.
        var time = Time(capacity: 10, school: 10, schoolCommitted: new() { [Spring] = 8 });
        Assert.Equal(10, time.LeaderFreeIn(Spring));
        Assert.Equal(2, time.FreeIn(Spring));
        var request = Request(Spring.Start, Spring.Start.AddDays(20), 4);
        Assert.Equal(["Beck Primary can release its leaders for 1 day more in the Spring term 2026–27; 2 days are needed."],
            Matching.Exclusions(request, Candidate(time)));
        Assert.Empty(Matching.Exclusions(Request(Spring.Start, Spring.Start.AddDays(20), 2), Candidate(time)));
    }

    [Fact]
    public void A_leader_who_gives_no_days_is_told_why_not_left_out_silently()
    {
        var reasons = Matching.Exclusions(Request(Spring.Start, Spring.Start.AddDays(20), 2), Candidate(Time(capacity: 0)));
        Assert.Equal(["Gives no days a term: their profile says 0, so they cannot be deployed until they or a broker change it."], reasons);
    }

    [Fact]
    public void Away_on_the_day_support_starts_rules_a_leader_out_and_away_the_day_before_does_not()
    {
        var start = new DateOnly(2027, 1, 11);
        var onStart = Time(away: new DateSpan(new DateOnly(2027, 1, 4), start));
        Assert.Contains("Away 4 January to 11 January 2027 (their calendar), when the support is to start.",
            Matching.Exclusions(Request(start, start.AddDays(40), 4), Candidate(onStart)));
        var dayBefore = Time(away: new DateSpan(new DateOnly(2027, 1, 4), start.AddDays(-1)));
        Assert.Empty(Matching.Exclusions(Request(start, start.AddDays(40), 4), Candidate(dayBefore)));
    }

    [Fact]
    public void Away_on_every_weekday_of_the_support_rules_a_leader_out_even_when_the_weekend_is_free()
    {
        // Support from Saturday 16 to Sunday 24 January 2027; away Monday 18 to Friday 22.
        var time = Time(away: new DateSpan(new DateOnly(2027, 1, 18), new DateOnly(2027, 1, 22)));
        Assert.Contains("Away on every weekday of the support (their calendar).",
            Matching.Exclusions(Request(new DateOnly(2027, 1, 16), new DateOnly(2027, 1, 24), 1), Candidate(time)));
    }

    [Fact]
    public void Days_away_within_the_support_are_told_to_the_broker_in_the_free_days_factor()
    {
        var start = new DateOnly(2027, 1, 11);
        var time = Time(away: new DateSpan(new DateOnly(2027, 2, 15), new DateOnly(2027, 2, 19)));
        var request = Request(start, new DateOnly(2027, 3, 26), 4);
        var factor = Matching.FreeDays(request, Candidate(time));
        Assert.EndsWith("Away 15 February to 19 February 2027.", factor.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2027-01-10", "2027-01-09", "To", "The last day away is before the first.")]
    [InlineData("2026-11-01", "2026-11-30", "To", "That time is already over: mark days from today on.")]
    [InlineData("2027-01-01", "2028-01-02", "To", "Mark at most a year at a time.")]
    public void A_period_away_that_cannot_be_marked_says_why_beside_its_field(string from, string to, string field, string message)
    {
        var problems = AwayPeriod.Problems(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), null, new DateOnly(2026, 12, 4));
        Assert.Equal(message, problems[field]);
    }

    [Fact]
    public void A_year_to_the_day_and_one_day_today_can_be_marked()
    {
        var today = new DateOnly(2026, 12, 4);
        Assert.Empty(AwayPeriod.Problems(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), null, today));
        Assert.Empty(AwayPeriod.Problems(today, today, "Inspection", today));
    }

    [Fact]
    public void Days_a_term_cannot_go_below_what_is_already_agreed_in_a_term_ahead()
    {
        var input = new LeaderProfileInput(200, false, "Hal Head", "hal@beck.sch.uk", 3);
        Assert.Equal("4 days are already agreed in the Spring term 2026–27: days a term cannot be fewer.",
            LeaderProfileRules.Problems(input, "Beck Primary", [(Spring, 8)])["DaysPerTerm"]);
        Assert.Empty(LeaderProfileRules.Problems(input with { DaysPerTerm = 4 }, "Beck Primary", [(Spring, 8)]));
    }

    [Fact]
    public void A_profile_names_each_field_that_is_wrong()
    {
        var problems = LeaderProfileRules.Problems(new LeaderProfileInput(999, true, " ", "not an email", 2.3m), null, []);
        Assert.Equal("No school in Get Information about Schools has URN 999.", problems["SchoolUrn"]);
        Assert.Equal("Enter the name of the chair of governors who releases you.", problems["HeadteacherName"]);
        Assert.Equal("Enter the chair of governors' email address, like name@school.org.uk.", problems["HeadteacherEmail"]);
        Assert.Equal("Enter whole or half days, such as 5 or 7.5.", problems["DaysPerTerm"]);
    }
}

/// <summary>How a joint practice development session's time is claimed.</summary>
public class JpdRulesTests
{
    [Theory]
    [InlineData(0.5, 1)] // a short session is still half a day
    [InlineData(1.5, 1)]
    [InlineData(4.4, 1)]
    [InlineData(4.5, 2)] // half way rounds up
    [InlineData(6, 2)]
    [InlineData(7.5, 3)]
    public void Hours_are_claimed_in_half_days_of_three_hours_to_the_nearest(double hours, int halfDays) =>
        Assert.Equal(halfDays, SystemLeadership.Domain.Deployments.JpdRules.HalfDaysFor(null, (decimal)hours));

    [Fact]
    public void Days_are_claimed_as_given() => Assert.Equal(3, SystemLeadership.Domain.Deployments.JpdRules.HalfDaysFor(1.5m, null));

    [Fact]
    public void A_session_today_can_be_recorded_and_one_tomorrow_cannot()
    {
        var today = new DateOnly(2026, 12, 4);
        SystemLeadership.Domain.Deployments.JpdSessionInput Input(DateOnly date) => new(Guid.NewGuid(), "Phonics", date, 1, null, [100]);
        Assert.Empty(SystemLeadership.Domain.Deployments.JpdRules.Problems(Input(today), today, []));
        Assert.Equal("Record a session once it has happened: money is only for what happened.",
            SystemLeadership.Domain.Deployments.JpdRules.Problems(Input(today.AddDays(1)), today, [])["Date"]);
    }
}

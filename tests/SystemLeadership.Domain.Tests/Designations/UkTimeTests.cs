using SystemLeadership.Domain.Common;

namespace SystemLeadership.Domain.Tests.Designations;

public class UkTimeTests
{
    [Fact]
    public void Nine_in_the_morning_in_July_is_eight_o_clock_UTC()
    {
        var at = UkTime.ToInstant(new DateOnly(2027, 7, 6), new TimeOnly(9, 0));
        Assert.Equal(new DateTimeOffset(2027, 7, 6, 8, 0, 0, TimeSpan.Zero), at.ToUniversalTime());
        Assert.Equal("09:00", UkTime.Format(at, "HH:mm"));
    }

    [Fact]
    public void Nine_in_the_morning_in_December_is_nine_o_clock_UTC()
    {
        var at = UkTime.ToInstant(new DateOnly(2026, 12, 1), new TimeOnly(9, 0));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), at.ToUniversalTime());
        Assert.Equal("Tuesday 1 December 2026 at 09:00", UkTime.Format(at, "dddd d MMMM yyyy 'at' HH:mm"));
    }

    [Fact]
    public void Half_past_eleven_at_night_UTC_in_July_is_already_the_next_day_in_the_UK()
    {
        var at = new DateTimeOffset(2027, 7, 6, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2027, 7, 7), UkTime.Day(at));
        Assert.Equal(new DateOnly(2027, 7, 7), UkTime.Today(new FixedTime(at)));
    }

    [Fact]
    public void Half_past_eleven_at_night_UTC_in_December_is_still_that_day_in_the_UK()
    {
        Assert.Equal(new DateOnly(2026, 12, 1), UkTime.Day(new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero)));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

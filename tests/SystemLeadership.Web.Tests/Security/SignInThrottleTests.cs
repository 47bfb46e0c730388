using SystemLeadership.Web.Security;

namespace SystemLeadership.Web.Tests.Security;

/// <summary>Sign-in attempts are counted per account, from whatever address, in a sliding window.</summary>
public class SignInThrottleTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void The_eleventh_attempt_on_one_account_within_fifteen_minutes_is_refused_and_other_accounts_are_not_touched()
    {
        var clock = new Clock();
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < 10; i++) Assert.True(throttle.TryAttempt("ada@school.sch.uk"));
        Assert.False(throttle.TryAttempt("ada@school.sch.uk"));
        Assert.False(throttle.TryAttempt(" ADA@school.sch.uk "));
        Assert.True(throttle.TryAttempt("bob@school.sch.uk"));
    }

    [Fact]
    public void The_window_slides_so_the_oldest_attempt_frees_a_place_fifteen_minutes_later()
    {
        var clock = new Clock();
        var throttle = new SignInThrottle(clock);
        Assert.True(throttle.TryAttempt("ada@school.sch.uk"));
        clock.Now = clock.Now.AddMinutes(5);
        for (var i = 0; i < 9; i++) Assert.True(throttle.TryAttempt("ada@school.sch.uk"));
        clock.Now = clock.Now.AddMinutes(9).AddSeconds(59);
        Assert.False(throttle.TryAttempt("ada@school.sch.uk"));
        clock.Now = clock.Now.AddSeconds(1);
        Assert.True(throttle.TryAttempt("ada@school.sch.uk"));
        Assert.False(throttle.TryAttempt("ada@school.sch.uk"));
    }
}

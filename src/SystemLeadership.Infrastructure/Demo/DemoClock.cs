using SystemLeadership.Domain.Common;

namespace SystemLeadership.Infrastructure.Demo;

/// <summary>
/// The clock the demo's history is written on: the product's own use cases run on it, set to each step's day in turn,
/// so a request raised two terms ago carries that day in its audit and feed. It never runs past the real now.
/// </summary>
internal sealed class DemoClock(DateTimeOffset realNow) : TimeProvider
{
    private DateTimeOffset _now = realNow;

    public DateTimeOffset RealNow { get; } = realNow;

    public DateOnly Today => DateOnly.FromDateTime(UkTime.Local(RealNow));

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Sets the clock to this day at this UK time (or to the real now, if that is earlier).</summary>
    public DemoClock On(DateOnly day, int hour = 10)
    {
        var at = UkTime.ToInstant(day, new TimeOnly(hour, 0)).ToUniversalTime();
        _now = at < RealNow ? at : RealNow;
        return this;
    }

    /// <summary>This many days from today, moved back to the Friday before when it falls at a weekend.</summary>
    public DateOnly SchoolDay(int fromToday) => Weekday(Today.AddDays(fromToday));

    public static DateOnly Weekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(-1),
        DayOfWeek.Sunday => day.AddDays(-2),
        _ => day,
    };

    public static DateTimeOffset Morning(DateOnly day) => UkTime.ToInstant(day, new TimeOnly(9, 0)).ToUniversalTime();
}

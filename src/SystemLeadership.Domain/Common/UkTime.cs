using System.Globalization;

namespace SystemLeadership.Domain.Common;

/// <summary>
/// Schools keep UK time. Times are stored as instants (UTC); people type and read them in Europe/London time, so a
/// 09:00 visit in July is 09:00 in the calendar too. Falls back to UTC where the machine has no time-zone data.
/// </summary>
public static class UkTime
{
    private static readonly TimeZoneInfo Zone = Find();

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    /// <summary>The instant a UK wall-clock date and time stands for.</summary>
    public static DateTimeOffset ToInstant(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public static DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;

    /// <summary>The UK calendar day an instant falls on (between midnight and 1 am in summer, a day after UTC's).</summary>
    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(Local(at));

    /// <summary>Today in the UK, by the clock given.</summary>
    public static DateOnly Today(TimeProvider clock) => Day(clock.GetUtcNow());

    public static string Format(DateTimeOffset at, string pattern) => Local(at).ToString(pattern, CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace SystemLeadership.Web.Components.Shared;

/// <summary>Days typed as whole or half days (4, 4.5): the one reading of them for every form.</summary>
public static class HalfDayInput
{
    /// <summary>The number of half days, or null when the value is not a positive whole or half number of days.</summary>
    public static int? HalfDays(decimal? days) =>
        days is { } x && x > 0 && x <= 1000 && x * 2 == decimal.Truncate(x * 2) ? (int)(x * 2) : null;
}

/// <summary>UK dates (dd/mm/yyyy, or ISO yyyy-MM-dd) and 24-hour times, read the same way by every form.</summary>
public static class UkDateTime
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];
    private static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH:mm:ss"];

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>A date as the date fields show it: dd/mm/yyyy.</summary>
    public static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(string.IsNullOrWhiteSpace(text) ? null : text.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}

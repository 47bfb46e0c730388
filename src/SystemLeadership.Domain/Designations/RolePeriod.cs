namespace SystemLeadership.Domain.Designations;

/// <summary>
/// A dated period in the role a rule looks back over (an NLG's chairmanship of a school's governing board, 003 §5), as
/// the applicant enters it: the school, the first day and the last (none while it goes on).
/// </summary>
public sealed record RolePeriod(string School, DateOnly From, DateOnly? To)
{
    public const int SchoolMaxLength = 200;
    public const int Most = 10;
    /// <summary>No period is entered as starting before this.</summary>
    public static readonly DateOnly Earliest = new(1960, 1, 1);

    /// <summary>Why this period cannot be saved, or null: a school, a start, and an end neither before it nor after today.</summary>
    public string? Problem(DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(School)) return "Name the school whose board you chaired.";
        if (School.Trim().Length > SchoolMaxLength) return $"Keep the school's name to {SchoolMaxLength} characters.";
        if (Common.PlainText.HasMarkup(School)) return Common.PlainText.MarkupMessage;
        if (From < Earliest) return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A period starts after {Earliest:d MMMM yyyy}.");
        if (From > today) return "A period cannot start in the future.";
        if (To is { } to && to < From) return "A period cannot end before it starts.";
        if (To is { } end && end > today) return "A period cannot end in the future: leave the end empty while it goes on.";
        return null;
    }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{School.Trim()}, {From:d MMMM yyyy} to {(To is { } to ? to.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture) : "now")}");
}

/// <summary>Time in a role counted from dated periods: overlaps counted once, only within the window a rule looks back over.</summary>
public static class RolePeriods
{
    /// <summary>
    /// Whole months in the role between <paramref name="windowStart"/> and <paramref name="asOf"/> (both days counted):
    /// the periods are merged where they overlap and clipped to the window; each stretch counts its whole calendar months,
    /// and the days left over from all of them count a month for every 30.
    /// </summary>
    public static int MonthsWithin(IEnumerable<RolePeriod> periods, DateOnly windowStart, DateOnly asOf)
    {
        var spans = periods
            .Select(p => (From: p.From < windowStart ? windowStart : p.From, To: p.To is { } to && to < asOf ? to : asOf))
            .Where(s => s.From <= s.To)
            .OrderBy(s => s.From)
            .ToList();
        List<(DateOnly From, DateOnly To)> merged = [];
        foreach (var s in spans)
        {
            if (merged.Count > 0 && s.From <= merged[^1].To.AddDays(1))
                merged[^1] = (merged[^1].From, s.To > merged[^1].To ? s.To : merged[^1].To);
            else
                merged.Add(s);
        }
        int months = 0, days = 0;
        foreach (var (from, to) in merged)
        {
            var end = to.AddDays(1);
            var whole = (end.Year - from.Year) * 12 + end.Month - from.Month - (end.Day < from.Day ? 1 : 0);
            months += whole;
            days += end.DayNumber - from.AddMonths(whole).DayNumber;
        }
        return months + days / 30;
    }

    /// <summary>Whole months in the role over all the periods, for "time in role" on the application.</summary>
    public static int MonthsInAll(IReadOnlyCollection<RolePeriod> periods, DateOnly asOf) =>
        periods.Count == 0 ? 0 : MonthsWithin(periods, periods.Min(p => p.From), asOf);
}

using System.Globalization;
using SystemLeadership.Domain.Reimbursement;

namespace SystemLeadership.Domain.Designations;

public enum CommitmentStatus
{
    /// <summary>Within 10–20 days, or on course for them.</summary>
    OnTrack,
    /// <summary>Fewer than three months left and, with every day agreed so far given, the year ends under 10 days.</summary>
    WillEndShort,
    /// <summary>More than 20 days delivered: beyond the commitment.</summary>
    Over,
}

/// <summary>
/// One year of an NLG's designation (from the start date to the day before its anniversary) against the commitment of
/// 10 to 20 days a year (003 §5): the days delivered (logged from visit records), and the days still agreed on their
/// deployments that fall within it.
/// </summary>
public sealed record CommitmentYear(DateOnly Start, DateOnly End, int DeliveredHalfDays, int AgreedAheadHalfDays)
{
    public const int FewestHalfDays = 20;
    public const int MostHalfDays = 40;
    /// <summary>The College is warned when this little of the year is left.</summary>
    public const int WarningDays = 91;

    public int ExpectedHalfDays => DeliveredHalfDays + AgreedAheadHalfDays;

    public CommitmentStatus Status(DateOnly today) =>
        DeliveredHalfDays > MostHalfDays ? CommitmentStatus.Over
        : ExpectedHalfDays < FewestHalfDays && End.DayNumber - today.DayNumber < WarningDays ? CommitmentStatus.WillEndShort
        : CommitmentStatus.OnTrack;

    public string Describe(DateOnly today) =>
        $"{HalfDays.Describe(DeliveredHalfDays)} delivered in the year {Long(Start)} to {Long(End)}"
        + (AgreedAheadHalfDays > 0 ? $", {HalfDays.Describe(AgreedAheadHalfDays)} more agreed" : "")
        + Status(today) switch
        {
            CommitmentStatus.WillEndShort => $": the year will end under the 10 days committed unless more is agreed by {Long(End)}.",
            CommitmentStatus.Over => ": more than the 20 days committed.",
            _ => ".",
        };

    private static string Long(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>A deployment's days not yet given, as the commitment counts them: spread evenly over the days it has left.</summary>
public sealed record DaysAhead(DateOnly From, DateOnly To, int HalfDays);

public static class NlgCommitment
{
    /// <summary>The designation year that holds <paramref name="today"/>: anniversaries of the start date.</summary>
    public static (DateOnly Start, DateOnly End) YearHolding(DateOnly designationStart, DateOnly today)
    {
        var years = Math.Max(0, today.Year - designationStart.Year);
        var start = designationStart.AddYears(years);
        if (start > today) start = designationStart.AddYears(Math.Max(0, years - 1));
        return (start, start.AddYears(1).AddDays(-1));
    }

    /// <summary>The year's delivered days (dated entries) and the share of each deployment's remaining days that falls in it after today.</summary>
    public static CommitmentYear For(DateOnly designationStart, DateOnly today, IEnumerable<(DateOnly Date, int HalfDays)> delivered, IEnumerable<DaysAhead> ahead)
    {
        var (start, end) = YearHolding(designationStart, today);
        var given = delivered.Where(d => d.Date >= start && d.Date <= end).Sum(d => d.HalfDays);
        var agreed = 0;
        foreach (var a in ahead.Where(a => a.HalfDays > 0))
        {
            var from = a.From > today ? a.From : today;
            if (from > a.To) continue;
            var within = (a.To < end ? a.To : end).DayNumber - from.DayNumber + 1;
            var all = a.To.DayNumber - from.DayNumber + 1;
            agreed += within <= 0 ? 0 : (int)((long)a.HalfDays * within / all);
        }
        return new(start, end, given, agreed);
    }
}

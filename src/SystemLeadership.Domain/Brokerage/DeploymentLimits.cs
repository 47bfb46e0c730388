using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;

namespace SystemLeadership.Domain.Brokerage;

/// <summary>
/// How long and how much a deployment may be, as the seeds give it for each designation. No deployment is more than full
/// time over its dates (003 §4: an NLE "up to full time"); an SLE has "no minimum or maximum time commitment" beyond that
/// (003 §2: from a two-day diagnostic to a three-month full-time role); an NLG's deployment lasts "from one month to six
/// months" (003 §5) and is at most the 20 days a year an NLG gives. A request asks for at most full time over its length.
/// </summary>
public static class DeploymentLimits
{
    public const int NlgMaximumHalfDays = 2 * 20;

    /// <summary>Why these terms do not fit a deployment of this designation, or null when they do.</summary>
    public static string? Problem(DesignationType type, int halfDays, DateOnly start, DateOnly end)
    {
        var fullTime = 2 * Weekdays(start, end);
        if (halfDays > fullTime)
            return $"{HalfDays.Describe(halfDays)} is more than full time between {start:d MMMM yyyy} and {end:d MMMM yyyy} ({HalfDays.Describe(fullTime)} of weekdays).";
        if (type == DesignationType.NationalLeaderOfGovernance)
        {
            if (end < start.AddMonths(1).AddDays(-1) || end > start.AddMonths(6).AddDays(-1))
                return "An NLG's deployment lasts from one month to six months.";
            if (halfDays > NlgMaximumHalfDays)
                return $"An NLG gives 10 to 20 days a year: {HalfDays.Describe(halfDays)} is more than one deployment can take.";
        }
        return null;
    }

    /// <summary>Monday to Friday from <paramref name="start"/> to <paramref name="end"/>, both counted.</summary>
    public static int Weekdays(DateOnly start, DateOnly end)
    {
        if (end < start) return 0;
        var days = end.DayNumber - start.DayNumber + 1;
        var weeks = days / 7;
        var count = weeks * 5;
        for (var d = start.AddDays(weeks * 7); d <= end; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) count++;
        return count;
    }
}

using System.Globalization;

namespace SystemLeadership.Domain.Reimbursement;

/// <summary>
/// Money is whole pence in a long; time is whole half days (the schemes pay pro rata by the half day).
/// Amounts are worked out once on a total and then split, so the parts always add up to the total.
/// </summary>
public static class Money
{
    /// <summary>The scheme day rates (seed 004): £300 a day, £400 for headteachers.</summary>
    public const int StandardDayRatePence = 30_000;
    public const int HeadteacherDayRatePence = 40_000;

    public static int DayRateFor(bool headteacher) => headteacher ? HeadteacherDayRatePence : StandardDayRatePence;

    /// <summary>Rate × half days ÷ 2, a half penny rounded up (away from zero): the only rounding there is.</summary>
    public static long ProRata(int dayRatePence, int halfDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dayRatePence);
        ArgumentOutOfRangeException.ThrowIfNegative(halfDays);
        var twice = (long)dayRatePence * halfDays;
        return (twice + 1) / 2;
    }

    /// <summary>
    /// Splits a total across weights by the largest-remainder method: each part gets its floor share, then the pennies
    /// left go one each to the largest remainders, ties to the earliest part. Deterministic; the parts sum to the total.
    /// </summary>
    public static IReadOnlyList<long> Allocate(long total, IReadOnlyList<int> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (weights.Any(w => w < 0)) throw new ArgumentException("Weights cannot be negative.", nameof(weights));
        var sum = weights.Sum(w => (long)w);
        if (weights.Count == 0) return [];
        if (sum == 0)
        {
            if (total != 0) throw new ArgumentException("Cannot split a non-zero total over no weight.", nameof(weights));
            return weights.Select(_ => 0L).ToList();
        }
        var parts = new long[weights.Count];
        var remainders = new long[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = total * weights[i];
            parts[i] = exact / sum;
            remainders[i] = exact % sum;
            given += parts[i];
        }
        var left = total - given;
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)left))
        {
            parts[i]++;
        }
        return parts;
    }

    /// <summary>"£1,234.50".</summary>
    public static string Format(long pence) =>
        (pence < 0 ? "-£" : "£") + (Math.Abs(pence) / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>"1,234.50" for a CSV column in pounds.</summary>
    public static string Pounds(long pence) =>
        (pence / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>Time in whole half days.</summary>
public static class HalfDays
{
    public static int FromDays(decimal days)
    {
        var half = days * 2;
        if (half != decimal.Truncate(half) || half < 0) throw new ArgumentException("Days are counted in whole or half days.", nameof(days));
        return (int)half;
    }

    /// <summary>"3 days", "2.5 days", "half a day", "1 day".</summary>
    public static string Describe(int halfDays) => halfDays switch
    {
        1 => "half a day",
        2 => "1 day",
        _ => (halfDays / 2m).ToString("0.#", CultureInfo.InvariantCulture) + " days",
    };
}

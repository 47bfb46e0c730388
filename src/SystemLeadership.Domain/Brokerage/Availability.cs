using System.Globalization;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Brokerage;

/// <summary>
/// Days a leader cannot be deployed (leave, their own school's inspection, exams), entered by the leader or a broker on
/// the leader's profile: the availability calendar the search checks.
/// </summary>
public sealed class AwayPeriod : ITenantOwned
{
    public const int ReasonMaxLength = 200;
    /// <summary>The longest stretch marked at once: a year and a day.</summary>
    public const int LongestDays = 366;

    private AwayPeriod() { }

    public AwayPeriod(Guid tenantId, Guid leaderProfileId, DateOnly from, DateOnly to, string? reason, DateOnly today, Guid? requestKey = null)
    {
        var problems = Problems(from, to, reason, today);
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems.Values));
        Id = Guid.NewGuid();
        TenantId = tenantId;
        LeaderProfileId = leaderProfileId;
        From = from;
        To = to;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        RequestKey = requestKey;
    }

    /// <summary>The key of the form that marked it: the same form sent again (a retry after an error) marks nothing more.</summary>
    public Guid? RequestKey { get; private set; }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid LeaderProfileId { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public string? Reason { get; private set; }

    public DateSpan Span => new(From, To);

    /// <summary>What is wrong with a period as typed, by field (From, To, Reason); empty when it can be marked.</summary>
    public static IReadOnlyDictionary<string, string> Problems(DateOnly from, DateOnly to, string? reason, DateOnly today)
    {
        Dictionary<string, string> problems = [];
        if (to < from) problems["To"] = "The last day away is before the first.";
        else if (to < today) problems["To"] = "That time is already over: mark days from today on.";
        else if (to.DayNumber - from.DayNumber + 1 > LongestDays) problems["To"] = "Mark at most a year at a time.";
        if (reason is { Length: > ReasonMaxLength }) problems["Reason"] = $"Keep the reason to {ReasonMaxLength} characters.";
        return problems;
    }
}

/// <summary>A run of days, first and last included.</summary>
public sealed record DateSpan(DateOnly From, DateOnly To)
{
    public bool Covers(DateOnly day) => From <= day && day <= To;

    public bool Overlaps(DateOnly from, DateOnly to) => From <= to && from <= To;

    public override string ToString() => From == To
        ? From.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
        : $"{From.ToString(From.Year == To.Year ? "d MMMM" : "d MMMM yyyy", CultureInfo.InvariantCulture)} to {To.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// The days a term a school can release its system leaders for, all together (003 §7: "the capacity of both the leader
/// and the leader's school"). Set by a broker; when a school has none, only each leader's own days apply. Its row is
/// locked, after the leader's, when a deployment is agreed, so two leaders of one school cannot spend its last days.
/// </summary>
public sealed class SchoolCapacity : ITenantOwned
{
    private SchoolCapacity() { }

    public SchoolCapacity(Guid tenantId, int schoolUrn, string schoolName, int capacityHalfDaysPerTerm)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        SchoolUrn = schoolUrn;
        SchoolName = schoolName;
        Change(capacityHalfDaysPerTerm);
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public int SchoolUrn { get; private set; }
    public string SchoolName { get; private set; } = "";
    public int CapacityHalfDaysPerTerm { get; private set; }
    public uint Version { get; private set; }

    public void Change(int capacityHalfDaysPerTerm)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityHalfDaysPerTerm);
        CapacityHalfDaysPerTerm = capacityHalfDaysPerTerm;
    }
}

/// <summary>
/// A leader's time as the search weighs it for one request: the days a term they give and what is agreed already in
/// each term the request falls in, their school's days when it has a limit of its own, and the days they are away.
/// </summary>
public sealed record Availability(
    Guid LeaderProfileId,
    int CapacityHalfDaysPerTerm,
    IReadOnlyDictionary<SchoolTerm, int> Committed,
    string SchoolName,
    int? SchoolCapacityHalfDaysPerTerm,
    IReadOnlyDictionary<SchoolTerm, int> SchoolCommitted,
    IReadOnlyList<DateSpan> Away)
{
    public int LeaderFreeIn(SchoolTerm term) => Capacity.Free(CapacityHalfDaysPerTerm, Committed.GetValueOrDefault(term));

    /// <summary>What the school can still release in a term across all its leaders, or null when it sets no limit.</summary>
    public int? SchoolFreeIn(SchoolTerm term) =>
        SchoolCapacityHalfDaysPerTerm is { } cap ? Capacity.Free(cap, SchoolCommitted.GetValueOrDefault(term)) : null;

    /// <summary>The days the leader can still give in a term: their own, within what their school has left.</summary>
    public int FreeIn(SchoolTerm term) => Math.Min(LeaderFreeIn(term), SchoolFreeIn(term) ?? int.MaxValue);

    /// <summary>Why the leader cannot give these days, term by term, in words; empty when they can.</summary>
    public IReadOnlyList<string> Shortfalls(IReadOnlyList<(SchoolTerm Term, int HalfDays)> needed)
    {
        if (CapacityHalfDaysPerTerm == 0)
            return ["Gives no days a term: their profile says 0, so they cannot be deployed until they or a broker change it."];
        List<string> reasons = [];
        foreach (var (term, halfDays) in needed)
        {
            var mine = LeaderFreeIn(term);
            if (mine < halfDays)
                reasons.Add($"Has {Reimbursement.HalfDays.Describe(mine)} free in the {term}; {Reimbursement.HalfDays.Describe(halfDays)} are needed.");
            else if (SchoolFreeIn(term) is { } school && school < halfDays)
                reasons.Add($"{SchoolName} can release its leaders for {Reimbursement.HalfDays.Describe(school)} more in the {term}; {Reimbursement.HalfDays.Describe(halfDays)} are needed.");
        }
        return reasons;
    }

    /// <summary>Why the days away rule the leader out (away on the first day, or on every weekday of the support); null when they do not.</summary>
    public string? AwayProblem(DateOnly start, DateOnly end)
    {
        if (Away.FirstOrDefault(a => a.Covers(start)) is { } first)
            return $"Away {first} (their calendar), when the support is to start.";
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            if (!Away.Any(a => a.Covers(day))) return null;
        }
        return "Away on every weekday of the support (their calendar).";
    }

    /// <summary>The days away that fall within the support, for the broker to plan around.</summary>
    public IReadOnlyList<DateSpan> AwayDuring(DateOnly start, DateOnly end) => Away.Where(a => a.Overlaps(start, end)).OrderBy(a => a.From).ToList();
}

using System.Globalization;
using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Brokerage;

/// <summary>
/// One designated leader as the search sees them, built by the caller from the designation, the leader's profile,
/// their school (GIAS) and their record. Deliberately not the Designation entity, so matching does not move when it does.
/// </summary>
public sealed record LeaderCandidate(
    Guid DesignationId,
    Guid TenantId,
    string HolderUserId,
    string HolderName,
    DesignationType Type,
    Guid? SchemeId,
    IReadOnlyList<string> Specialisms,
    int? SchoolUrn,
    int? Easting,
    int? Northing,
    string? Phase,
    string? TrustName,
    DateOnly? DesignationEnd,
    int DayRatePence,
    int FreeHalfDaysThisTerm,
    IReadOnlyList<int> PastEvaluationRatings,
    int SimilarPastDeployments,
    bool IsActive = true,
    bool SharedByAnotherTenant = false,
    Availability? Availability = null);

/// <summary>The commission's need as the search reads it, with the supported school's place and trust.</summary>
public sealed record MatchRequest(
    int SchoolUrn,
    string? SchoolTrust,
    int? Easting,
    int? Northing,
    string? Phase,
    IReadOnlyList<string> Specialisms,
    IReadOnlyList<DesignationType> DesignationTypes,
    IReadOnlyList<Guid> SchemeIds,
    DateOnly PlannedEnd,
    int HalfDaysNeededThisTerm,
    DateOnly? DesiredStart = null,
    IReadOnlyList<(SchoolTerm Term, int HalfDays)>? Terms = null);

public sealed record ScoreFactor(string Name, int Points, int OutOf, string Explanation);

public sealed record RankedCandidate(LeaderCandidate Candidate, int Score, IReadOnlyList<ScoreFactor> Factors)
{
    public string Explanation => string.Join(" ", Factors.Select(f => $"{f.Name}: {f.Points}/{f.OutOf}. {f.Explanation}"));
}

public sealed record ExcludedCandidate(LeaderCandidate Candidate, IReadOnlyList<string> Reasons);

public sealed record MatchResult(IReadOnlyList<RankedCandidate> Ranked, IReadOnlyList<ExcludedCandidate> Excluded);

/// <summary>
/// The broker's search: hard filters first (every unmet one named), then a score out of 100 with each factor explained
/// in words. Nothing is assigned: the broker reads the list and builds a shortlist.
/// </summary>
public static class Matching
{
    public const int SpecialismPoints = 35;
    public const int DistancePoints = 20;
    public const int FreeDaysPoints = 15;
    public const int EvaluationPoints = 20;
    public const int SimilarPoints = 10;

    /// <summary>Full distance points within this many metres; none beyond <see cref="FarMetres"/>, straight line between.</summary>
    public const int NearMetres = 10_000;
    public const int FarMetres = 60_000;
    /// <summary>Spare half days (beyond what is needed) that earn the full free-days points: five spare days.</summary>
    public const int SpareHalfDaysForFullPoints = 10;
    public const int SimilarDeploymentsForFullPoints = 2;

    public static MatchResult Find(MatchRequest request, IEnumerable<LeaderCandidate> candidates)
    {
        List<RankedCandidate> ranked = [];
        List<ExcludedCandidate> excluded = [];
        foreach (var candidate in candidates)
        {
            var reasons = Exclusions(request, candidate);
            if (reasons.Count > 0) excluded.Add(new(candidate, reasons));
            else ranked.Add(Score(request, candidate));
        }
        return new(
            [.. ranked.OrderByDescending(r => r.Score).ThenBy(r => r.Candidate.HolderName, StringComparer.Ordinal).ThenBy(r => r.Candidate.DesignationId)],
            excluded);
    }

    /// <summary>Every hard filter the candidate fails, in words; empty when they pass them all.</summary>
    public static IReadOnlyList<string> Exclusions(MatchRequest request, LeaderCandidate c)
    {
        List<string> reasons = [];
        if (!c.IsActive) reasons.Add("The designation is not active.");
        var typeWanted = request.DesignationTypes.Count == 0 && request.SchemeIds.Count == 0
            || request.DesignationTypes.Contains(c.Type) && c.SchemeId is null
            || c.SchemeId is { } scheme && request.SchemeIds.Contains(scheme);
        if (!typeWanted) reasons.Add("Not a designation type the commission asks for.");
        if (request.Specialisms.Count > 0 && !request.Specialisms.Intersect(c.Specialisms, StringComparer.Ordinal).Any())
            reasons.Add($"None of the specialisms wanted ({string.Join(", ", request.Specialisms)}).");
        if (!PhaseFits(request.Phase, c.Phase))
            reasons.Add($"Works in the {c.Phase?.ToLowerInvariant() ?? "unknown"} phase, not {request.Phase!.ToLowerInvariant()}.");
        if (c.SchoolUrn == request.SchoolUrn)
            reasons.Add("Works at the supported school itself.");
        else if (!string.IsNullOrWhiteSpace(request.SchoolTrust) && string.Equals(request.SchoolTrust.Trim(), c.TrustName?.Trim(), StringComparison.OrdinalIgnoreCase))
            reasons.Add($"Works in the supported school's own trust ({request.SchoolTrust.Trim()}).");
        // LLE, NLE and teaching school designations have no fixed end.
        if (c.DesignationEnd is { } ends && ends < request.PlannedEnd)
            reasons.Add($"The designation ends on {Long(ends)}, before the planned end on {Long(request.PlannedEnd)}.");
        if (c.Availability is { } time && request.Terms is { Count: > 0 } terms)
        {
            // Every term the support falls in, within what the leader's school has left; and their calendar.
            reasons.AddRange(time.Shortfalls(terms));
            if (request.DesiredStart is { } start && time.AwayProblem(start, request.PlannedEnd) is { } away) reasons.Add(away);
        }
        else if (c.FreeHalfDaysThisTerm < request.HalfDaysNeededThisTerm)
        {
            reasons.Add($"Has {Reimbursement.HalfDays.Describe(c.FreeHalfDaysThisTerm)} free this term; {Reimbursement.HalfDays.Describe(request.HalfDaysNeededThisTerm)} are needed.");
        }
        return reasons;
    }

    public static RankedCandidate Score(MatchRequest request, LeaderCandidate c)
    {
        List<ScoreFactor> factors =
        [
            SpecialismFit(request, c),
            Distance(request, c),
            FreeDays(request, c),
            Evaluations(c),
            Similar(c),
        ];
        return new(c, factors.Sum(f => f.Points), factors);
    }

    private static bool PhaseFits(string? wanted, string? theirs) =>
        string.IsNullOrWhiteSpace(wanted)
        || string.Equals(wanted.Trim(), theirs?.Trim(), StringComparison.OrdinalIgnoreCase)
        || string.Equals(theirs?.Trim(), "All-through", StringComparison.OrdinalIgnoreCase);

    public static ScoreFactor SpecialismFit(MatchRequest request, LeaderCandidate c)
    {
        if (request.Specialisms.Count == 0)
            return new("Specialism fit", SpecialismPoints, SpecialismPoints, "No particular specialism was asked for.");
        var covered = request.Specialisms.Where(s => c.Specialisms.Contains(s, StringComparer.Ordinal)).ToList();
        var points = Share(SpecialismPoints, covered.Count, request.Specialisms.Count);
        return new("Specialism fit", points, SpecialismPoints,
            $"Covers {covered.Count} of the {request.Specialisms.Count} specialisms wanted ({string.Join(", ", covered)}).");
    }

    public static ScoreFactor Distance(MatchRequest request, LeaderCandidate c)
    {
        if (request.Easting is not { } e1 || request.Northing is not { } n1 || c.Easting is not { } e2 || c.Northing is not { } n2)
            return new("Distance", 0, DistancePoints, "Distance unknown: a school has no grid reference.");
        var metres = Math.Sqrt(Math.Pow((double)e1 - e2, 2) + Math.Pow((double)n1 - n2, 2));
        var km = (metres / 1000).ToString("0.0", CultureInfo.InvariantCulture);
        int points = metres <= NearMetres ? DistancePoints
            : metres >= FarMetres ? 0
            : (int)Math.Floor(DistancePoints * (FarMetres - metres) / (FarMetres - NearMetres));
        var why = metres <= NearMetres ? $"{km} km away, within {NearMetres / 1000} km."
            : metres >= FarMetres ? $"{km} km away, {FarMetres / 1000} km or more."
            : $"{km} km away.";
        return new("Distance", points, DistancePoints, why);
    }

    public static ScoreFactor FreeDays(MatchRequest request, LeaderCandidate c)
    {
        var spare = c.FreeHalfDaysThisTerm - request.HalfDaysNeededThisTerm;
        var points = Share(FreeDaysPoints, Math.Min(spare, SpareHalfDaysForFullPoints), SpareHalfDaysForFullPoints);
        var away = c.Availability is { } time && request.DesiredStart is { } start ? time.AwayDuring(start, request.PlannedEnd) : [];
        return new("Free days", points, FreeDaysPoints,
            $"{Reimbursement.HalfDays.Describe(c.FreeHalfDaysThisTerm)} free {(c.Availability is not null && request.Terms is { Count: > 0 } t ? $"in the {t[0].Term}" : "this term")}, {Reimbursement.HalfDays.Describe(spare)} more than needed."
            + (away.Count == 0 ? "" : $" Away {string.Join("; ", away)}."));
    }

    /// <summary>Ratings are 1 (poor) to 5 (excellent); a leader with none yet scores the middle, neither helped nor hurt.</summary>
    public static ScoreFactor Evaluations(LeaderCandidate c)
    {
        if (c.PastEvaluationRatings.Count == 0)
            return new("Past evaluations", EvaluationPoints / 2, EvaluationPoints, "No evaluations yet: scored in the middle.");
        var sum = c.PastEvaluationRatings.Sum(r => Math.Clamp(r, 1, 5) - 1);
        var points = Share(EvaluationPoints, sum, 4 * c.PastEvaluationRatings.Count);
        var average = ((double)c.PastEvaluationRatings.Sum(r => Math.Clamp(r, 1, 5)) / c.PastEvaluationRatings.Count).ToString("0.0", CultureInfo.InvariantCulture);
        return new("Past evaluations", points, EvaluationPoints,
            $"Average rating {average} out of 5 from {c.PastEvaluationRatings.Count} evaluation{(c.PastEvaluationRatings.Count == 1 ? "" : "s")}.");
    }

    public static ScoreFactor Similar(LeaderCandidate c)
    {
        var points = Share(SimilarPoints, Math.Min(c.SimilarPastDeployments, SimilarDeploymentsForFullPoints), SimilarDeploymentsForFullPoints);
        return new("Similar deployments", points, SimilarPoints,
            c.SimilarPastDeployments == 0 ? "No similar deployments yet."
                : $"{c.SimilarPastDeployments} similar deployment{(c.SimilarPastDeployments == 1 ? "" : "s")} before.");
    }

    private static string Long(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>Whole points for a share, rounded down, so a partial fit never earns full marks.</summary>
    private static int Share(int points, int part, int whole) => whole <= 0 ? 0 : (int)((long)points * Math.Max(0, part) / whole);
}

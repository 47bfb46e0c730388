using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Tests.Brokerage;

public class MatchingTests
{
    private static readonly Guid Tenant = Guid.NewGuid();

    private static MatchRequest Request(params string[] specialisms) => new(
        SchoolUrn: 100, SchoolTrust: "Dales Trust", Easting: 400_000, Northing: 500_000, Phase: "Primary",
        Specialisms: specialisms.Length == 0 ? ["Maths"] : specialisms, DesignationTypes: [DesignationType.SpecialistLeaderOfEducation],
        SchemeIds: [], PlannedEnd: new DateOnly(2027, 3, 31), HalfDaysNeededThisTerm: 4);

    private static LeaderCandidate Candidate(string name = "Ada", int urn = 200, string? trust = "Other Trust", int easting = 400_000,
        string phase = "Primary", string[]? specialisms = null, DateOnly? end = null, int freeHalfDays = 14, int[]? ratings = null,
        int similar = 0, Guid? scheme = null, bool active = true) => new(
        Guid.NewGuid(), Tenant, "user-" + name, name, DesignationType.SpecialistLeaderOfEducation, scheme, specialisms ?? ["Maths"],
        urn, easting, 500_000, phase, trust, end ?? new DateOnly(2029, 8, 31), 30_000, freeHalfDays, ratings ?? [], similar, active);

    [Fact]
    public void A_candidate_passing_every_filter_is_ranked_and_none_is_assigned()
    {
        var result = Matching.Find(Request(), [Candidate("Ada"), Candidate("Bea", similar: 2)]);
        Assert.Empty(result.Excluded);
        Assert.Equal(["Bea", "Ada"], result.Ranked.Select(r => r.Candidate.HolderName));
    }

    [Fact]
    public void Every_failed_hard_filter_is_named()
    {
        var c = Candidate(urn: 100, phase: "Secondary", specialisms: ["Art"], end: new DateOnly(2027, 3, 30), freeHalfDays: 3, active: false);
        var reasons = Matching.Exclusions(Request(), c);
        Assert.Equal(
        [
            "The designation is not active.",
            "None of the specialisms wanted (Maths).",
            "Works in the secondary phase, not primary.",
            "Works at the supported school itself.",
            "The designation ends on 30 March 2027, before the planned end on 31 March 2027.",
            "Has 1.5 days free this term; 2 days are needed.",
        ], reasons);
    }

    [Fact]
    public void A_leader_from_the_supported_schools_own_trust_is_excluded()
    {
        var reasons = Matching.Exclusions(Request(), Candidate(trust: "dales trust"));
        Assert.Equal(["Works in the supported school's own trust (Dales Trust)."], reasons);
    }

    [Fact]
    public void A_designation_ending_on_the_planned_end_day_still_passes()
    {
        Assert.Empty(Matching.Exclusions(Request(), Candidate(end: new DateOnly(2027, 3, 31))));
    }

    [Fact]
    public void Exactly_the_free_days_needed_passes_and_half_a_day_fewer_fails()
    {
        Assert.Empty(Matching.Exclusions(Request(), Candidate(freeHalfDays: 4)));
        Assert.Single(Matching.Exclusions(Request(), Candidate(freeHalfDays: 3)));
    }

    [Fact]
    public void A_scheme_designation_matches_only_when_its_scheme_is_wanted()
    {
        var scheme = Guid.NewGuid();
        var wanted = Request() with { DesignationTypes = [], SchemeIds = [scheme] };
        Assert.Empty(Matching.Exclusions(wanted, Candidate(scheme: scheme)));
        Assert.Contains("Not a designation type the commission asks for.", Matching.Exclusions(wanted, Candidate(scheme: Guid.NewGuid())));
        Assert.Contains("Not a designation type the commission asks for.", Matching.Exclusions(wanted, Candidate()));
    }

    [Fact]
    public void An_all_through_school_fits_any_phase()
    {
        Assert.Empty(Matching.Exclusions(Request(), Candidate(phase: "All-through")));
    }

    [Fact]
    public void Specialism_fit_is_the_share_of_wanted_specialisms_covered_rounded_down()
    {
        var request = Request("Maths", "English", "Science");
        Assert.Equal(35, Matching.SpecialismFit(request, Candidate(specialisms: ["Maths", "English", "Science"])).Points);
        var two = Matching.SpecialismFit(request, Candidate(specialisms: ["Maths", "English"]));
        Assert.Equal(23, two.Points);
        Assert.Equal("Covers 2 of the 3 specialisms wanted (Maths, English).", two.Explanation);
        Assert.Equal(11, Matching.SpecialismFit(request, Candidate(specialisms: ["Maths"])).Points);
    }

    [Theory]
    [InlineData(0, 20, "0.0 km away, within 10 km.")]
    [InlineData(10_000, 20, "10.0 km away, within 10 km.")]
    [InlineData(10_001, 19, "10.0 km away.")]
    [InlineData(35_000, 10, "35.0 km away.")]
    [InlineData(59_999, 0, "60.0 km away.")]
    [InlineData(60_000, 0, "60.0 km away, 60 km or more.")]
    public void Distance_scores_full_within_10_km_and_nothing_from_60_km(int metresEast, int points, string explanation)
    {
        var factor = Matching.Distance(Request(), Candidate(easting: 400_000 + metresEast));
        Assert.Equal(points, factor.Points);
        Assert.Equal(explanation, factor.Explanation);
    }

    [Fact]
    public void Distance_without_a_grid_reference_scores_nothing_and_says_why()
    {
        var factor = Matching.Distance(Request() with { Easting = null }, Candidate());
        Assert.Equal(0, factor.Points);
        Assert.Equal("Distance unknown: a school has no grid reference.", factor.Explanation);
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(13, 13)]
    [InlineData(14, 15)]
    [InlineData(40, 15)]
    public void Free_days_score_rises_with_spare_days_up_to_five_spare(int freeHalfDays, int points)
    {
        Assert.Equal(points, Matching.FreeDays(Request(), Candidate(freeHalfDays: freeHalfDays)).Points);
    }

    [Fact]
    public void Free_days_explanation_counts_in_days()
    {
        Assert.Equal("7 days free this term, 5 days more than needed.", Matching.FreeDays(Request(), Candidate(freeHalfDays: 14)).Explanation);
    }

    [Fact]
    public void Evaluations_score_the_average_rating_and_no_evaluations_score_the_middle()
    {
        Assert.Equal(10, Matching.Evaluations(Candidate()).Points);
        Assert.Equal("No evaluations yet: scored in the middle.", Matching.Evaluations(Candidate()).Explanation);
        Assert.Equal(20, Matching.Evaluations(Candidate(ratings: [5, 5])).Points);
        Assert.Equal(0, Matching.Evaluations(Candidate(ratings: [1])).Points);
        var mixed = Matching.Evaluations(Candidate(ratings: [5, 4]));
        Assert.Equal(17, mixed.Points);
        Assert.Equal("Average rating 4.5 out of 5 from 2 evaluations.", mixed.Explanation);
    }

    [Theory]
    [InlineData(0, 0, "No similar deployments yet.")]
    [InlineData(1, 5, "1 similar deployment before.")]
    [InlineData(2, 10, "2 similar deployments before.")]
    [InlineData(9, 10, "9 similar deployments before.")]
    public void Similar_deployments_earn_five_points_each_up_to_two(int count, int points, string explanation)
    {
        var factor = Matching.Similar(Candidate(similar: count));
        Assert.Equal(points, factor.Points);
        Assert.Equal(explanation, factor.Explanation);
    }

    [Fact]
    public void The_explanation_names_every_factor_with_its_points()
    {
        var ranked = Matching.Score(Request(), Candidate(freeHalfDays: 14, similar: 1));
        Assert.Equal(35 + 20 + 15 + 10 + 5, ranked.Score);
        Assert.Equal(
            "Specialism fit: 35/35. Covers 1 of the 1 specialisms wanted (Maths). Distance: 20/20. 0.0 km away, within 10 km. " +
            "Free days: 15/15. 7 days free this term, 5 days more than needed. Past evaluations: 10/20. No evaluations yet: scored in the middle. " +
            "Similar deployments: 5/10. 1 similar deployment before.",
            ranked.Explanation);
    }

    [Fact]
    public void Equal_scores_are_ordered_by_name_so_the_list_is_stable()
    {
        var result = Matching.Find(Request(), [Candidate("Cy"), Candidate("Ada"), Candidate("Bea")]);
        Assert.Equal(["Ada", "Bea", "Cy"], result.Ranked.Select(r => r.Candidate.HolderName));
    }
}

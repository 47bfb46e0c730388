namespace SystemLeadership.Domain.Designations;

/// <summary>
/// What the eligibility rules look at. Months, not years, so "1 year 11 months" is not rounded up to 2.
/// The school's Ofsted rating comes from GIAS for the school the applicant names.
/// </summary>
public sealed record ApplicantProfile(
    LeadershipRole? CurrentRole,
    int MonthsInRole,
    IReadOnlyCollection<string> Specialisms,
    int? SchoolUrn = null,
    string? SchoolOfstedRating = null,
    IReadOnlyList<RolePeriod>? Periods = null,
    DateOnly? AsOf = null)
{
    /// <summary>
    /// Months in the role a rule counts: from the dated periods within its window when the applicant gave them (and the
    /// rule looks back over a window), else the months they typed.
    /// </summary>
    public int MonthsFor(RuleSpec rule) => rule.Window(AsOf) is { } window && Periods is { Count: > 0 } periods
        ? RolePeriods.MonthsWithin(periods, window.Start, window.End)
        : MonthsInRole;
}

/// <summary>The building blocks a scheme's rules are made from. Stored by name: renaming one needs a data migration.</summary>
public enum RuleKind
{
    MinimumMonthsInRole,
    RoleMustBe,
    RoleMustNotBe,
    SpecialismRequired,
    SchoolOfstedGrade,
    ReferencesRequired,
}

/// <summary>
/// One eligibility rule as data: the kind, its number (months, specialisms or references), the roles or Ofsted grades
/// it names, and — for presets — the seed's own wording of why it is unmet. Tenant schemes are lists of these.
/// </summary>
public sealed record RuleSpec(
    RuleKind Kind,
    int? Number = null,
    IReadOnlyList<LeadershipRole>? Roles = null,
    IReadOnlyList<string>? Grades = null,
    int? WithinYears = null,
    string? Reason = null)
{
    public static readonly IReadOnlyList<string> OfstedGrades = ["Outstanding", "Good", "Requires improvement", "Inadequate"];

    public static RuleSpec MinimumMonths(int months, int? withinYears = null, string? reason = null) =>
        new(RuleKind.MinimumMonthsInRole, months, WithinYears: withinYears, Reason: reason);
    public static RuleSpec RoleIs(string reason, params LeadershipRole[] roles) => new(RuleKind.RoleMustBe, Roles: roles, Reason: reason);
    public static RuleSpec RoleIsNot(LeadershipRole role, string reason) => new(RuleKind.RoleMustNotBe, Roles: [role], Reason: reason);
    public static RuleSpec Specialisms(int minimum) => new(RuleKind.SpecialismRequired, minimum);
    public static RuleSpec SchoolRated(string reason, params string[] grades) => new(RuleKind.SchoolOfstedGrade, Grades: grades, Reason: reason);
    public static RuleSpec References(int count) => new(RuleKind.ReferencesRequired, count);

    /// <summary>The days a "within the last N years" rule looks back over, ending on the given day; null for other rules.</summary>
    public (DateOnly Start, DateOnly End)? Window(DateOnly? asOf) =>
        Kind == RuleKind.MinimumMonthsInRole && WithinYears is { } years && asOf is { } end ? (end.AddYears(-years), end) : null;

    /// <summary>Null when met; otherwise why not, in words the applicant can act on.</summary>
    public string? Check(ApplicantProfile applicant) => Kind switch
    {
        RuleKind.MinimumMonthsInRole when applicant.MonthsFor(this) >= (Number ?? 0) => null,
        RuleKind.MinimumMonthsInRole => MonthsUnmet(applicant),

        RuleKind.RoleMustBe when applicant.CurrentRole is null => "Tell us your current role.",
        RuleKind.RoleMustBe when Roles?.Contains(applicant.CurrentRole.Value) == true => null,
        RuleKind.RoleMustBe => Reason ?? $"Your current role must be one of: {string.Join(", ", (Roles ?? []).Select(r => r.Display()))}.",

        RuleKind.RoleMustNotBe when applicant.CurrentRole is { } role && Roles?.Contains(role) == true =>
            Reason ?? $"{role.Display()}s are not eligible for this designation.",
        RuleKind.RoleMustNotBe => null,

        RuleKind.SpecialismRequired when applicant.Specialisms.Count(Designations.Specialisms.IsKnown) >= (Number ?? 1) => null,
        RuleKind.SpecialismRequired => Number is null or 1
            ? "You must have at least 1 specialism from the DfE areas of expertise."
            : $"You must have at least {Number} specialisms from the DfE areas of expertise.",

        RuleKind.SchoolOfstedGrade when applicant.SchoolUrn is null => "Tell us your school's URN so we can check its Ofsted rating.",
        RuleKind.SchoolOfstedGrade when Grades?.Contains(applicant.SchoolOfstedRating ?? "", StringComparer.OrdinalIgnoreCase) == true => null,
        RuleKind.SchoolOfstedGrade => (Reason ?? $"Your school's Ofsted rating must be {string.Join(" or ", Grades ?? [])}.")
            + $" GIAS records it as {(string.IsNullOrWhiteSpace(applicant.SchoolOfstedRating) ? "not yet rated" : applicant.SchoolOfstedRating)}.",

        // References are a requirement of the process, checked when the manager decides, not a bar to applying.
        RuleKind.ReferencesRequired => null,
        _ => null,
    };

    /// <summary>Why the time in role falls short; when counted from dated periods, it names the window it checked.</summary>
    private string MonthsUnmet(ApplicantProfile applicant)
    {
        var months = applicant.MonthsFor(this);
        var have = Duration.Describe(months);
        if (Window(applicant.AsOf) is { } w && applicant.Periods is { Count: > 0 })
            have += $" between {w.Start.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} and {w.End.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} from the periods you entered";
        return Reason?.Replace("{have}", have, StringComparison.Ordinal) ?? (WithinYears is { } years
            ? $"You need at least {Duration.Describe(Number ?? 0)} in the role within the last {years} years; you have {have}."
            : $"You need to have been in a leadership role for at least {Duration.Describe(Number ?? 0)}; you have {have}.");
    }

    /// <summary>Why this rule cannot be saved as part of a scheme, or null when it can.</summary>
    public string? Problem() => Kind switch
    {
        RuleKind.MinimumMonthsInRole when Number is not (>= 1 and <= 480) => "Minimum time in role must be between 1 month and 40 years.",
        RuleKind.MinimumMonthsInRole when WithinYears is not null and not (>= 1 and <= 40) => "\"Within the last\" must be between 1 and 40 years.",
        RuleKind.MinimumMonthsInRole when WithinYears is { } y && Number > y * 12 => "The minimum time cannot be longer than the window it must fall within.",
        RuleKind.RoleMustBe or RuleKind.RoleMustNotBe when Roles is null || Roles.Count == 0 => "Choose at least one role.",
        RuleKind.SpecialismRequired when Number is not (>= 1 and <= 10) => "Required specialisms must be between 1 and 10.",
        RuleKind.SchoolOfstedGrade when Grades is null || Grades.Count == 0 => "Choose at least one Ofsted grade.",
        RuleKind.SchoolOfstedGrade when Grades.Any(g => !OfstedGrades.Contains(g)) => "Ofsted grades must be Outstanding, Good, Requires improvement or Inadequate.",
        RuleKind.ReferencesRequired when Number is not (>= 1 and <= 3) => "References required must be between 1 and 3.",
        _ when Reason is { Length: > 300 } => "A rule's wording must be 300 characters or fewer.",
        _ => null,
    };

    /// <summary>The rule in a sentence, for the scheme page and the application form.</summary>
    public string Describe() => Kind switch
    {
        RuleKind.MinimumMonthsInRole => WithinYears is { } y
            ? $"At least {Duration.Describe(Number ?? 0)} in the role within the last {y} years"
            : $"At least {Duration.Describe(Number ?? 0)} in a leadership role",
        RuleKind.RoleMustBe => $"Current role is {string.Join(" or ", (Roles ?? []).Select(r => r.Display()))}",
        RuleKind.RoleMustNotBe => $"Current role is not {string.Join(" or ", (Roles ?? []).Select(r => r.Display()))}",
        RuleKind.SpecialismRequired => $"At least {Number ?? 1} DfE area(s) of expertise",
        RuleKind.SchoolOfstedGrade => $"School rated {string.Join(" or ", Grades ?? [])} by Ofsted",
        RuleKind.ReferencesRequired => $"{Number ?? 1} reference(s) confirmed by the referee",
        _ => Kind.ToString(),
    };
}

public static class Duration
{
    public static string Describe(int months)
    {
        var years = months / 12;
        var rest = months % 12;
        var y = years == 1 ? "1 year" : $"{years} years";
        var m = rest == 1 ? "1 month" : $"{rest} months";
        return (years, rest) switch
        {
            (0, _) => m,
            (_, 0) => y,
            _ => $"{y} {m}",
        };
    }
}

/// <summary>A scheme's rules; every unmet reason is returned, not just the first.</summary>
public sealed record EligibilityRules(IReadOnlyList<RuleSpec> Rules)
{
    public IReadOnlyList<string> UnmetReasons(ApplicantProfile applicant)
    {
        // A role refused by name ("headteachers are not eligible") says it better than "must be one of…", so not both.
        var refusedByName = Rules.Any(r => r.Kind == RuleKind.RoleMustNotBe && r.Check(applicant) is not null);
        return Rules.Where(r => !(refusedByName && r.Kind == RuleKind.RoleMustBe))
            .Select(r => r.Check(applicant)).OfType<string>().Distinct().ToList();
    }

    public bool IsEligible(ApplicantProfile applicant) => UnmetReasons(applicant).Count == 0;

    public bool Needs(RuleKind kind) => Rules.Any(r => r.Kind == kind);

    public int ReferencesRequired => Rules.FirstOrDefault(r => r.Kind == RuleKind.ReferencesRequired)?.Number ?? 1;
}

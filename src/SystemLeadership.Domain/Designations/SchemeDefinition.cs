using System.Text.Json.Serialization;
using SystemLeadership.Domain.Common;

namespace SystemLeadership.Domain.Designations;

/// <summary>
/// A designation type as data: eligibility rules, period, induction and training, day rates, and how applications
/// run. The six presets are fixed below from DOMAIN.md; a tenant's own schemes are made of the same parts and saved
/// only when <see cref="Problems"/> is empty. Applications keep a copy, so a scheme edited later does not change the
/// rules an application was judged by.
/// </summary>
public sealed record SchemeDefinition(
    DesignationType Type,
    string Name,
    string ShortName,
    IReadOnlyList<RuleSpec> Rules,
    int? PeriodMonths,
    IReadOnlyList<string> Training,
    int? DayRatePence,
    int? HeadteacherDayRatePence,
    DesignatedBy DesignatedBy,
    bool InterviewRequired = false,
    bool ApplyWithExplanation = false,
    RefereeKind Referee = RefereeKind.HeadteacherOrChair,
    int? CommitmentDaysPerYearMin = null,
    int? CommitmentDaysPerYearMax = null,
    string? Description = null)
{
    public const int MaxNameLength = 120;

    [JsonIgnore]
    public EligibilityRules Eligibility => new(Rules);

    [JsonIgnore]
    public int ReferencesRequired => Eligibility.ReferencesRequired;

    [JsonIgnore]
    public bool AsksForSpecialisms => Eligibility.Needs(RuleKind.SpecialismRequired) || Type == DesignationType.TenantScheme;
    [JsonIgnore]
    public bool IsNational => DesignatedBy == DesignatedBy.College;

    /// <summary>The designation ends the day before the anniversary; null when the type has no fixed period.</summary>
    public DateOnly? EndDateFor(DateOnly start) => PeriodMonths is { } months ? start.AddMonths(months).AddDays(-1) : null;

    /// <summary>The day rate for this holder: heads are reimbursed at the headteacher rate where there is one (004).</summary>
    public int? DayRateFor(LeadershipRole? role) =>
        role == LeadershipRole.Headteacher && HeadteacherDayRatePence is { } head ? head : DayRatePence;

    [JsonIgnore]
    public string PeriodText => PeriodMonths switch
    {
        null => "No fixed period",
        { } m => Duration.Describe(m),
    };

    /// <summary>Everything wrong with this scheme, so a tenant's scheme is refused whole with every reason.</summary>
    public IReadOnlyList<string> Problems()
    {
        List<string> problems = [];
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("Give the scheme a name.");
        else if (Name.Trim().Length > MaxNameLength) problems.Add($"The name must be {MaxNameLength} characters or fewer.");
        if (string.IsNullOrWhiteSpace(ShortName)) problems.Add("Give the scheme a short name (for example ECTM).");
        else if (ShortName.Trim().Length > 12) problems.Add("The short name must be 12 characters or fewer.");
        if (Rules.Count == 0) problems.Add("Choose at least one eligibility rule.");
        if (Rules.Count > 20) problems.Add("A scheme can have at most 20 rules.");
        problems.AddRange(Rules.Select(r => r.Problem()).OfType<string>());
        if (Rules.Count(r => r.Kind == RuleKind.ReferencesRequired) > 1) problems.Add("Say how many references are required once.");
        var mustBe = Rules.Where(r => r.Kind == RuleKind.RoleMustBe).SelectMany(r => r.Roles ?? []).ToHashSet();
        var mustNotBe = Rules.Where(r => r.Kind == RuleKind.RoleMustNotBe).SelectMany(r => r.Roles ?? []).ToHashSet();
        if (mustBe.Count > 0 && mustBe.IsSubsetOf(mustNotBe)) problems.Add("The role rules exclude every role they allow, so nobody could apply.");
        if (PeriodMonths is not null and not (>= 1 and <= 120)) problems.Add("The period must be between 1 month and 10 years.");
        if (DayRatePence is not null and not (>= 0 and <= 200_000)) problems.Add("The day rate must be between £0 and £2,000.");
        if (HeadteacherDayRatePence is not null and not (>= 0 and <= 200_000)) problems.Add("The headteacher day rate must be between £0 and £2,000.");
        if (Training.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 200)) problems.Add("Each training item needs a name of 200 characters or fewer.");
        if (Description is { Length: > 2000 }) problems.Add("The description must be 2,000 characters or fewer.");
        // The scheme's words go into emails and letters, so they are plain text like every other field.
        if (new[] { Name, ShortName, Description }.Concat(Training).Concat(Rules.Select(r => r.Reason)).Any(PlainText.HasMarkup))
            problems.Add(PlainText.MarkupMessage);
        return problems;
    }
}

public static class Presets
{
    private static readonly LeadershipRole[] MiddleOrSeniorBelowHead =
        [LeadershipRole.MiddleLeader, LeadershipRole.SeniorLeader, LeadershipRole.DeputyHeadteacher, LeadershipRole.AssistantHeadteacher];

    /// <summary>
    /// SLE (001, 003 §2): a leadership role other than headteacher for at least 2 years; HLTAs are not eligible; at least
    /// 1 specialism. The period is the tenant's to set: 4 years follows the Swaledale practice (004).
    /// The seeds give no SLE day rate; the Swaledale rate is the default the tenant may change.
    /// </summary>
    public static readonly SchemeDefinition Sle = new(
        DesignationType.SpecialistLeaderOfEducation, "Specialist leader of education", "SLE",
        [
            RuleSpec.MinimumMonths(24),
            RuleSpec.RoleIsNot(LeadershipRole.Headteacher, "Headteachers are not eligible: you need to have been in a leadership role other than headteacher."),
            RuleSpec.RoleIsNot(LeadershipRole.HigherLevelTeachingAssistant, "Higher level teaching assistants are not eligible to apply."),
            RuleSpec.RoleIs("SLEs are middle or senior leaders: your current role must be a leadership role.", MiddleOrSeniorBelowHead),
            RuleSpec.Specialisms(1),
        ],
        PeriodMonths: 48, Training: ["Mandatory core training day"],
        DayRatePence: 30_000, HeadteacherDayRatePence: null, DesignatedBy.Tenant,
        Description: "Middle and senior leaders with expertise in a specialism, deployed to support leaders in similar positions in other schools.");

    /// <summary>LLE (003 §3): a serving headteacher with at least 3 years' headship, with good attainment and Ofsted outcomes.</summary>
    public static readonly SchemeDefinition Lle = new(
        DesignationType.LocalLeaderOfEducation, "Local leader of education", "LLE",
        [
            RuleSpec.RoleIs("LLEs are serving headteachers or principals.", LeadershipRole.Headteacher),
            RuleSpec.MinimumMonths(36, reason: "LLEs need at least 3 years' headship; you have {have}."),
            RuleSpec.SchoolRated("LLEs lead schools with good Ofsted outcomes: your school must be rated Outstanding or Good.", "Outstanding", "Good"),
        ],
        PeriodMonths: null, Training: ["Half-day induction", "Two consecutive training days"],
        DayRatePence: null, HeadteacherDayRatePence: null, DesignatedBy.College,
        Description: "Serving headteachers who support other heads and schools, including as professional partners to new heads.");

    /// <summary>NLE with NSS (003 §4): an outstanding head of an outstanding school; the school is designated NSS with them.</summary>
    public static readonly SchemeDefinition Nle = new(
        DesignationType.NationalLeaderOfEducation, "National leader of education", "NLE",
        [
            RuleSpec.RoleIs("NLEs are headteachers: your current role must be headteacher or principal.", LeadershipRole.Headteacher),
            RuleSpec.SchoolRated("Your school must be outstanding to become a national support school.", "Outstanding"),
        ],
        PeriodMonths: null, Training: ["Induction", "Continuing professional development"],
        DayRatePence: null, HeadteacherDayRatePence: null, DesignatedBy.College,
        Description: "Outstanding headteachers who, with their national support school, support schools in the most challenging circumstances.");

    /// <summary>The school designated with an NLE (003 §4); never applied for on its own.</summary>
    public static readonly SchemeDefinition Nss = new(
        DesignationType.NationalSupportSchool, "National support school", "NSS", [RuleSpec.SchoolRated("A national support school must be outstanding.", "Outstanding")],
        PeriodMonths: null, Training: ["Annual bursary agreed"], DayRatePence: null, HeadteacherDayRatePence: null, DesignatedBy.College);

    /// <summary>NLG (003 §5): a chair of governors for at least 3 years within the last 5; 2 years; 10–20 days a year.</summary>
    public static readonly SchemeDefinition Nlg = new(
        DesignationType.NationalLeaderOfGovernance, "National leader of governance", "NLG",
        [
            RuleSpec.RoleIs("NLGs are chairs of governors: your current role must be chair of governors.", LeadershipRole.ChairOfGovernors),
            RuleSpec.MinimumMonths(36, withinYears: 5, reason: "NLGs need at least 3 years as a chair of governors within the last 5 years; you have {have}."),
        ],
        PeriodMonths: 24, Training: ["24-hour induction"],
        DayRatePence: null, HeadteacherDayRatePence: null, DesignatedBy.College,
        Referee: RefereeKind.HeadteacherOfTheirSchool, CommitmentDaysPerYearMin: 10, CommitmentDaysPerYearMax: 20,
        Description: "Experienced chairs of governors who support other chairs, committing 10 to 20 days a year.");

    /// <summary>Teaching school (003 §6): an outstanding school with a record of working with others. Designating it creates a tenant.</summary>
    public static readonly SchemeDefinition TeachingSchool = new(
        DesignationType.TeachingSchool, "Teaching school", "TS",
        [
            RuleSpec.RoleIs("The headteacher applies on the school's behalf.", LeadershipRole.Headteacher),
            RuleSpec.SchoolRated("A teaching school must be outstanding.", "Outstanding"),
        ],
        PeriodMonths: null, Training: ["National induction event"],
        DayRatePence: null, HeadteacherDayRatePence: null, DesignatedBy.College,
        Description: "Outstanding schools that lead an alliance: initial teacher training, CPD, succession planning, school-to-school support, designating and brokering SLEs, research and development.");

    /// <summary>Alliance system leader (004): at least 2 years' leadership and an area of expertise; 4 years; £300/day, £400/day for heads.</summary>
    public static readonly SchemeDefinition AllianceSystemLeader = new(
        DesignationType.AllianceSystemLeader, "Alliance system leader", "ASL",
        [
            RuleSpec.RoleIs("System leaders are middle or senior leaders (including headteachers).",
                [.. MiddleOrSeniorBelowHead, LeadershipRole.Headteacher]),
            RuleSpec.MinimumMonths(24),
            RuleSpec.Specialisms(1),
            RuleSpec.References(1),
        ],
        PeriodMonths: 48, Training: ["Induction", "Training", "System Leaders Development Group"],
        DayRatePence: 30_000, HeadteacherDayRatePence: 40_000, DesignatedBy.Tenant, InterviewRequired: true,
        Description: "The alliance's own system leaders, designated after a signed headteacher reference and an interview with a panel including alliance headteachers.");

    public static readonly IReadOnlyList<SchemeDefinition> All = [Sle, Lle, Nle, Nlg, TeachingSchool, AllianceSystemLeader];

    /// <summary>The presets a tenant offers: its own designations. The College's presets go to the College.</summary>
    public static IEnumerable<SchemeDefinition> DecidedBy(DesignatedBy by) => All.Where(p => p.DesignatedBy == by);

    public static SchemeDefinition For(DesignationType type) => type switch
    {
        DesignationType.SpecialistLeaderOfEducation => Sle,
        DesignationType.LocalLeaderOfEducation => Lle,
        DesignationType.NationalLeaderOfEducation => Nle,
        DesignationType.NationalSupportSchool => Nss,
        DesignationType.NationalLeaderOfGovernance => Nlg,
        DesignationType.TeachingSchool => TeachingSchool,
        DesignationType.AllianceSystemLeader => AllianceSystemLeader,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "A tenant scheme has no preset; read it from the scheme."),
    };
}

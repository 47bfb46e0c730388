namespace SystemLeadership.Domain.Designations;

public enum DesignationType
{
    SpecialistLeaderOfEducation,
}

/// <summary>A designation type with its rules and period, exactly as DOMAIN.md and the seeds give them.</summary>
public sealed record DesignationPreset(
    DesignationType Type,
    string Name,
    string ShortName,
    EligibilityRules Eligibility,
    int PeriodYears,
    string Induction)
{
    /// <summary>
    /// SLE (seeds 001, 003 §2): a leadership role other than headteacher for at least 2 years; HLTAs are not eligible;
    /// at least 1 specialism. The period is the tenant's to set; 4 years follows the Swaledale practice (seed 004).
    /// </summary>
    public static readonly DesignationPreset Sle = new(
        DesignationType.SpecialistLeaderOfEducation,
        "Specialist leader of education",
        "SLE",
        new EligibilityRules(
        [
            new MinimumMonthsInLeadership(24),
            new RoleMustNotBe(LeadershipRole.Headteacher,
                "Headteachers are not eligible: you need to have been in a leadership role other than headteacher."),
            new RoleMustNotBe(LeadershipRole.HigherLevelTeachingAssistant,
                "Higher level teaching assistants are not eligible to apply."),
            new RoleMustBe(r => r.IsMiddleOrSeniorLeaderBelowHead(),
                "SLEs are middle or senior leaders: your current role must be a leadership role.",
                new HashSet<LeadershipRole> { LeadershipRole.Headteacher, LeadershipRole.HigherLevelTeachingAssistant }),
            new SpecialismRequired(1),
        ]),
        PeriodYears: 4,
        Induction: "Mandatory core training day");

    public static DesignationPreset For(DesignationType type) => type switch
    {
        DesignationType.SpecialistLeaderOfEducation => Sle,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No preset for this designation type."),
    };
}

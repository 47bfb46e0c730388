namespace SystemLeadership.Domain.Designations;

/// <summary>What the eligibility rules look at. Months, not years, so "1 year 11 months" is not rounded up to 2.</summary>
public sealed record ApplicantProfile(
    LeadershipRole? CurrentRole,
    int MonthsInLeadershipRole,
    IReadOnlyCollection<string> Specialisms);

/// <summary>One building block of a scheme's eligibility: null when met, otherwise the reason in the seed's words.</summary>
public interface IEligibilityRule
{
    string? Check(ApplicantProfile applicant);
}

public sealed record MinimumMonthsInLeadership(int Months) : IEligibilityRule
{
    public string? Check(ApplicantProfile applicant) =>
        applicant.MonthsInLeadershipRole >= Months
            ? null
            : $"You need to have been in a leadership role for at least {Describe(Months)}; you have {Describe(applicant.MonthsInLeadershipRole)}.";

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

public sealed record RoleMustNotBe(LeadershipRole Role, string Reason) : IEligibilityRule
{
    public string? Check(ApplicantProfile applicant) => applicant.CurrentRole == Role ? Reason : null;
}

public sealed record RoleMustBe(Func<LeadershipRole, bool> Allowed, string Reason, IReadOnlySet<LeadershipRole>? Excused = null) : IEligibilityRule
{
    public string? Check(ApplicantProfile applicant) => applicant.CurrentRole switch
    {
        null => "Tell us your current role.",
        { } role when Allowed(role) => null,
        // A role already refused by a more specific rule is not reported twice.
        { } role when Excused?.Contains(role) == true => null,
        _ => Reason,
    };
}

public sealed record SpecialismRequired(int Minimum) : IEligibilityRule
{
    public string? Check(ApplicantProfile applicant)
    {
        var known = applicant.Specialisms.Count(Specialisms.IsKnown);
        return known >= Minimum
            ? null
            : $"You must have at least {Minimum} specialism from the DfE areas of expertise.";
    }
}

/// <summary>A designation type's rules; every unmet reason is returned, not just the first.</summary>
public sealed record EligibilityRules(IReadOnlyList<IEligibilityRule> Rules)
{
    public IReadOnlyList<string> UnmetReasons(ApplicantProfile applicant) =>
        Rules.Select(r => r.Check(applicant)).OfType<string>().ToList();

    public bool IsEligible(ApplicantProfile applicant) => UnmetReasons(applicant).Count == 0;
}

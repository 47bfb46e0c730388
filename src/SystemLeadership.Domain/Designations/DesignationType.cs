namespace SystemLeadership.Domain.Designations;

/// <summary>The six national presets (DOMAIN.md), the NSS designated with an NLE, and a tenant's own scheme.</summary>
public enum DesignationType
{
    SpecialistLeaderOfEducation,
    LocalLeaderOfEducation,
    NationalLeaderOfEducation,
    NationalSupportSchool,
    NationalLeaderOfGovernance,
    TeachingSchool,
    AllianceSystemLeader,
    TenantScheme,
}

/// <summary>Who takes the decision: the teaching school/alliance (a tenant) or the College (national).</summary>
public enum DesignatedBy
{
    Tenant,
    College,
}

/// <summary>Who the applicant asks for a reference (DOMAIN.md; 004).</summary>
public enum RefereeKind
{
    /// <summary>The applicant's headteacher; the chair of governors when the applicant is the head.</summary>
    HeadteacherOrChair,
    /// <summary>NLG: the headteacher of the school whose board they chair.</summary>
    HeadteacherOfTheirSchool,
}

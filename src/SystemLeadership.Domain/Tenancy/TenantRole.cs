namespace SystemLeadership.Domain.Tenancy;

/// <summary>Roles a person holds inside one tenant. Flags, because one person often holds several.</summary>
[Flags]
public enum TenantRoles
{
    None = 0,
    Applicant = 1,
    SystemLeader = 2,
    AllianceManager = 4,
    SchoolContact = 8,
    Headteacher = 16,
}

public static class GlobalRoles
{
    /// <summary>National (College) administrators: across all tenants, two-factor required.</summary>
    public const string CollegeAdministrator = "CollegeAdministrator";
}

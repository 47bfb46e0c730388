using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Designations;

public enum DesignationState
{
    Active,
    Expired,
    Suspended,
    DeDesignated,
}

/// <summary>A person's designation, created by a decision on an application.</summary>
public sealed class Designation : ITenantOwned
{
    private Designation() { }

    public Designation(DesignationApplication application, DateOnly start, string designatedByName)
    {
        Id = Guid.NewGuid();
        TenantId = application.TenantId;
        ApplicationId = application.Id;
        HolderUserId = application.ApplicantUserId;
        HolderName = application.ApplicantName;
        Type = application.Type;
        Specialisms = [.. application.Specialisms];
        StartDate = start;
        EndDate = start.AddYears(application.Preset.PeriodYears).AddDays(-1);
        DesignatedByName = designatedByName;
        State = DesignationState.Active;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string HolderUserId { get; private set; } = "";
    public string HolderName { get; private set; } = "";
    public DesignationType Type { get; private set; }
    public List<string> Specialisms { get; private set; } = [];
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    public string DesignatedByName { get; private set; } = "";
    public DesignationState State { get; private set; }
}

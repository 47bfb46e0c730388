using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Designations;

/// <summary>A tenant's own designation type (evidence lead, ECT mentor, moderator…): rules as data, checked on save.</summary>
public sealed class Scheme : ITenantOwned
{
    private Scheme() { }

    public Scheme(Guid tenantId, SchemeDefinition definition, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        CreatedAt = at;
        Replace(definition);
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string Name { get; private set; } = "";
    public SchemeDefinition Definition { get; private set; } = Presets.Sle;
    public bool IsOpen { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; private set; }
    public uint Version { get; private set; }

    /// <summary>Edits apply to new applications; applications already made keep the copy they were made under.</summary>
    public void Replace(SchemeDefinition definition)
    {
        var problems = definition.Problems();
        if (problems.Count > 0) throw new InvalidInputException(problems);
        // A tenant's scheme is always decided by the tenant, whatever the form sent.
        Definition = definition with
        {
            Type = DesignationType.TenantScheme,
            DesignatedBy = DesignatedBy.Tenant,
            Name = definition.Name.Trim(),
            ShortName = definition.ShortName.Trim(),
        };
        Name = Definition.Name;
    }

    public void Close() => IsOpen = false;
    public void Reopen() => IsOpen = true;
}

using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Designations;

/// <summary>The parts a person plays on a designation.</summary>
public enum DesignationRole
{
    Holder,
    Manager,
}

/// <summary>
/// Who is a party to a designation: its holder, and the tenant's managers. In the College's tenant the managers are the
/// College administrators: entering that tenant gives them the manager's role and takes it from anyone else
/// (TenantAccess), so the actor's roles already say it here.
/// </summary>
public static class DesignationParties
{
    public static IReadOnlyList<DesignationRole> Of(Designation designation, Actor actor)
    {
        List<DesignationRole> roles = [];
        if (designation.HolderUserId == actor.UserId) roles.Add(DesignationRole.Holder);
        if (actor.Is(TenantRoles.AllianceManager)) roles.Add(DesignationRole.Manager);
        return roles;
    }

    /// <summary>What a set of parts may see and do on a designation.</summary>
    public static DesignationSight Sight(IReadOnlyList<DesignationRole> roles)
    {
        var manager = roles.Contains(DesignationRole.Manager);
        var holder = roles.Contains(DesignationRole.Holder);
        return new DesignationSight(
            // Managers look after the tenant's designations on its page; holders see theirs on "My designations".
            Record: manager,
            Letter: manager || holder,
            // A manager never decides on their own designation.
            Decide: manager && !holder);
    }
}

/// <summary>The parts of a designation a person may see, and whether they may decide on it.</summary>
public sealed record DesignationSight(bool Record, bool Letter, bool Decide);

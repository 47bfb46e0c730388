using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Auditing;
using SystemLeadership.Domain.Designations;
using DesignationTransition = SystemLeadership.Domain.Workflows.Transition<SystemLeadership.Domain.Designations.DesignationState, SystemLeadership.Domain.Designations.DesignationMove, SystemLeadership.Domain.Designations.ApplicationActor, SystemLeadership.Domain.Designations.DesignationContext>;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Documents;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>
/// One designation as one person may see it, with the moves they may make now. Null means "not found" — not in this
/// tenant, or not theirs to see — for the page and the letter alike.
/// </summary>
public sealed record DesignationView(
    Designation Designation,
    IReadOnlyList<DesignationRole> Roles,
    DesignationSight Sight,
    IReadOnlyList<AuditEntry> History,
    IReadOnlyList<DesignationTransition> Moves)
{
    public bool Is(DesignationRole role) => Roles.Contains(role);
}

/// <summary>Who sees which designation, and its letter: the one place pages and endpoints ask.</summary>
public sealed class DesignationViews(TenantDbContextFactory contexts, TimeProvider clock)
{
    /// <summary>The designation's own page, for the tenant's managers; holders see theirs on "My designations".</summary>
    public async Task<DesignationView?> ForAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var designation = await db.Designations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (designation is null || !DesignationParties.Sight(DesignationParties.Of(designation, actor)).Record) return null;
        var history = await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == id).OrderBy(a => a.At).ToListAsync(ct);
        return From(designation, history, actor, designation.TenantId);
    }

    /// <summary>
    /// The view of a designation and its history already read (by this page's prerender, say), decided afresh for the
    /// person: null when it is not theirs to see, as <see cref="ForAsync"/> decides.
    /// </summary>
    public static DesignationView? From(Designation designation, IReadOnlyList<AuditEntry> history, Actor actor, Guid tenantId)
    {
        // Not read here, so the tenant's query filter did not see it: the tenant is checked as the filter would.
        if (designation.TenantId != tenantId) return null;
        var roles = DesignationParties.Of(designation, actor);
        var sight = DesignationParties.Sight(roles);
        return sight.Record ? new DesignationView(designation, roles, sight, history, DesignationService.MovesFor(designation, roles)) : null;
    }

    /// <summary>The designation letter, for its holder and the tenant's managers; null for anyone else and any other tenant.</summary>
    public async Task<DocumentFile?> LetterAsync(Guid designationId, Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var designation = await db.Designations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == designationId, ct);
        if (designation is null || !DesignationParties.Sight(DesignationParties.Of(designation, actor)).Letter) return null;
        var tenant = await ApplicationService.CurrentTenantAsync(db, ct);
        return new DocumentFile(DesignationLetter.Render(designation, tenant.Name, clock.GetUtcNow()),
            $"designation-letter-{FileNames.Slug(designation.HolderName)}.pdf");
    }
}

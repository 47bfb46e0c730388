using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Grids;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>A page of an alliance's designations, with those whose training is still to do among them.</summary>
public sealed record AllianceRegisterPage(PageOf<RegisterEntry> Page, IReadOnlySet<Guid> TrainingDue);

/// <summary>
/// An alliance's own designations as a grid: the national register's filter, order and columns over the tenant's rows
/// (its query filter and policy), paged in SQL, for its alliance managers only (null for anyone else).
/// </summary>
public sealed class AllianceRegister(TenantDbContextFactory contexts, Changes changes)
{
    public async Task<AllianceRegisterPage?> PageAsync(Actor actor, RegisterFilter filter, PageRequest page, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        var rows = await NationalRegister.Query(db.Designations, db, filter, page.Sort, page.Descending, changes.Today).ToPageAsync(page, ct);
        // Training is kept as JSON, so whether it is done is read for this page's rows only (a third statement).
        var ids = rows.Rows.Where(r => r.State is DesignationState.Active or DesignationState.Suspended).Select(r => r.Id).ToList();
        var training = ids.Count == 0 ? [] : await db.Designations.AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Training }).ToListAsync(ct);
        return new AllianceRegisterPage(rows, training.Where(t => t.Training.Any(i => i.CompletedOn is null)).Select(t => t.Id).ToHashSet());
    }

    /// <summary>Every row the filter matches, in the page's order, for a CSV or XLSX download; null for anyone but a manager.</summary>
    public async Task<IReadOnlyList<RegisterEntry>?> ExportAsync(Actor actor, RegisterFilter filter, string? sort, bool descending, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        return await NationalRegister.Query(db.Designations, db, filter, sort, descending, changes.Today).Take(TableExport.ReadLimit).ToListAsync(ct);
    }
}

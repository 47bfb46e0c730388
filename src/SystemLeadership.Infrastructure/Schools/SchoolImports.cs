using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Schools;

/// <summary>A GIAS extract uploaded by a College administrator: national data, so no tenant is involved.</summary>
public sealed class SchoolImports(TenantDbContextFactory contexts, TimeProvider clock)
{
    public async Task<SchoolImportResult> ImportAsync(Stream csv, bool includeClosed, IProgress<SchoolImportProgress>? progress = null, CancellationToken ct = default)
    {
        SchoolImportResult result;
        await using (var db = contexts.WithoutTenant())
        {
            result = await SchoolImporter.ImportAsync(db, csv, includeClosed, UkTime.Today(clock), progress, ct);
        }
        if (result.Succeeded && result.Added + result.Updated > 0) await RefreshDirectoryAsync(ct);
        return result;
    }

    /// <summary>
    /// The public directory copies each listed leader's school area and grid reference when their entry is written; after
    /// the register changes, every alliance's listed leaders are written again from it. Each alliance in its own context
    /// (row-level security lets the refresh read only that alliance's designations), one statement each.
    /// </summary>
    public async Task RefreshDirectoryAsync(CancellationToken ct = default)
    {
        List<Guid> tenants;
        await using (var db = contexts.WithoutTenant())
        {
            // The read model's rows are readable by anyone; its tenant column says whose entries to write again.
            tenants = await db.Database.SqlQuery<Guid>($"""SELECT DISTINCT "TenantId" AS "Value" FROM "DirectoryEntries" """).ToListAsync(ct);
        }
        foreach (var tenant in tenants)
        {
            await using var db = contexts.ForTenant(tenant);
            await db.Database.ExecuteSqlAsync($"""SELECT directory_refresh({tenant}, l."HolderUserId") FROM "DirectoryListings" l WHERE l."Listed" """, ct);
        }
    }
}

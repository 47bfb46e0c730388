using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Schools;

/// <summary>A GIAS extract uploaded by a College administrator: national data, so no tenant is involved.</summary>
public sealed class SchoolImports(TenantDbContextFactory contexts, TimeProvider clock)
{
    public async Task<SchoolImportResult> ImportAsync(Stream csv, bool includeClosed, IProgress<SchoolImportProgress>? progress = null, CancellationToken ct = default)
    {
        await using var db = contexts.WithoutTenant();
        return await SchoolImporter.ImportAsync(db, csv, includeClosed, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), progress, ct);
    }
}

using Microsoft.EntityFrameworkCore;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Web.Schools;

/// <summary>Finds an open school by URN for forms: GIAS is national data, so no tenant is needed.</summary>
public sealed class SchoolLookup(TenantDbContextFactory contexts)
{
    public async Task<(string Name, string? Rating)?> FindAsync(int urn)
    {
        await using var db = contexts.WithoutTenant();
        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Urn == urn);
        return school is { IsOpen: true } ? (school.Name, school.OfstedRating) : null;
    }
}

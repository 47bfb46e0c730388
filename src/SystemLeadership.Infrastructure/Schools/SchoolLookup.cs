using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Schools;

/// <summary>An open school as forms need it.</summary>
public sealed record OpenSchool(int Urn, string Name, string? Phase, string? OfstedRating);

/// <summary>Finds an open school by URN for forms: GIAS is national data, so no tenant is needed.</summary>
public sealed class SchoolLookup(TenantDbContextFactory contexts, TimeProvider clock)
{
    public async Task<OpenSchool?> FindOpenAsync(int urn, CancellationToken ct = default)
    {
        await using var db = contexts.WithoutTenant();
        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Urn == urn, ct);
        return school is not null && school.IsOpenOn(UkTime.Today(clock)) ? new OpenSchool(school.Urn, school.Name, school.Phase, school.OfstedRating) : null;
    }
}

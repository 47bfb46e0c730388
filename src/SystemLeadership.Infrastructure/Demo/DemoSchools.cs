using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Schools;

namespace SystemLeadership.Infrastructure.Demo;

public static class DemoSchools
{
    public static async Task SeedAsync(TenantDbContextFactory contexts)
    {
        await using var db = contexts.WithoutTenant();
        await using var csv = SchoolImporter.DemoSchoolsCsv();
        var result = await SchoolImporter.ImportAsync(db, csv, includeClosed: false, cancellationToken: CancellationToken.None);
        if (result.Errors.Count > 0) throw new InvalidOperationException("The demo schools file is malformed: " + string.Join("; ", result.Errors));
    }
}

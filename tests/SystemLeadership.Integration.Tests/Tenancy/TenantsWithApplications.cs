using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Tenancy;

/// <summary>A tenant of its own with a known number of applications: what the pooling tests tell tenants apart by.</summary>
internal static class TenantsWithApplications
{
    public static async Task<Tenant> TenantWithApplicationsAsync(this DatabaseFixture db, string name, int count)
    {
        var tenant = new Tenant(name, name.ToLowerInvariant().Replace(' ', '-') + "-" + Guid.NewGuid().ToString("N")[..6], 100001);
        await using (var context = db.NewContext())
        {
            context.Tenants.Add(tenant);
            await context.SaveChangesAsync();
        }
        await using (var context = db.NewContext(tenant.Id))
        {
            for (var i = 0; i < count; i++)
            {
                context.Applications.Add(new DesignationApplication(tenant.Id, "user-" + Guid.NewGuid(), $"{name} applicant {i}", $"a{i}@example.org", Presets.Sle));
            }
            await context.SaveChangesAsync();
        }
        return tenant;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Demo;

/// <summary>Demo alliances, people (one per role) and fictional schools, written only into an empty database.</summary>
public static class DemoData
{
    public const string Password = "Demo-Password-2026!";

    public static readonly IReadOnlyList<(string Email, string Name, string Role)> Accounts =
    [
        ("manager@swaledale.test", "Margaret Thompson", "Alliance manager, Swaledale Alliance"),
        ("deputy@swaledale.test", "Ian Wright", "Second alliance manager, Swaledale Alliance (shares the queue with Margaret)"),
        ("applicant@swaledale.test", "Priya Shah", "Applicant (head of maths), Swaledale Alliance"),
        ("head@swaledale.test", "David Okafor", "Headteacher, Swaledale Alliance (sits on interview panels; Grace Hopper's head)"),
        ("head2@swaledale.test", "Amira Patel", "Headteacher, Swaledale Alliance (sits on interview panels; Mary Somerville's head)"),
        ("chair@governors.test", "Helen Marsh", "Chair of governors (can apply to the College to be an NLG)"),
        ("leader@swaledale.test", "Grace Hopper", "System leader (SLE maths, Moorside Academy), Swaledale Alliance"),
        ("leader2@swaledale.test", "Katherine Johnson", "System leader (SLE maths, Derwent Bank All-Through Academy), Swaledale Alliance"),
        ("leader3@swaledale.test", "Mary Somerville", "System leader (SLE maths, Wensleydale Head Primary School), Swaledale Alliance"),
        ("head3@swaledale.test", "Samuel Lazenby", "Headteacher of Derwent Bank All-Through Academy (Katherine Johnson's head), Swaledale Alliance"),
        ("contact@swaledale.test", "Tom Reid", "Supported school contact (Stray Infant School, URN 900006), Swaledale Alliance"),
        ("manager@learnersfirst.test", "Owen Price", "Alliance manager, Learners First Alliance"),
        ("college@systemleadership.test", "Ruth Adeyemi", "College administrator: national applications and register (two-factor set-up required at first sign-in)"),
    ];

    public static async Task SeedIfEmptyAsync(IServiceProvider services, ILogger logger)
    {
        using var scope = services.CreateScope();
        var contexts = scope.ServiceProvider.GetRequiredService<TenantDbContextFactory>();
        await using (var db = contexts.WithoutTenant())
        {
            if (await db.Tenants.AnyAsync()) return;
        }

        logger.LogInformation("Empty database: writing demo data.");
        var swaledale = new Tenant("Swaledale Alliance", "swaledale", 900001);
        var learnersFirst = new Tenant("Learners First Alliance", "learners-first", 900002);
        var college = Tenant.College();
        await using (var db = contexts.WithoutTenant())
        {
            db.Tenants.AddRange(swaledale, learnersFirst, college);
            await db.SaveChangesAsync();
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(GlobalRoles.CollegeAdministrator))
        {
            await roles.CreateAsync(new IdentityRole(GlobalRoles.CollegeAdministrator));
        }

        var memberships = new Dictionary<string, (Tenant Tenant, TenantRoles Roles)>
        {
            ["manager@swaledale.test"] = (swaledale, TenantRoles.AllianceManager),
            ["deputy@swaledale.test"] = (swaledale, TenantRoles.AllianceManager),
            ["applicant@swaledale.test"] = (swaledale, TenantRoles.Applicant),
            ["head@swaledale.test"] = (swaledale, TenantRoles.Headteacher),
            ["head2@swaledale.test"] = (swaledale, TenantRoles.Headteacher),
            ["college@systemleadership.test"] = (college, TenantRoles.AllianceManager),
            ["leader@swaledale.test"] = (swaledale, TenantRoles.SystemLeader),
            ["contact@swaledale.test"] = (swaledale, TenantRoles.SchoolContact),
            ["manager@learnersfirst.test"] = (learnersFirst, TenantRoles.AllianceManager),
        };

        foreach (var (email, name, _) in Accounts)
        {
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, FullName = name };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded) throw new InvalidOperationException($"Demo user {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            if (email.StartsWith("college@", StringComparison.Ordinal)) await users.AddToRoleAsync(user, GlobalRoles.CollegeAdministrator);
            if (memberships.TryGetValue(email, out var m))
            {
                await using var db = contexts.ForTenant(m.Tenant.Id);
                db.Memberships.Add(new Membership(m.Tenant.Id, user.Id, m.Roles));
                await db.SaveChangesAsync();
            }
        }

        await DemoSchools.SeedAsync(contexts);
        await DemoBrokerage.SeedAsync(scope.ServiceProvider, swaledale);
        await DemoBrokerageCycle.SeedAsync(scope.ServiceProvider, swaledale);
        await DemoApplications.SeedAsync(scope.ServiceProvider, swaledale);
        await DemoApplications.SeedLearnersFirstAsync(scope.ServiceProvider, learnersFirst);
        await DemoApplications.SeedCollegeQueueAsync(scope.ServiceProvider, college);
        await DemoBrokerage.SeedNetworkAsync(scope.ServiceProvider, swaledale, learnersFirst);
    }
}

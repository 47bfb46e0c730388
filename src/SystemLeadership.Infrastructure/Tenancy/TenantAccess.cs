using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Tenancy;

/// <summary>The signed-in person's place in the tenant named by a URL's slug.</summary>
public sealed record TenantMembership(Tenant Tenant, Membership Membership, Actor Actor);

/// <summary>
/// Checks a URL's tenant slug against the person's memberships (never trusting the slug) and, when it matches,
/// fixes the tenant for every context made afterwards in this request or circuit.
/// </summary>
public sealed class TenantAccess(TenantContext tenantContext, TenantDbContextFactory contexts, SignedInPerson signedIn)
{
    public async Task<TenantMembership?> EnterAsync(string slug, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (await signedIn.GetAsync(user, ct) is not { } person) return null;
        var userId = person.UserId;
        var mine = person.In(slug);
        var tenant = mine?.Tenant;
        var membership = mine is null ? null : new Membership(mine.Tenant.Id, userId, mine.Roles);
        if (slug == Tenant.CollegeSlug)
        {
            // In the College's tenant, deciding is for College administrators (the global role), whatever a membership says.
            var isAdministrator = user.IsInRole(GlobalRoles.CollegeAdministrator);
            if (tenant is null && isAdministrator)
            {
                await using var db = contexts.WithoutTenant();
                tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, ct);
            }
            if (tenant is null) return null;
            if (isAdministrator) membership ??= new Membership(tenant.Id, userId, TenantRoles.AllianceManager);
            if (membership is not null && !isAdministrator && membership.Has(TenantRoles.AllianceManager))
                membership = new Membership(tenant.Id, userId, membership.Roles & ~TenantRoles.AllianceManager);
        }
        if (tenant is null || membership is null) return null;

        tenantContext.SetTenant(tenant.Id, tenant.Slug);
        return new TenantMembership(tenant, membership, new Actor(userId, person.FullName, person.Email, membership.Roles));
    }

    public async Task<IReadOnlyList<(Tenant Tenant, TenantRoles Roles)>> MembershipsAsync(ClaimsPrincipal user, CancellationToken ct = default) =>
        (await signedIn.GetAsync(user, ct))?.Memberships.Select(m => (m.Tenant, m.Roles)).ToList() ?? [];

    public async Task<IReadOnlyList<Tenant>> AllTenantsAsync(CancellationToken ct = default)
    {
        await using var db = contexts.WithoutTenant();
        return await db.Tenants.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
    }

    /// <summary>A signed-in person chooses an alliance to apply to: they join it as an applicant.</summary>
    public async Task JoinAsApplicantAsync(Guid tenantId, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Sign in first.");
        await using var db = contexts.ForTenant(tenantId);
        if (await db.Memberships.AnyAsync(m => m.UserId == userId, ct)) return;
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.FullName).FirstAsync(ct);
        var membership = new Membership(tenantId, userId, TenantRoles.Applicant);
        db.Memberships.Add(membership);
        db.AuditEntries.Add(new Domain.Auditing.AuditEntry(tenantId, "Membership", membership.Id, "Joined as applicant", null, nameof(TenantRoles.Applicant), userId, name, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        signedIn.Forget();
    }
}

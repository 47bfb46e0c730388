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
public sealed class TenantAccess(TenantContext tenantContext, TenantDbContextFactory contexts)
{
    public async Task<TenantMembership?> EnterAsync(string slug, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return null;
        tenantContext.SetUser(userId);

        await using var db = contexts.WithoutTenant();
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, ct);
        if (tenant is null) return null;
        // The person's own memberships are visible across tenants (row-level policy on app.user_id).
        var membership = await db.Memberships.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(m => m.TenantId == tenant.Id && m.UserId == userId, ct);
        if (tenant.IsCollege)
        {
            // In the College's tenant, deciding is for College administrators (the global role), whatever a membership says.
            var isAdministrator = user.IsInRole(GlobalRoles.CollegeAdministrator);
            if (isAdministrator) membership ??= new Membership(tenant.Id, userId, TenantRoles.AllianceManager);
            if (membership is not null && !isAdministrator && membership.Has(TenantRoles.AllianceManager))
                membership = new Membership(tenant.Id, userId, membership.Roles & ~TenantRoles.AllianceManager);
        }
        if (membership is null) return null;

        var person = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.FullName, u.Email }).FirstAsync(ct);
        tenantContext.SetTenant(tenant.Id, tenant.Slug);
        return new TenantMembership(tenant, membership, new Actor(userId, person.FullName, person.Email ?? "", membership.Roles));
    }

    public async Task<IReadOnlyList<(Tenant Tenant, TenantRoles Roles)>> MembershipsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return [];
        tenantContext.SetUser(userId);
        await using var db = contexts.WithoutTenant();
        var rows = await db.Memberships.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Tenants, m => m.TenantId, t => t.Id, (m, t) => new { Tenant = t, m.Roles })
            .OrderBy(x => x.Tenant.Name)
            .ToListAsync(ct);
        return rows.Select(r => (r.Tenant, r.Roles)).ToList();
    }

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
    }
}

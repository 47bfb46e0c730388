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
    /// <summary>
    /// The person's name comes from the request's or circuit's cache (SignedInPerson); the membership itself is read
    /// from the database on every entry, so a role taken away applies at the next page, even within a circuit.
    /// </summary>
    public async Task<TenantMembership?> EnterAsync(string slug, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (await signedIn.GetAsync(user, ct) is not { } person) return null;
        var userId = person.UserId;
        await using var db = contexts.WithoutTenant();
        // The person's own memberships are visible across tenants (row-level policy on app.user_id); one statement.
        var row = await db.Tenants.AsNoTracking()
            .Where(t => t.Slug == slug)
            .Select(t => new
            {
                Tenant = t,
                Roles = db.Memberships.IgnoreQueryFilters().Where(m => m.TenantId == t.Id && m.UserId == userId).Select(m => (TenantRoles?)m.Roles).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var tenant = row.Tenant;
        var membership = row.Roles is { } roles ? new Membership(tenant.Id, userId, roles) : null;
        if (tenant.IsCollege)
        {
            // In the College's tenant, deciding is for College administrators (the global role), whatever a membership says.
            var isAdministrator = user.IsInRole(GlobalRoles.CollegeAdministrator);
            if (isAdministrator) membership ??= new Membership(tenant.Id, userId, TenantRoles.AllianceManager);
            if (membership is not null && !isAdministrator && membership.Has(TenantRoles.AllianceManager))
                membership = new Membership(tenant.Id, userId, membership.Roles & ~TenantRoles.AllianceManager);
        }
        if (membership is null) return null;

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

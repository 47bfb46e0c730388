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
    /// The person's memberships as the database has them now (<see cref="SignedInPerson.EnterFreshAsync"/>: the load
    /// this request made for its menu, or a new one), so a role taken away applies at the next page, even within a circuit.
    /// </summary>
    public async Task<TenantMembership?> EnterAsync(string slug, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (await signedIn.EnterFreshAsync(user, ct) is not { } person) return null;
        var userId = person.UserId;
        var held = person.In(slug);
        var tenant = held?.Tenant;
        if (tenant is null)
        {
            // No membership: only a College administrator enters a tenant so, and only the College's.
            if (!user.IsInRole(GlobalRoles.CollegeAdministrator)) return null;
            await using var db = contexts.WithoutTenant();
            tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug && t.IsCollege, ct);
            if (tenant is null) return null;
        }
        var membership = held is not null ? new Membership(tenant.Id, userId, held.Roles) : null;
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

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Tenancy;

/// <summary>One of the person's alliances and their roles there.</summary>
public sealed record PersonMembership(Tenant Tenant, TenantRoles Roles);

/// <summary>Who is signed in, as the database knows them: their name and every membership, read in one statement.</summary>
public sealed record Person(string UserId, string FullName, string Email, IReadOnlyList<PersonMembership> Memberships)
{
    public PersonMembership? In(string slug) => Memberships.FirstOrDefault(m => m.Tenant.Slug == slug);
}

/// <summary>
/// The signed-in person, read once per request or circuit and kept for it: the navigation, the alliance switcher and
/// the tenant gate all ask, and only the first asks the database. A change to the person's own memberships made in
/// this scope (joining an alliance) calls <see cref="Forget"/>; roles granted by someone else show on the next page load
/// (a new request or circuit), as a sign-in would.
/// </summary>
public sealed class SignedInPerson(TenantContext tenantContext, TenantDbContextFactory contexts, IMemoryCache cache, TimeProvider clock)
{
    private string? loadedFor;
    private Task<Person?>? loading;
    // Whether the load has yet to be used to enter a tenant, and when it was made (see EnterFreshAsync).
    private bool unspent;
    private DateTimeOffset loadedAt;

    /// <summary>How recent an unused load must be for an entry to trust it: a request's or a circuit start's own.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(2);

    /// <summary>The alliance this request or circuit last showed, so pages outside one (account, College) keep its menu.</summary>
    public string? LastSlug { get; set; }

    public Task<Person?> GetAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return Task.FromResult<Person?>(null);
        tenantContext.SetUser(userId);
        // A load that failed or was cancelled is not kept: the next caller tries again.
        if (loading is null || loadedFor != userId || loading.IsFaulted || loading.IsCanceled)
        {
            loadedFor = userId;
            unspent = true;
            loadedAt = clock.GetUtcNow();
            loading = LoadAsync(userId, CancellationToken.None);
        }
        return loading.WaitAsync(ct);
    }

    /// <summary>
    /// The person as the database has them now, for entering a tenant: the load this request or circuit has just made,
    /// if no entry has used it yet and it is at most <see cref="FreshFor"/> old (a static page's request loads once, for
    /// its menu and its gate alike), else read again, so a role taken away applies at the next page even within a
    /// circuit that started on a page outside any alliance.
    /// </summary>
    public async Task<Person?> EnterFreshAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!unspent || clock.GetUtcNow() - loadedAt > FreshFor) Forget();
        var person = await GetAsync(user, ct);
        unspent = false;
        return person;
    }

    /// <summary>
    /// Whether the person holds any designation (in any state) in the tenant, for the menu's "My designations": kept
    /// with the menu's counts (<see cref="Reports.MenuCounts.Fresh"/>), so a designation made by someone else shows within
    /// that time and the person's own change (which forgets their counts) at once.
    /// </summary>
    public async Task<bool> HoldsDesignationInAsync(Guid tenantId, string userId, CancellationToken ct = default) =>
        await cache.GetOrCreateAsync(("holds", tenantId, userId, Reports.MenuCounts.Generation(userId)), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Reports.MenuCounts.Fresh;
            entry.Size = 1;
            await using var db = contexts.ForTenant(tenantId);
            return await db.Designations.AsNoTracking().AnyAsync(d => d.HolderUserId == userId, ct);
        });

    public void Forget()
    {
        loading = null;
        loadedFor = null;
        unspent = false;
    }

    private async Task<Person?> LoadAsync(string userId, CancellationToken ct)
    {
        await using var db = contexts.WithoutTenant();
        var rows = new List<PersonRow>();
        await foreach (var row in PersonRows(db, userId).WithCancellation(ct)) rows.Add(row);
        if (rows.Count == 0) return null;
        var memberships = rows
            .Where(r => r.Tenant is not null)
            .OrderBy(r => r.Tenant!.Name, StringComparer.CurrentCulture)
            .Select(r => new PersonMembership(r.Tenant!, r.Roles ?? TenantRoles.None))
            .ToList();
        return new Person(userId, rows[0].FullName, rows[0].Email ?? "", memberships);
    }

    /// <summary>The person's name with each membership and its alliance: one row for each, or one with no alliance.</summary>
    private sealed record PersonRow(string FullName, string? Email, Tenant? Tenant, TenantRoles? Roles);

    // Every page asks this once, so it is compiled once: flat rows (no nested collection to shape) and no query tree to
    // walk and look up on each call. The person's own memberships are visible across tenants (row-level policy on
    // app.user_id); one statement.
    private static readonly Func<AppDbContext, string, IAsyncEnumerable<PersonRow>> PersonRows = EF.CompileAsyncQuery(
        (AppDbContext db, string userId) =>
            from u in db.Users.AsNoTracking()
            where u.Id == userId
            from m in (from m in db.Memberships.IgnoreQueryFilters()
                       join t in db.Tenants on m.TenantId equals t.Id
                       where m.UserId == u.Id
                       select new { Tenant = t, m.Roles }).DefaultIfEmpty()
            select new PersonRow(u.FullName, u.Email, m == null ? null : m.Tenant, m == null ? (TenantRoles?)null : m.Roles));
}

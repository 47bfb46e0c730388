namespace SystemLeadership.Infrastructure.Tenancy;

/// <summary>
/// The tenant and user an operation acts for. Scoped to a request or a Blazor circuit; a DbContext copies the values
/// when it is made, so changing them later never changes what an existing context can see.
/// </summary>
public sealed class TenantContext
{
    public Guid? TenantId { get; private set; }
    public string? TenantSlug { get; private set; }
    public string? UserId { get; private set; }
    public bool NationalRead { get; private init; }

    public void SetUser(string? userId) => UserId = userId;

    public void SetTenant(Guid tenantId, string slug)
    {
        TenantId = tenantId;
        TenantSlug = slug;
    }

    public void Clear()
    {
        TenantId = null;
        TenantSlug = null;
    }

    /// <summary>For a College administrator reading the national register; the caller checks the role.</summary>
    public static TenantContext NationalRegister(string? userId) => new() { UserId = userId, NationalRead = true };

    /// <summary>For background work that carries its own tenant id.</summary>
    public static TenantContext For(Guid? tenantId, string? userId = null)
    {
        var context = new TenantContext { TenantId = tenantId, UserId = userId };
        return context;
    }
}

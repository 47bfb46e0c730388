using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>A tenant's own schemes: built from the rule building blocks, checked on save, never code per tenant.</summary>
public sealed class SchemeService(TenantDbContextFactory contexts, Changes changes)
{
    /// <summary>The tenant's schemes, for its alliance managers; null for anyone else (the College's designations are national presets, not shaped here).</summary>
    public async Task<IReadOnlyList<Scheme>?> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        if (await db.Tenants.AnyAsync(t => t.Id == db.TenantId && t.IsCollege, ct)) return null;
        return await db.Schemes.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
    }

    public async Task<Scheme?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Schemes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
    }

    public async Task<Scheme> CreateAsync(SchemeDefinition definition, Actor manager, CancellationToken ct = default)
    {
        EnsureManager(manager);
        await using var db = contexts.CreateDbContext();
        var tenantId = db.TenantId ?? throw new InvalidOperationException("No tenant is selected.");
        var scheme = new Scheme(tenantId, definition, changes.Now);
        db.Schemes.Add(scheme);
        changes.For(db, tenantId).Audit(nameof(Scheme), scheme.Id, manager, "Scheme created", null, "Open", Summary(scheme.Definition));
        await SaveUniqueAsync(db, scheme, ct);
        return scheme;
    }

    public async Task<Scheme> UpdateAsync(Guid id, uint version, SchemeDefinition definition, Actor manager, CancellationToken ct = default)
    {
        EnsureManager(manager);
        await using var db = contexts.CreateDbContext();
        var scheme = await db.Schemes.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException();
        if (scheme.Version != version) throw new StaleException();
        db.Entry(scheme).Property(s => s.Version).OriginalValue = version;
        scheme.Replace(definition);
        changes.For(db, scheme.TenantId).Audit(nameof(Scheme), scheme.Id, manager, "Scheme changed", null, null, Summary(scheme.Definition));
        await SaveUniqueAsync(db, scheme, ct);
        return scheme;
    }

    public async Task SetOpenAsync(Guid id, uint version, bool open, Actor manager, CancellationToken ct = default)
    {
        EnsureManager(manager);
        await using var db = contexts.CreateDbContext();
        var scheme = await db.Schemes.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException();
        if (scheme.Version != version) throw new StaleException();
        db.Entry(scheme).Property(s => s.Version).OriginalValue = version;
        var from = scheme.IsOpen ? "Open" : "Closed";
        if (open) scheme.Reopen(); else scheme.Close();
        changes.For(db, scheme.TenantId).Audit(nameof(Scheme), scheme.Id, manager, open ? "Scheme reopened" : "Scheme closed to new applications", from, open ? "Open" : "Closed");
        await ChangeRecorder.SaveAsync(db, ct);
    }

    private const string DuplicateName = "This alliance already has a scheme with that name.";

    private static string Summary(SchemeDefinition d) =>
        $"{d.Name} ({d.ShortName}); {d.PeriodText}; rules: {string.Join("; ", d.Rules.Select(r => r.Describe()))}";

    private static void EnsureManager(Actor actor)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) throw new NotAllowedException("Only an alliance manager can change schemes.");
    }

    private static async Task SaveUniqueAsync(AppDbContext db, Scheme scheme, CancellationToken ct)
    {
        // The unique index compares names exactly; people read "ECT mentor" and "ECT Mentor" as the same scheme.
        var exactly = LikePattern.Exactly(scheme.Name);
        if (await db.Schemes.AnyAsync(s => s.Id != scheme.Id && EF.Functions.ILike(s.Name, exactly), ct))
            throw new InvalidInputException([DuplicateName]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleException();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new InvalidInputException([DuplicateName]);
        }
    }
}

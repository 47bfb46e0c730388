using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Reports;

/// <summary>The alliance manager's dashboard, over the tenant the context was made for; null for anyone else.</summary>
public sealed class AllianceReports(TenantDbContextFactory contexts, TimeProvider clock)
{
    public const int TrendQuarters = Dashboard.TrendQuarters;

    public async Task<DashboardFigures?> ForAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        return await new Dashboard(db, national: false, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).FiguresAsync(ct);
    }
}

/// <summary>
/// The College's national dashboard: the same figures over every alliance, read through the SELECT-only national
/// policy. The caller must be a College administrator (the page checks the role, as for the national register).
/// </summary>
public sealed class NationalReports(TenantDbContextFactory contexts, TimeProvider clock, IMemoryCache cache)
{
    /// <summary>How long the nation's figures are kept before they are counted again.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);

    private static readonly object Key = new();

    /// <summary>
    /// The figures as last counted on this node, counted again when older than <see cref="Fresh"/>: counting every
    /// alliance's records takes a few hundred milliseconds at national scale, and a national picture need not be newer.
    /// </summary>
    public async Task<NationalFigures> FiguresAsync(CancellationToken ct = default)
    {
        if (cache.Get<NationalFigures>(Key) is { } kept && clock.GetUtcNow() - kept.CountedAt < Fresh) return kept;
        var counted = new NationalFigures(await CountAsync(ct), clock.GetUtcNow());
        cache.Set(Key, counted, new MemoryCacheEntryOptions { Size = 1 });
        return counted;
    }

    /// <summary>Counts every figure now (what <see cref="FiguresAsync"/> keeps; the benchmark times this).</summary>
    public async Task<DashboardFigures> CountAsync(CancellationToken ct = default)
    {
        await using var db = contexts.NationalRegister();
        return await new Dashboard(db, national: true, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).FiguresAsync(ct);
    }
}

/// <summary>The nation's figures and when they were counted.</summary>
public sealed record NationalFigures(DashboardFigures Figures, DateTimeOffset CountedAt);

public static class ReportsServiceCollectionExtensions
{
    public static IServiceCollection AddReports(this IServiceCollection services) =>
        services.AddMemoryCache().AddScoped<AllianceReports>().AddScoped<NationalReports>().AddScoped<NeedsYou>().AddScoped<MenuCounts>()
            .AddScoped<Auditing.AuditTrail>();
}

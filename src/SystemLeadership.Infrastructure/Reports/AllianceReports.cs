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
public sealed class NationalReports(TenantDbContextFactory contexts, TimeProvider clock)
{
    public async Task<DashboardFigures> FiguresAsync(CancellationToken ct = default)
    {
        await using var db = contexts.NationalRegister();
        return await new Dashboard(db, national: true, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).FiguresAsync(ct);
    }
}

public static class ReportsServiceCollectionExtensions
{
    public static IServiceCollection AddReports(this IServiceCollection services) =>
        services.AddMemoryCache().AddScoped<AllianceReports>().AddScoped<NationalReports>().AddScoped<NeedsYou>().AddScoped<MenuCounts>();
}

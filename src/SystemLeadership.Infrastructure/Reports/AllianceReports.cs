using SystemLeadership.Domain.Common;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        return await new Dashboard(db, national: false, UkTime.Today(clock)).FiguresAsync(ct);
    }
}

/// <summary>
/// The College's national dashboard: the same figures over every alliance, read through the SELECT-only national
/// policy. The caller must be a College administrator (the page checks the role, as for the national register).
/// </summary>
public sealed class NationalReports(TenantDbContextFactory contexts, TimeProvider clock, IMemoryCache cache, ILogger<NationalReports>? log = null)
{
    /// <summary>How long the nation's figures are shown as they are before they are counted again.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Figures older than <see cref="Fresh"/> but younger than this are shown at once while a count runs in the
    /// background for the next visit; older ones are not shown, and the visitor waits for the count.
    /// </summary>
    public static readonly TimeSpan ShownWhileCounted = TimeSpan.FromHours(1);

    private static readonly object Key = new();

    // Taken while the kept entry is found or made, so that visits together share one (MemoryCache's GetOrCreate may
    // make two when two threads ask at once).
    private static readonly Lock Making = new();

    /// <summary>
    /// The figures as last counted on this node. Counting every alliance's records takes over a hundred milliseconds
    /// at national scale, and a national picture need not be newer than a few minutes: so a visit waits for a count
    /// only when this node has none younger than <see cref="ShownWhileCounted"/>, and a node counts once at a time
    /// however many visit together.
    /// </summary>
    public async Task<NationalFigures> FiguresAsync(CancellationToken ct = default)
    {
        Kept kept;
        lock (Making) kept = cache.GetOrCreate(Key, entry => { entry.Size = 1; return new Kept(); })!;
        var age = kept.Figures is { } figures ? clock.GetUtcNow() - figures.CountedAt : TimeSpan.MaxValue;
        if (age < Fresh) return kept.Figures!;
        // The count never stops with the visit that started it: it is kept for the next.
        var background = age < ShownWhileCounted;
        var counting = kept.Count(async () => new NationalFigures(await CountAsync(CancellationToken.None), clock.GetUtcNow()), log, background,
            fresh: f => clock.GetUtcNow() - f.CountedAt < Fresh);
        return background ? kept.Figures! : await counting.WaitAsync(ct);
    }

    /// <summary>Counts every figure now (what <see cref="FiguresAsync"/> keeps; the benchmark times this).</summary>
    public async Task<DashboardFigures> CountAsync(CancellationToken ct = default)
    {
        // Two connections at once: the nation's counts are split between them (Dashboard.FiguresAsync).
        await using var db = contexts.NationalRegister();
        await using var second = contexts.NationalRegister();
        var today = UkTime.Today(clock);
        return await new Dashboard(db, national: true, today).FiguresAsync(ct, new Dashboard(second, national: true, today));
    }

    /// <summary>This node's figures, and the count under way if there is one (so two visits start one count).</summary>
    private sealed class Kept
    {
        private readonly Lock _gate = new();
        private Task<NationalFigures>? _counting;

        public NationalFigures? Figures { get; private set; }

        /// <summary>
        /// The count under way, or a new one; or, when a count finished since the visit looked (fresh), its figures: a
        /// visit that found none and waited its turn here starts no second count.
        /// </summary>
        public Task<NationalFigures> Count(Func<Task<NationalFigures>> count, ILogger? log, bool background, Func<NationalFigures, bool> fresh)
        {
            lock (_gate)
            {
                if (_counting is { IsCompleted: false }) return _counting;
                if (Figures is { } counted && fresh(counted)) return Task.FromResult(counted);
                if (!background) return _counting = KeepAsync(count, log);
                // On the thread pool, carrying nothing of the visit that started it (its request, its trace), which
                // will have ended before the count does.
                using (ExecutionContext.SuppressFlow()) _counting = Task.Run(() => KeepAsync(count, log));
                return _counting;
            }
        }

        private async Task<NationalFigures> KeepAsync(Func<Task<NationalFigures>> count, ILogger? log)
        {
            try
            {
                var counted = await count();
                Figures = counted;
                return counted;
            }
            catch (Exception e)
            {
                log?.LogWarning(e, "Counting the national figures failed; the last ones, if any, are still shown");
                throw;
            }
        }
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

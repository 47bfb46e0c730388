using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Reports;

/// <summary>One bar of a chart: what it counts and how many.</summary>
public sealed record Figure(string Label, long Value);

/// <summary>
/// SLEs designated in one quarter, and how many of them were deployed within three months of their designation
/// (the seeds' KPI: "at least half of SLEs deployed within 3 months of designation").
/// </summary>
public sealed record DeploymentKpi(string Quarter, int Designated, int DeployedWithinThreeMonths)
{
    public double Share => Designated == 0 ? 0 : (double)DeployedWithinThreeMonths / Designated;
}

public sealed record ExpiringDesignation(Guid Id, string Holder, string Designation, DateOnly EndDate);

/// <summary>An alliance's dashboard: every figure an aggregate in SQL, never rows loaded to count.</summary>
public sealed record AllianceFigures(
    IReadOnlyList<Figure> LeadersByDesignation,
    DeploymentKpi Kpi,
    IReadOnlyList<DeploymentKpi> KpiTrend,
    IReadOnlyList<Figure> RequestsByState,
    long AgreedHalfDays,
    long LoggedHalfDays,
    IReadOnlyList<Figure> SpendByTermPence,
    IReadOnlyList<ExpiringDesignation> Expiring);

/// <summary>The alliance manager's dashboard figures, for the tenant the context was made for; null for anyone else.</summary>
public sealed class AllianceReports(TenantDbContextFactory contexts, TimeProvider clock)
{
    /// <summary>Quarters of the KPI trend shown: the last four whose three-month window has closed.</summary>
    public const int TrendQuarters = 4;

    public async Task<AllianceFigures?> ForAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var db = contexts.CreateDbContext();

        var byDesignation = await db.Designations.AsNoTracking()
            .Where(d => d.State == DesignationState.Active)
            .GroupBy(d => d.SchemeShortName)
            .Select(g => new Figure(g.Key, g.Count()))
            .ToListAsync(ct);

        var kpi = await KpiAsync(db, today, ct);
        var trend = await KpiTrendAsync(db, today, ct);

        var requests = await db.Set<Commission>().AsNoTracking()
            .GroupBy(c => c.State)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);

        var days = await db.Set<Deployment>().AsNoTracking()
            .GroupBy(_ => 1)
            .Select(g => new { Agreed = g.Sum(d => (long)d.AgreedHalfDays), Logged = g.Sum(d => (long)d.LoggedHalfDays) })
            .FirstOrDefaultAsync(ct);

        var spend = await db.Set<Claim>().AsNoTracking()
            .Where(c => c.State == ClaimState.Approved || c.State == ClaimState.Paid)
            .GroupBy(c => c.TermKey)
            .Select(g => new Figure(g.Key, g.Sum(c => c.TotalPence)))
            .ToListAsync(ct);

        var horizon = today.AddDays(DesignationWorkflow.ExpiringSoonDays);
        var expiring = await db.Designations.AsNoTracking()
            .Where(d => d.State == DesignationState.Active && d.EndDate >= today && d.EndDate <= horizon)
            .OrderBy(d => d.EndDate).ThenBy(d => d.HolderName)
            .Select(d => new ExpiringDesignation(d.Id, d.HolderName, d.SchemeShortName, d.EndDate!.Value))
            .Take(50)
            .ToListAsync(ct);

        return new AllianceFigures(
            byDesignation.OrderByDescending(f => f.Value).ThenBy(f => f.Label, StringComparer.Ordinal).ToList(),
            kpi,
            trend,
            Enum.GetValues<CommissionState>().Select(s => new Figure(CommissionWorkflow.Display(s), requests.FirstOrDefault(r => r.Key == s)?.Count ?? 0)).ToList(),
            days?.Agreed ?? 0,
            days?.Logged ?? 0,
            spend.OrderBy(f => f.Label, StringComparer.Ordinal).ToList(),
            expiring);
    }

    /// <summary>
    /// SLEs whose three months since designation have passed (designated on or before today less three months), and
    /// how many had a deployment starting on or before the day three months after their designation.
    /// </summary>
    private static async Task<DeploymentKpi> KpiAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        var closed = today.AddMonths(-3);
        var row = await Cohort(db, d => d.StartDate <= closed)
            .GroupBy(_ => 1)
            .Select(g => new { Designated = g.Count(), Deployed = g.Count(x => x.Deployed) })
            .FirstOrDefaultAsync(ct);
        return new DeploymentKpi("All whose three months have passed", row?.Designated ?? 0, row?.Deployed ?? 0);
    }

    private static async Task<IReadOnlyList<DeploymentKpi>> KpiTrendAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        // The last quarters whose every designation's three months have passed.
        var closed = today.AddMonths(-3);
        var lastQuarterStart = new DateOnly(closed.Year, (closed.Month - 1) / 3 * 3 + 1, 1);
        var lastFull = lastQuarterStart.AddMonths(3).AddDays(-1) <= closed ? lastQuarterStart : lastQuarterStart.AddMonths(-3);
        var from = lastFull.AddMonths(-3 * (TrendQuarters - 1));
        var to = lastFull.AddMonths(3);
        var rows = await Cohort(db, d => d.StartDate >= from && d.StartDate < to)
            .GroupBy(x => new { x.Start.Year, Quarter = (x.Start.Month - 1) / 3 })
            .Select(g => new { g.Key.Year, g.Key.Quarter, Designated = g.Count(), Deployed = g.Count(x => x.Deployed) })
            .ToListAsync(ct);
        return Enumerable.Range(0, TrendQuarters).Select(i =>
        {
            var start = from.AddMonths(3 * i);
            var row = rows.FirstOrDefault(r => r.Year == start.Year && r.Quarter == (start.Month - 1) / 3);
            return new DeploymentKpi($"{start:MMM}–{start.AddMonths(2):MMM yyyy}", row?.Designated ?? 0, row?.Deployed ?? 0);
        }).ToList();
    }

    // A class set by initialiser, not a positional record: SQL can group by a member set this way.
    private sealed class CohortRow
    {
        public DateOnly Start { get; init; }
        public bool Deployed { get; init; }
    }

    private static IQueryable<CohortRow> Cohort(AppDbContext db, System.Linq.Expressions.Expression<Func<Designation, bool>> which) =>
        db.Designations.AsNoTracking()
            // First designations only: a re-designation is the same leader carrying on, not a newly designated SLE.
            .Where(d => d.Type == DesignationType.SpecialistLeaderOfEducation && d.LinkedDesignationId == null)
            .Where(which)
            .Select(d => new CohortRow
            {
                Start = d.StartDate,
                Deployed = db.Set<Deployment>().Any(p => p.DesignationId == d.Id && p.Start >= d.StartDate && p.Start <= d.StartDate.AddMonths(3)),
            });
}

public static class ReportsServiceCollectionExtensions
{
    public static IServiceCollection AddReports(this IServiceCollection services) =>
        services.AddScoped<AllianceReports>().AddScoped<NeedsYou>();
}

using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.Reimbursement;
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

public sealed record ExpiringDesignation(Guid Id, string Alliance, string Holder, string Designation, DateOnly EndDate);

/// <summary>How long brokering took: requests brokered, and the average days from asking to everyone agreeing.</summary>
public sealed record TimeToBroker(int Brokered, double? AverageDays);

/// <summary>A dashboard's figures, an alliance's or the nation's: every one an aggregate in SQL, never rows loaded to count.</summary>
public sealed record DashboardFigures(
    IReadOnlyList<Figure> LeadersByDesignation,
    IReadOnlyList<Figure> LeadersBySpecialism,
    IReadOnlyList<Figure> LeadersByPlace,
    DeploymentKpi Kpi,
    IReadOnlyList<DeploymentKpi> KpiTrend,
    IReadOnlyList<Figure> RequestsByState,
    TimeToBroker TimeToBroker,
    long AgreedHalfDays,
    long LoggedHalfDays,
    IReadOnlyList<Figure> EvaluationRatings,
    IReadOnlyList<Figure> SpendByTermPence,
    IReadOnlyList<ExpiringDesignation> Expiring);

/// <summary>
/// The figures of a dashboard over the records a context can read: one alliance's (its tenant filter and policy), or
/// every alliance's (the College's SELECT-only national policy, query filters off). The same SQL serves both.
/// </summary>
internal sealed class Dashboard(AppDbContext db, bool national, DateOnly today)
{
    /// <summary>Quarters of the KPI trend shown: the last four whose three-month window has closed.</summary>
    public const int TrendQuarters = 4;

    /// <summary>The most bars a breakdown by specialism or place shows (the rest are summed as "Other").</summary>
    public const int Bars = 10;

    private IQueryable<T> Set<T>() where T : class => national ? db.Set<T>().IgnoreQueryFilters().AsNoTracking() : db.Set<T>().AsNoTracking();

    public async Task<DashboardFigures> FiguresAsync(CancellationToken ct)
    {
        var active = Set<Designation>().Where(d => d.State == DesignationState.Active);
        var byDesignation = await active.GroupBy(d => d.SchemeShortName).Select(g => new Figure(g.Key, g.Count())).ToListAsync(ct);
        var bySpecialism = await active.SelectMany(d => d.Specialisms).GroupBy(s => s).Select(g => new Figure(g.Key, g.Count())).ToListAsync(ct);
        // Where the leaders' schools are: the local authority within an alliance, the region across the nation.
        var places = active.Join(db.Schools.AsNoTracking(), d => d.SchoolUrn, s => (int?)s.Urn, (d, s) => national ? s.Region : s.LaName);
        var byPlace = await places.GroupBy(p => p ?? "Not known").Select(g => new Figure(g.Key, g.Count())).ToListAsync(ct);

        var requests = await Set<Commission>().GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var brokered = await Set<Commission>().Where(c => c.State == CommissionState.Brokered)
            .Join(Set<Proposal>(), c => c.AgreedProposalId, p => (Guid?)p.Id, (c, p) => new { c.RaisedAt, p.AgreedAt })
            .Where(x => x.AgreedAt != null)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Days = g.Average(x => (x.AgreedAt!.Value - x.RaisedAt).TotalDays) })
            .FirstOrDefaultAsync(ct);
        var days = await Set<Deployment>().GroupBy(_ => 1)
            .Select(g => new { Agreed = g.Sum(d => (long)d.AgreedHalfDays), Logged = g.Sum(d => (long)d.LoggedHalfDays) })
            .FirstOrDefaultAsync(ct);
        // The supported schools' rating of the leadership capacity built, 1 (none) to 5 (a great deal).
        var ratings = await Set<DeploymentEvaluation>().GroupBy(e => e.LeadershipCapacityBuilt).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var spend = await Set<Claim>().Where(c => c.State == ClaimState.Approved || c.State == ClaimState.Paid)
            .GroupBy(c => c.TermKey).Select(g => new Figure(g.Key, g.Sum(c => c.TotalPence))).ToListAsync(ct);

        var horizon = today.AddDays(DesignationWorkflow.ExpiringSoonDays);
        var expiring = await active.Where(d => d.EndDate >= today && d.EndDate <= horizon)
            .Join(db.Tenants.AsNoTracking(), d => d.TenantId, t => t.Id, (d, t) => new { d, t.Name })
            .OrderBy(x => x.d.EndDate).ThenBy(x => x.d.HolderName)
            .Select(x => new ExpiringDesignation(x.d.Id, x.Name, x.d.HolderName, x.d.SchemeShortName, x.d.EndDate!.Value))
            .Take(50).ToListAsync(ct);

        return new DashboardFigures(
            Largest(byDesignation, int.MaxValue),
            Largest(bySpecialism, Bars),
            Largest(byPlace, Bars),
            await KpiAsync(ct),
            await KpiTrendAsync(ct),
            Enum.GetValues<CommissionState>().Select(s => new Figure(CommissionWorkflow.Display(s), requests.FirstOrDefault(r => r.Key == s)?.Count ?? 0)).ToList(),
            new TimeToBroker(brokered?.Count ?? 0, brokered?.Days),
            days?.Agreed ?? 0,
            days?.Logged ?? 0,
            Enumerable.Range(1, 5).Select(r => new Figure($"{r} of 5", ratings.FirstOrDefault(x => x.Key == r)?.Count ?? 0)).ToList(),
            spend.OrderBy(f => f.Label, StringComparer.Ordinal).ToList(),
            expiring);
    }

    /// <summary>The largest bars first, the rest summed as "Other" beyond the most shown.</summary>
    private static List<Figure> Largest(IEnumerable<Figure> figures, int most)
    {
        var ordered = figures.OrderByDescending(f => f.Value).ThenBy(f => f.Label, StringComparer.Ordinal).ToList();
        if (ordered.Count <= most) return ordered;
        return [.. ordered.Take(most - 1), new Figure("Other", ordered.Skip(most - 1).Sum(f => f.Value))];
    }

    /// <summary>
    /// SLEs whose three months since designation have passed (designated on or before today less three months), and
    /// how many had a deployment starting on or before the day three months after their designation.
    /// </summary>
    private async Task<DeploymentKpi> KpiAsync(CancellationToken ct)
    {
        var closed = today.AddMonths(-3);
        var row = await Cohort(d => d.StartDate <= closed)
            .GroupBy(_ => 1)
            .Select(g => new { Designated = g.Count(), Deployed = g.Count(x => x.Deployed) })
            .FirstOrDefaultAsync(ct);
        return new DeploymentKpi("All whose three months have passed", row?.Designated ?? 0, row?.Deployed ?? 0);
    }

    private async Task<IReadOnlyList<DeploymentKpi>> KpiTrendAsync(CancellationToken ct)
    {
        // The last quarters whose every designation's three months have passed.
        var closed = today.AddMonths(-3);
        var lastQuarterStart = new DateOnly(closed.Year, (closed.Month - 1) / 3 * 3 + 1, 1);
        var lastFull = lastQuarterStart.AddMonths(3).AddDays(-1) <= closed ? lastQuarterStart : lastQuarterStart.AddMonths(-3);
        var from = lastFull.AddMonths(-3 * (TrendQuarters - 1));
        var to = lastFull.AddMonths(3);
        var rows = await Cohort(d => d.StartDate >= from && d.StartDate < to)
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

    private IQueryable<CohortRow> Cohort(System.Linq.Expressions.Expression<Func<Designation, bool>> which)
    {
        var deployments = Set<Deployment>();
        return Set<Designation>()
            // First designations only: a re-designation is the same leader carrying on, not a newly designated SLE.
            .Where(d => d.Type == DesignationType.SpecialistLeaderOfEducation && d.LinkedDesignationId == null)
            .Where(which)
            .Select(d => new CohortRow
            {
                Start = d.StartDate,
                Deployed = deployments.Any(p => p.DesignationId == d.Id && p.Start >= d.StartDate && p.Start <= d.StartDate.AddMonths(3)),
            });
    }
}

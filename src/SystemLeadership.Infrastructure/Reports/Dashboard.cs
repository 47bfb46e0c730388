using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Grids;

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

    /// <summary>
    /// Every figure. With a <paramref name="second"/> context (the nation's, whose counts take tens of milliseconds),
    /// the leaders' counts are read on this one while the work's counts and the expiring list are read on the second,
    /// at the same time: two connections, so the slowest half sets the time, not the sum. The halves are two snapshots
    /// taken together: a change committed between their starts may show in one half only (a request counted brokered
    /// before its time to broker is), and is in both at the next count. The nation's figures are kept minutes anyway.
    /// </summary>
    public async Task<DashboardFigures> FiguresAsync(CancellationToken ct, Dashboard? second = null)
    {
        // Every count in one statement (each breakdown a branch of a UNION ALL, told apart by its kind), and the
        // expiring designations in a second: an alliance's dashboard costs two round trips however many charts it
        // shows; the nation's three, on two connections at once.
        List<Row> rows;
        List<ExpiringDesignation> expiring;
        if (second is null)
        {
            rows = await LeaderCounts().Concat(WorkCounts()).ToListAsync(ct);
            expiring = await ExpiringAsync(ct);
        }
        else
        {
            var leaders = LeaderCounts().ToListAsync(ct);
            var work = second.WorkAndExpiringAsync(ct);
            await Task.WhenAll(leaders, work);
            var (workRows, workExpiring) = await work;
            rows = [.. await leaders, .. workRows];
            expiring = workExpiring;
        }
        IEnumerable<Row> Of(Kind kind) => rows.Where(r => r.Kind == (int)kind);
        Row? One(Kind kind) => Of(kind).FirstOrDefault();

        var states = Enum.GetValues<CommissionState>();
        var brokered = One(Kind.Brokered);
        var days = One(Kind.Days);
        var kpi = One(Kind.Kpi);
        return new DashboardFigures(
            Largest(Of(Kind.ByDesignation).Select(r => new Figure(r.Label, r.A)), int.MaxValue),
            Largest(Of(Kind.BySpecialism).Select(r => new Figure(r.Label, r.A)), Bars),
            Largest(Of(Kind.ByPlace).Select(r => new Figure(r.Label, r.A)), Bars),
            new DeploymentKpi("All whose three months have passed", (int)(kpi?.A ?? 0), (int)(kpi?.B ?? 0)),
            KpiTrend(Of(Kind.KpiTrend)),
            states.Select((s, i) => new Figure(CommissionWorkflow.Display(s), Of(Kind.RequestsByState).FirstOrDefault(r => r.A == i)?.B ?? 0)).ToList(),
            new TimeToBroker((int)(brokered?.A ?? 0), brokered is { A: > 0 } ? brokered.Days : null),
            days?.A ?? 0,
            days?.B ?? 0,
            Enumerable.Range(1, 5).Select(r => new Figure($"{r} of 5", Of(Kind.Ratings).FirstOrDefault(x => x.A == r)?.B ?? 0)).ToList(),
            Of(Kind.SpendByTerm).Select(r => new Figure(r.Label, r.A)).OrderBy(f => f.Label, StringComparer.Ordinal).ToList(),
            expiring);
    }

    private async Task<(List<Row> Rows, List<ExpiringDesignation> Expiring)> WorkAndExpiringAsync(CancellationToken ct)
    {
        var rows = await WorkCounts().ToListAsync(ct);
        return (rows, await ExpiringAsync(ct));
    }

    private Task<List<ExpiringDesignation>> ExpiringAsync(CancellationToken ct)
    {
        var horizon = today.AddDays(DesignationWorkflow.ExpiringSoonDays);
        return Set<Designation>().Where(d => d.State == DesignationState.Active && d.EndDate >= today && d.EndDate <= horizon)
            .Join(db.Tenants.AsNoTracking(), d => d.TenantId, t => t.Id, (d, t) => new { d, t.Name })
            .OrderBy(x => x.d.EndDate).ThenBy(x => x.d.HolderName)
            .Select(x => new ExpiringDesignation(x.d.Id, x.Name, x.d.HolderName, x.d.SchemeShortName, x.d.EndDate!.Value))
            .Take(50).ToListAsync(ct);
    }

    private enum Kind { ByDesignation, BySpecialism, ByPlace, RequestsByState, Brokered, Days, Ratings, SpendByTerm, Kpi, KpiTrend }

    // One row of the counts' UNION ALL: which figure it belongs to, a label or up to three numbers, and an average.
    // A class set by initialiser, not a positional record, so that EF can line the branches' columns up.
    private sealed class Row
    {
        public int Kind { get; init; }
        public string Label { get; init; } = "";
        public long A { get; init; }
        public long B { get; init; }
        public long C { get; init; }
        public double Days { get; init; }
    }

    /// <summary>The leaders by designation, specialism and place, and the requests by state.</summary>
    private IQueryable<Row> LeaderCounts()
    {
        var active = Set<Designation>().Where(d => d.State == DesignationState.Active);
        var byDesignation = active.GroupBy(d => d.SchemeShortName)
            .Select(g => new Row { Kind = (int)Kind.ByDesignation, Label = g.Key, A = g.LongCount(), B = 0, C = 0, Days = 0.0 });
        var bySpecialism = active.SelectMany(d => d.Specialisms).GroupBy(s => s)
            .Select(g => new Row { Kind = (int)Kind.BySpecialism, Label = g.Key, A = g.LongCount(), B = 0, C = 0, Days = 0.0 });
        // Where the leaders' schools are: the local authority within an alliance, the region across the nation.
        var byPlace = active.Join(db.Schools.AsNoTracking(), d => d.SchoolUrn, s => (int?)s.Urn, (d, s) => national ? s.Region : s.LaName)
            .GroupBy(p => p ?? "Not known")
            .Select(g => new Row { Kind = (int)Kind.ByPlace, Label = g.Key, A = g.LongCount(), B = 0, C = 0, Days = 0.0 });
        // By the state's place in the workflow (its index among the enum's values), not its stored name.
        var requests = Set<Commission>().GroupBy(StateOrder.Of<Commission, CommissionState>(c => c.State))
            .Select(g => new Row { Kind = (int)Kind.RequestsByState, Label = "", A = g.Key, B = g.LongCount(), C = 0, Days = 0.0 });
        return byDesignation.Concat(bySpecialism).Concat(byPlace).Concat(requests);
    }

    /// <summary>Time to broker, days agreed and delivered, ratings, spend, and the deployment KPI with its trend.</summary>
    private IQueryable<Row> WorkCounts()
    {
        var brokered = Set<Commission>().Where(c => c.State == CommissionState.Brokered)
            .Join(Set<Proposal>(), c => c.AgreedProposalId, p => (Guid?)p.Id, (c, p) => new { c.RaisedAt, p.AgreedAt })
            .Where(x => x.AgreedAt != null)
            .GroupBy(_ => 1)
            .Select(g => new Row { Kind = (int)Kind.Brokered, Label = "", A = g.LongCount(), B = 0, C = 0, Days = g.Average(x => (x.AgreedAt!.Value - x.RaisedAt).TotalDays) });
        var days = Set<Deployment>().GroupBy(_ => 1)
            .Select(g => new Row { Kind = (int)Kind.Days, Label = "", A = g.Sum(d => (long)d.AgreedHalfDays), B = g.Sum(d => (long)d.LoggedHalfDays), C = 0, Days = 0.0 });
        // The supported schools' rating of the leadership capacity built, 1 (none) to 5 (a great deal).
        var ratings = Set<DeploymentEvaluation>().GroupBy(e => e.LeadershipCapacityBuilt)
            .Select(g => new Row { Kind = (int)Kind.Ratings, Label = "", A = g.Key, B = g.LongCount(), C = 0, Days = 0.0 });
        var spend = Set<Claim>().Where(c => c.State == ClaimState.Approved || c.State == ClaimState.Paid)
            .GroupBy(c => c.TermKey).Select(g => new Row { Kind = (int)Kind.SpendByTerm, Label = g.Key, A = g.Sum(c => c.TotalPence), B = 0, C = 0, Days = 0.0 });

        // The KPI: SLEs whose three months since designation have passed (designated on or before today less three
        // months), and how many had a deployment starting on or before the day three months after their designation.
        var closed = today.AddMonths(-3);
        var kpi = Cohort(d => d.StartDate <= closed).GroupBy(_ => 1)
            .Select(g => new Row { Kind = (int)Kind.Kpi, Label = "", A = g.LongCount(), B = g.LongCount(x => x.Deployed), C = 0, Days = 0.0 });
        var (from, to) = TrendWindow();
        var trend = Cohort(d => d.StartDate >= from && d.StartDate < to)
            .GroupBy(x => new { x.Start.Year, Quarter = (x.Start.Month - 1) / 3 })
            .Select(g => new Row { Kind = (int)Kind.KpiTrend, Label = "", A = g.Key.Year * 4 + g.Key.Quarter, B = g.LongCount(), C = g.LongCount(x => x.Deployed), Days = 0.0 });

        return brokered.Concat(days).Concat(ratings).Concat(spend).Concat(kpi).Concat(trend);
    }

    /// <summary>The KPI's last quarters whose every designation's three months have passed: the first day of the first, and the day after the last.</summary>
    private (DateOnly From, DateOnly To) TrendWindow()
    {
        var closed = today.AddMonths(-3);
        var lastQuarterStart = new DateOnly(closed.Year, (closed.Month - 1) / 3 * 3 + 1, 1);
        var lastFull = lastQuarterStart.AddMonths(3).AddDays(-1) <= closed ? lastQuarterStart : lastQuarterStart.AddMonths(-3);
        return (lastFull.AddMonths(-3 * (TrendQuarters - 1)), lastFull.AddMonths(3));
    }

    private List<DeploymentKpi> KpiTrend(IEnumerable<Row> rows)
    {
        var from = TrendWindow().From;
        return Enumerable.Range(0, TrendQuarters).Select(i =>
        {
            var start = from.AddMonths(3 * i);
            var row = rows.FirstOrDefault(r => r.A == start.Year * 4 + (start.Month - 1) / 3);
            return new DeploymentKpi($"{start:MMM}–{start.AddMonths(2):MMM yyyy}", (int)(row?.B ?? 0), (int)(row?.C ?? 0));
        }).ToList();
    }

    /// <summary>The largest bars first, the rest summed as "Other" beyond the most shown.</summary>
    private static List<Figure> Largest(IEnumerable<Figure> figures, int most)
    {
        var ordered = figures.OrderByDescending(f => f.Value).ThenBy(f => f.Label, StringComparer.Ordinal).ToList();
        if (ordered.Count <= most) return ordered;
        return [.. ordered.Take(most - 1), new Figure("Other", ordered.Skip(most - 1).Sum(f => f.Value))];
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

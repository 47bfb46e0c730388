using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Grids;

namespace SystemLeadership.Infrastructure.Deployments;

/// <summary>What the broker filters the alliance's deployments by; every field travels in the page's address.</summary>
public sealed record DeploymentFilter(DeploymentState? State = null, string? Search = null);

/// <summary>One line of the deployments grid or the board: only the columns shown.</summary>
public sealed record DeploymentRow(Guid Id, string LeaderName, string SchoolName, DeploymentState State, DateOnly Start, DateOnly End,
    int LoggedHalfDays, int AgreedHalfDays);

/// <summary>An open quality-assurance review on the board, named by its deployment's leader and school.</summary>
public sealed record QaReviewRow(Guid DeploymentId, string LeaderName, string SchoolName, IReadOnlyList<string> Reasons);

/// <summary>
/// The board's deployments: at most <see cref="DeploymentGrid.BoardLimit"/> a state, how many each state holds, and the
/// open quality-assurance reviews.
/// </summary>
public sealed record DeploymentBoard(IReadOnlyList<DeploymentRow> Rows, IReadOnlyDictionary<DeploymentState, int> Counts, IReadOnlyList<QaReviewRow> QaReviews);

/// <summary>
/// Every deployment of the alliance as a grid for its brokers (thousands over the years in a large alliance): filtered,
/// sorted and paged in SQL, and counted by state for the board. Null for anyone but an alliance manager.
/// </summary>
public sealed class DeploymentGrid(TenantDbContextFactory contexts)
{
    public static readonly IReadOnlyList<string> Sorts = ["start", "end", "school", "leader", "state"];

    /// <summary>The download's columns: the grid's, with the days as numbers.</summary>
    public static readonly IReadOnlyList<ExportColumn<DeploymentRow>> Columns =
    [
        new("Leader", d => d.LeaderName),
        new("School", d => d.SchoolName),
        new("Starts", d => d.Start),
        new("Ends", d => d.End),
        new("Days logged", d => d.LoggedHalfDays / 2m),
        new("Days agreed", d => d.AgreedHalfDays / 2m),
        new("State", d => DeploymentWorkflow.Display(d.State)),
    ];

    /// <summary>The most deployments in one state the board lists; the grid holds the rest.</summary>
    public const int BoardLimit = 50;

    private static readonly System.Linq.Expressions.Expression<Func<Deployment, DeploymentRow>> Row =
        d => new DeploymentRow(d.Id, d.LeaderName, d.SchoolName, d.State, d.Start, d.End, d.LoggedHalfDays, d.AgreedHalfDays);

    public async Task<PageOf<DeploymentRow>?> PageAsync(Actor actor, DeploymentFilter filter, PageRequest page, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        return await Query(db, filter, page.Sort, page.Descending).ToPageAsync(page, ct);
    }

    /// <summary>All the deployments the filter matches, in the grid's order, for a download (see <see cref="TableExport.ReadLimit"/>).</summary>
    public async Task<IReadOnlyList<DeploymentRow>?> ExportAsync(Actor actor, DeploymentFilter filter, string? sort, bool descending, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        return await Query(db, filter, sort, descending).Take(TableExport.ReadLimit).ToListAsync(ct);
    }

    private static IQueryable<DeploymentRow> Query(AppDbContext db, DeploymentFilter filter, string? sort, bool descending)
    {
        var rows = db.Set<Deployment>().AsNoTracking();
        if (filter.State is { } state) rows = rows.Where(d => d.State == state);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = LikePattern.Containing(filter.Search);
            rows = rows.Where(d => EF.Functions.ILike(d.SchoolName, pattern) || EF.Functions.ILike(d.LeaderName, pattern) || EF.Functions.ILike(d.LeaderSchoolName, pattern));
        }
        // The latest start first unless asked otherwise; each order ends on the id, so pages never repeat or skip a row.
        var ordered = (sort, descending) switch
        {
            ("end", false) => rows.OrderBy(d => d.End),
            ("end", true) => rows.OrderByDescending(d => d.End),
            ("school", false) => rows.OrderBy(d => d.SchoolName).ThenByDescending(d => d.Start),
            ("school", true) => rows.OrderByDescending(d => d.SchoolName).ThenByDescending(d => d.Start),
            ("leader", false) => rows.OrderBy(d => d.LeaderName).ThenByDescending(d => d.Start),
            ("leader", true) => rows.OrderByDescending(d => d.LeaderName).ThenByDescending(d => d.Start),
            ("state", false) => rows.OrderBy(StateOrder.Of<Deployment, DeploymentState>(d => d.State)).ThenByDescending(d => d.Start),
            ("state", true) => rows.OrderByDescending(StateOrder.Of<Deployment, DeploymentState>(d => d.State)).ThenByDescending(d => d.Start),
            ("start", false) => rows.OrderBy(d => d.Start),
            _ => rows.OrderByDescending(d => d.Start),
        };
        return ordered.ThenBy(d => d.Id).Select(Row);
    }

    /// <summary>
    /// The board's deployments: the latest-starting <see cref="BoardLimit"/> of each state (ranked in SQL, so a state with
    /// thousands costs no more than one with fifty) and every state's count, in two statements on one connection.
    /// </summary>
    public async Task<DeploymentBoard?> BoardAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        await db.Database.OpenConnectionAsync(ct);
        var deployments = db.Set<Deployment>().AsNoTracking();
        var counts = await deployments.GroupBy(d => d.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // One UNION ALL of a limited query per state.
        var rows = await Enum.GetValues<DeploymentState>()
            .Select(state => deployments.Where(d => d.State == state).OrderByDescending(d => d.Start).ThenBy(d => d.Id).Take(BoardLimit))
            .Aggregate((all, next) => all.Concat(next))
            .OrderByDescending(d => d.Start).ThenBy(d => d.Id).Select(Row).ToListAsync(ct);
        var reviews = await db.Set<QaReview>().AsNoTracking().Where(q => q.State == QaReviewState.Open).OrderBy(q => q.OpenedAt)
            .Join(deployments, q => q.DeploymentId, d => d.Id, (q, d) => new QaReviewRow(q.DeploymentId, d.LeaderName, d.SchoolName, q.Reasons))
            .ToListAsync(ct);
        return new DeploymentBoard(rows, Enum.GetValues<DeploymentState>().ToDictionary(s => s, s => counts.GetValueOrDefault(s)), reviews);
    }
}

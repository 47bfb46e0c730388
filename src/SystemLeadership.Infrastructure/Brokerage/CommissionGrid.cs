using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Grids;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>What the broker filters the alliance's support requests by; every field travels in the page's address.</summary>
public sealed record CommissionFilter(CommissionState? State = null, string? Search = null);

/// <summary>One line of the requests grid: only the columns shown.</summary>
public sealed record CommissionRow(Guid Id, string SchoolName, int SchoolUrn, IReadOnlyList<string> Specialisms, int HalfDays, DateOnly DesiredStart,
    DateTimeOffset RaisedAt, string RaisedByName, CommissionState State);

/// <summary>
/// Every support request of the alliance as a grid for its brokers (hundreds a year in a large alliance): filtered,
/// sorted and paged in SQL, and counted by state for the board. Null for anyone but an alliance manager.
/// </summary>
public sealed class CommissionGrid(TenantDbContextFactory contexts)
{
    public static readonly IReadOnlyList<string> Sorts = ["asked", "school", "start", "state"];

    /// <summary>The download's columns: the grid's, with the days as a number.</summary>
    public static readonly IReadOnlyList<ExportColumn<CommissionRow>> Columns =
    [
        new("School", c => c.SchoolName),
        new("URN", c => c.SchoolUrn),
        new("Expertise", c => string.Join("; ", c.Specialisms)),
        new("Days", c => c.HalfDays / 2m),
        new("Wanted from", c => c.DesiredStart),
        new("Asked (UK time)", c => Domain.Common.UkTime.Local(c.RaisedAt)),
        new("Asked by", c => c.RaisedByName),
        new("State", c => CommissionWorkflow.Display(c.State)),
    ];

    /// <summary>The columns a grid or the board shows, read in SQL (never the whole request).</summary>
    private static readonly System.Linq.Expressions.Expression<Func<Commission, CommissionRow>> Row =
        c => new CommissionRow(c.Id, c.SchoolName, c.SchoolUrn, c.Specialisms, c.HalfDays, c.DesiredStart, c.RaisedAt, c.RaisedByName, c.State);

    public async Task<PageOf<CommissionRow>?> PageAsync(Actor actor, CommissionFilter filter, PageRequest page, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        return await Query(db, filter, page.Sort, page.Descending).ToPageAsync(page, ct);
    }

    /// <summary>All the support requests the filter matches, in the grid's order, for a download (see <see cref="TableExport.ReadLimit"/>).</summary>
    public async Task<IReadOnlyList<CommissionRow>?> ExportAsync(Actor actor, CommissionFilter filter, string? sort, bool descending, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        return await Query(db, filter, sort, descending).Take(TableExport.ReadLimit).ToListAsync(ct);
    }

    private static IQueryable<CommissionRow> Query(AppDbContext db, CommissionFilter filter, string? sort, bool descending)
    {
        var rows = db.Set<Commission>().AsNoTracking();
        if (filter.State is { } state) rows = rows.Where(c => c.State == state);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = LikePattern.Containing(filter.Search);
            rows = rows.Where(c => EF.Functions.ILike(c.SchoolName, pattern) || EF.Functions.ILike(c.RaisedByName, pattern) || EF.Functions.ILike(c.FunderName, pattern));
        }
        // Newest first unless asked otherwise; each order ends on the id, so pages never repeat or skip a row.
        var ordered = (sort, descending) switch
        {
            ("school", false) => rows.OrderBy(c => c.SchoolName).ThenByDescending(c => c.RaisedAt),
            ("school", true) => rows.OrderByDescending(c => c.SchoolName).ThenByDescending(c => c.RaisedAt),
            ("start", false) => rows.OrderBy(c => c.DesiredStart),
            ("start", true) => rows.OrderByDescending(c => c.DesiredStart),
            ("state", false) => rows.OrderBy(StateOrder.Of<Commission, CommissionState>(c => c.State)).ThenByDescending(c => c.RaisedAt),
            ("state", true) => rows.OrderByDescending(StateOrder.Of<Commission, CommissionState>(c => c.State)).ThenByDescending(c => c.RaisedAt),
            ("asked", false) => rows.OrderBy(c => c.RaisedAt),
            _ => rows.OrderByDescending(c => c.RaisedAt),
        };
        return ordered.ThenBy(c => c.Id).Select(Row);
    }

    /// <summary>The states a broker still has work in, listed on the board; the others are counted and opened in the grid.</summary>
    public static readonly IReadOnlyList<CommissionState> OpenStates = [CommissionState.Requested, CommissionState.MoreInformationRequested, CommissionState.Accepted];

    /// <summary>The most requests in one open state the board lists; the grid holds the rest.</summary>
    public const int BoardLimit = 50;

    /// <summary>The requests still open, oldest first (the longest waiting at the top), at most <see cref="BoardLimit"/> a state.</summary>
    public async Task<IReadOnlyList<CommissionRow>?> OpenAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        var commissions = db.Set<Commission>().AsNoTracking();
        // One UNION ALL of a limited query per open state: a state with thousands waiting still reads fifty.
        return await OpenStates
            .Select(state => commissions.Where(c => c.State == state).OrderBy(c => c.RaisedAt).ThenBy(c => c.Id).Take(BoardLimit))
            .Aggregate((all, next) => all.Concat(next))
            .OrderBy(c => c.RaisedAt).ThenBy(c => c.Id).Select(Row).ToListAsync(ct);
    }

    /// <summary>How many requests are in each state (every state, zeros included), for the board; null for anyone but a broker.</summary>
    public async Task<IReadOnlyDictionary<CommissionState, int>?> CountsAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        var counts = await db.Set<Commission>().AsNoTracking().GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return Enum.GetValues<CommissionState>().ToDictionary(s => s, s => counts.GetValueOrDefault(s));
    }
}

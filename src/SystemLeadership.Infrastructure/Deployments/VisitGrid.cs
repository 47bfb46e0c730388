using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Grids;

namespace SystemLeadership.Infrastructure.Deployments;

/// <summary>What the broker filters the alliance's visits by; every field travels in the page's address.</summary>
public sealed record VisitFilter(VisitState? State = null, string? Search = null);

/// <summary>
/// One line of the visits grid: the visit, and the deployment it belongs to by its leader and school. <paramref name="Begun"/>:
/// it had started when the grid was read, so one still scheduled waits for its leader's record.
/// </summary>
public sealed record VisitRow(Guid Id, Guid DeploymentId, DateTimeOffset StartsAt, int HalfDays, string Location, VisitState State,
    string LeaderName, string SchoolName, bool Begun)
{
    /// <summary>The state as a person reads it: a scheduled visit that has begun is "To record".</summary>
    public string StateText => State == VisitState.Scheduled && Begun ? "To record" : VisitGrid.Display(State);
}

/// <summary>
/// Every visit of every deployment of the alliance as a grid for its brokers (thousands a year in a large alliance):
/// filtered, sorted and paged in SQL, the latest first. Null for anyone but an alliance manager: a leader sees their own
/// visits on their deployments, a school its own on its deployment's page.
/// </summary>
public sealed class VisitGrid(TenantDbContextFactory contexts, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Sorts = ["date", "school", "leader", "state"];

    /// <summary>A visit's state as a person reads it.</summary>
    public static string Display(VisitState state) => state switch
    {
        VisitState.Scheduled => "Scheduled",
        VisitState.Recorded => "Recorded",
        VisitState.Cancelled => "Cancelled",
        _ => state.ToString(),
    };

    /// <summary>The download's columns: the date and time in UK time, each in its own column, and the length in days.</summary>
    public static readonly IReadOnlyList<ExportColumn<VisitRow>> Columns =
    [
        new("Date", v => UkTime.Day(v.StartsAt)),
        new("Time", v => UkTime.Format(v.StartsAt, "HH:mm")),
        new("Days", v => v.HalfDays / 2m),
        new("Leader", v => v.LeaderName),
        new("School", v => v.SchoolName),
        new("Where", v => v.Location),
        new("State", v => v.StateText),
    ];

    public async Task<PageOf<VisitRow>?> PageAsync(Actor actor, VisitFilter filter, PageRequest page, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        return await Query(db, filter, page.Sort, page.Descending).ToPageAsync(page, ct);
    }

    /// <summary>All the visits the filter matches, in the grid's order, for a download (see <see cref="TableExport.ReadLimit"/>).</summary>
    public async Task<IReadOnlyList<VisitRow>?> ExportAsync(Actor actor, VisitFilter filter, string? sort, bool descending, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        return await Query(db, filter, sort, descending).Take(TableExport.ReadLimit).ToListAsync(ct);
    }

    private IQueryable<VisitRow> Query(AppDbContext db, VisitFilter filter, string? sort, bool descending)
    {
        var now = clock.GetUtcNow();
        var rows = db.Set<Visit>().AsNoTracking()
            .Join(db.Set<Deployment>().AsNoTracking(), v => v.DeploymentId, d => d.Id, (v, d) => new VisitOf { Visit = v, Deployment = d });
        if (filter.State is { } state) rows = rows.Where(x => x.Visit.State == state);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = LikePattern.Containing(filter.Search);
            rows = rows.Where(x => EF.Functions.ILike(x.Deployment.SchoolName, pattern) || EF.Functions.ILike(x.Deployment.LeaderName, pattern));
        }
        // The latest first unless asked otherwise; each order ends on the id, so pages never repeat or skip a row.
        var ordered = (sort, descending) switch
        {
            ("school", false) => rows.OrderBy(x => x.Deployment.SchoolName).ThenByDescending(x => x.Visit.StartsAt),
            ("school", true) => rows.OrderByDescending(x => x.Deployment.SchoolName).ThenByDescending(x => x.Visit.StartsAt),
            ("leader", false) => rows.OrderBy(x => x.Deployment.LeaderName).ThenByDescending(x => x.Visit.StartsAt),
            ("leader", true) => rows.OrderByDescending(x => x.Deployment.LeaderName).ThenByDescending(x => x.Visit.StartsAt),
            ("state", false) => rows.OrderBy(StateOrder.Of<VisitOf, VisitState>(x => x.Visit.State)).ThenByDescending(x => x.Visit.StartsAt),
            ("state", true) => rows.OrderByDescending(StateOrder.Of<VisitOf, VisitState>(x => x.Visit.State)).ThenByDescending(x => x.Visit.StartsAt),
            ("date", false) => rows.OrderBy(x => x.Visit.StartsAt),
            _ => rows.OrderByDescending(x => x.Visit.StartsAt),
        };
        return ordered.ThenBy(x => x.Visit.Id).Select(x => new VisitRow(x.Visit.Id, x.Deployment.Id, x.Visit.StartsAt, x.Visit.HalfDays, x.Visit.Location,
            x.Visit.State, x.Deployment.LeaderName, x.Deployment.SchoolName, x.Visit.StartsAt <= now));
    }

    // A class set by initialiser, so EF can filter and order on its members before the row is made.
    private sealed class VisitOf
    {
        public Visit Visit { get; init; } = default!;
        public Deployment Deployment { get; init; } = default!;
    }
}

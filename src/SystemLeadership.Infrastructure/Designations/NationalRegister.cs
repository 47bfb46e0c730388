using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Grids;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>What the College filters the register by; every field travels in the page's address.</summary>
public sealed record RegisterFilter(DesignationState? State = null, string? Search = null, bool ExpiringSoonOnly = false, bool FlaggedOnly = false);

/// <summary>One line of the national register: only the columns shown or exported.</summary>
public sealed record RegisterEntry(
    Guid Id, string Alliance, string Holder, string Designation, string ShortName, string? School, int? SchoolUrn,
    DesignationState State, DateOnly From, DateOnly? To, DateOnly? EndedOn, DeDesignationReason? EndReason, bool FlaggedForReview = false);

/// <summary>
/// The College's national register of designations (~14,000 at national scale): every tenant's designations, read
/// through the SELECT-only national policy, filtered, sorted and paged in SQL. The caller must be a College
/// administrator (the page and the export endpoints check the role).
/// </summary>
public sealed class NationalRegister(TenantDbContextFactory contexts, Changes changes)
{
    public static readonly IReadOnlyList<string> Sorts = ["holder", "alliance", "designation", "school", "state", "from", "to"];

    public static readonly IReadOnlyList<ExportColumn<RegisterEntry>> Columns =
    [
        new("Alliance", e => e.Alliance),
        new("Holder", e => e.Holder),
        new("Designation", e => e.Designation),
        new("Short name", e => e.ShortName),
        new("School", e => e.School),
        new("URN", e => e.SchoolUrn),
        new("State", e => DesignationWorkflow.Display(e.State)),
        new("From", e => e.From),
        new("To", e => e.To),
        new("Ended", e => e.EndedOn),
        new("Reason ended", e => e.EndReason is { } why ? DesignationWorkflow.Display(why) : null),
    ];

    public async Task<PageOf<RegisterEntry>> PageAsync(RegisterFilter filter, PageRequest page, CancellationToken ct = default)
    {
        await using var db = contexts.NationalRegister();
        return await Query(db.Designations.IgnoreQueryFilters(), db, filter, page.Sort, page.Descending, changes.Today).ToPageAsync(page, ct);
    }

    /// <summary>Every row the filter matches, in the page's order, for a CSV or XLSX download.</summary>
    public async Task<IReadOnlyList<RegisterEntry>> ExportAsync(RegisterFilter filter, string? sort, bool descending, CancellationToken ct = default)
    {
        await using var db = contexts.NationalRegister();
        return await Query(db.Designations.IgnoreQueryFilters(), db, filter, sort, descending, changes.Today).Take(TableExport.ReadLimit).ToListAsync(ct);
    }

    /// <summary>
    /// The register's filter, order and projection over these designations: every tenant's (the College's national read)
    /// or one alliance's own (its tenant filter and policy; see <see cref="AllianceRegister"/>).
    /// </summary>
    internal static IQueryable<RegisterEntry> Query(IQueryable<Designation> source, AppDbContext db, RegisterFilter filter, string? sort, bool descending, DateOnly today)
    {
        var designations = source.AsNoTracking();
        if (filter.State is { } state) designations = designations.Where(d => d.State == state);
        if (filter.FlaggedOnly) designations = designations.Where(d => d.ReviewFlag != null);
        if (filter.ExpiringSoonOnly)
        {
            var horizon = today.AddDays(DesignationWorkflow.ExpiringSoonDays);
            designations = designations.Where(d => d.State == DesignationState.Active && d.EndDate >= today && d.EndDate <= horizon);
        }
        var rows = designations.Join(db.Tenants, d => d.TenantId, t => t.Id, (d, t) => new { d, Alliance = t.Name });
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = LikePattern.Containing(filter.Search.Trim());
            rows = rows.Where(r => EF.Functions.ILike(r.d.HolderName, pattern)
                || (r.d.SchoolName != null && EF.Functions.ILike(r.d.SchoolName, pattern))
                || EF.Functions.ILike(r.d.SchemeName, pattern)
                || EF.Functions.ILike(r.d.SchemeShortName, pattern)
                || EF.Functions.ILike(r.Alliance, pattern));
        }
        // Sorted before the projection (SQL cannot order by a constructed record); each order ends on the id, so paging
        // is stable when many rows share a name or a date.
        var ordered = (sort, descending) switch
        {
            ("alliance", false) => rows.OrderBy(r => r.Alliance).ThenBy(r => r.d.HolderName),
            ("alliance", true) => rows.OrderByDescending(r => r.Alliance).ThenBy(r => r.d.HolderName),
            ("designation", false) => rows.OrderBy(r => r.d.SchemeName).ThenBy(r => r.d.HolderName),
            ("designation", true) => rows.OrderByDescending(r => r.d.SchemeName).ThenBy(r => r.d.HolderName),
            ("school", false) => rows.OrderBy(r => r.d.SchoolName).ThenBy(r => r.d.HolderName),
            ("school", true) => rows.OrderByDescending(r => r.d.SchoolName).ThenBy(r => r.d.HolderName),
            ("state", false) => rows.OrderBy(r => r.d.State).ThenBy(r => r.d.HolderName),
            ("state", true) => rows.OrderByDescending(r => r.d.State).ThenBy(r => r.d.HolderName),
            ("from", false) => rows.OrderBy(r => r.d.StartDate),
            ("from", true) => rows.OrderByDescending(r => r.d.StartDate),
            ("to", false) => rows.OrderBy(r => r.d.EndDate),
            ("to", true) => rows.OrderByDescending(r => r.d.EndDate),
            (_, true) => rows.OrderByDescending(r => r.d.HolderName),
            _ => rows.OrderBy(r => r.d.HolderName),
        };
        return ordered.ThenBy(r => r.d.Id).Select(r => new RegisterEntry(r.d.Id, r.Alliance, r.d.HolderName, r.d.SchemeName, r.d.SchemeShortName,
            r.d.SchoolName, r.d.SchoolUrn, r.d.State, r.d.StartDate, r.d.EndDate, r.d.EndedOn, r.d.EndReason, r.d.ReviewFlag != null));
    }
}

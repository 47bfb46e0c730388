using System.Security.Claims;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Infrastructure.Reimbursement;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Web.Auditing;
using SystemLeadership.Web.Brokerage;
using SystemLeadership.Web.Deployments;
using SystemLeadership.Web.Designations;
using SystemLeadership.Web.Reimbursement;

namespace SystemLeadership.Web.Grids;

/// <summary>
/// The alliance's grids as CSV or XLSX: every row the page's filter matches, in its order, read from the same address
/// the page reads. The grid decides who may have it (its brokers and managers); anyone else is told "not found".
/// </summary>
public static class GridDownloads
{
    private const string Format = "{format:regex(^(csv|xlsx)$)}";

    public static void MapGridDownloads(this IEndpointRouteBuilder endpoints)
    {
        Map<CommissionsView, CommissionGrid, CommissionRow>(endpoints, "commissions", "Support requests", "support-requests", CommissionGrid.Columns,
            (grid, actor, view, ct) => grid.ExportAsync(actor, view.Filter, view.SortKey, view.Descending, ct));
        Map<DeploymentsView, DeploymentGrid, DeploymentRow>(endpoints, "brokerage/deployments", "Deployments", "deployments", DeploymentGrid.Columns,
            (grid, actor, view, ct) => grid.ExportAsync(actor, view.Filter, view.SortKey, view.Descending, ct));
        Map<VisitsView, VisitGrid, VisitRow>(endpoints, "brokerage/visits", "Visits", "visits", VisitGrid.Columns,
            (grid, actor, view, ct) => grid.ExportAsync(actor, view.Filter, view.SortKey, view.Descending, ct));
        Map<ApplicationsView, ApplicationGrid, ApplicationRow>(endpoints, "applications", "Applications", "applications", ApplicationGrid.Columns,
            (grid, actor, view, ct) => grid.ExportAsync(actor, view.Filter, view.SortKey, view.Descending, ct));
        // Claims: the broker's every claim, or a headteacher's own school's (the list's rule); none for anyone else.
        Map<ClaimsView, ClaimViews, ClaimRow>(endpoints, "claims", "Claims", "claims", ClaimViews.Columns,
            (claims, actor, view, ct) => claims.ExportAsync(actor, view.Filter, view.SortKey, view.Descending, ct));
        Map<AuditView, AuditTrail, AuditRow>(endpoints, "audit", "Audit trail", "audit-trail", AuditTrail.Columns,
            (trail, actor, view, ct) => trail.ExportAsync(actor, view.Filter, view.SortKey, view.Descending, ct));
    }

    /// <summary>
    /// One grid's download at /t/{slug}/{grid}.csv or .xlsx: the alliance entered as the signed-in person (not found
    /// for anyone without a place there), then the grid's own export with the page's view (null: not found).
    /// </summary>
    private static void Map<TView, TGrid, TRow>(IEndpointRouteBuilder endpoints, string grid, string sheet, string name,
        IReadOnlyList<ExportColumn<TRow>> columns, Func<TGrid, Actor, TView, CancellationToken, Task<IReadOnlyList<TRow>?>> export)
        where TGrid : notnull =>
        endpoints.MapGet($"/t/{{slug}}/{grid}.{Format}", async (string slug, string format, [AsParameters] TView view,
                ClaimsPrincipal user, TenantAccess access, TGrid service, CancellationToken ct) =>
            await access.EnterAsync(slug, user, ct) is { } membership && await export(service, membership.Actor, view, ct) is { } rows
                ? Result(format, sheet, $"{name}-{FileNames.Slug(slug)}", columns, rows, ct)
                : Results.NotFound())
            .RequireAuthorization();

    /// <summary>
    /// A download named for what it holds and the day it was taken, e.g. deployments-swaledale-2026-12-05.xlsx. A list
    /// longer than a download holds is refused in words, never cut short without saying.
    /// </summary>
    public static IResult Result<T>(string format, string sheet, string name, IReadOnlyList<ExportColumn<T>> columns, IReadOnlyList<T> rows, CancellationToken ct)
    {
        if (rows.Count > TableExport.RowLimit)
        {
            return Results.Text($"More than {TableExport.RowLimit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} rows match, more than one download holds: narrow the filter and download again.",
                statusCode: StatusCodes.Status400BadRequest);
        }
        var file = $"{name}-{DateTime.UtcNow:yyyy-MM-dd}.{format}";
        return format == "csv"
            ? Results.Stream(s => TableExport.WriteCsvAsync(s, columns, rows, ct: ct), TableExport.CsvType, file)
            : Results.Stream(s => TableExport.WriteXlsxAsync(s, sheet, columns, rows, ct), TableExport.XlsxType, file);
    }
}

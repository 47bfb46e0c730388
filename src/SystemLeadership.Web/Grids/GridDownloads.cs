using System.Security.Claims;
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
        endpoints.MapGet($"/t/{{slug}}/commissions.{Format}", async (string slug, string format, [AsParameters] CommissionsView view,
                ClaimsPrincipal user, TenantAccess access, CommissionGrid grid, CancellationToken ct) =>
            await access.EnterAsync(slug, user, ct) is { } membership
                && await grid.ExportAsync(membership.Actor, view.Filter, view.SortKey, view.Descending, ct) is { } rows
                    ? Result(format, "Support requests", $"support-requests-{FileNames.Slug(slug)}", CommissionGrid.Columns, rows, ct)
                    : Results.NotFound())
            .RequireAuthorization();

        endpoints.MapGet($"/t/{{slug}}/brokerage/deployments.{Format}", async (string slug, string format, [AsParameters] DeploymentsView view,
                ClaimsPrincipal user, TenantAccess access, DeploymentGrid grid, CancellationToken ct) =>
            await access.EnterAsync(slug, user, ct) is { } membership
                && await grid.ExportAsync(membership.Actor, view.Filter, view.SortKey, view.Descending, ct) is { } rows
                    ? Result(format, "Deployments", $"deployments-{FileNames.Slug(slug)}", DeploymentGrid.Columns, rows, ct)
                    : Results.NotFound())
            .RequireAuthorization();

        endpoints.MapGet($"/t/{{slug}}/applications.{Format}", async (string slug, string format, [AsParameters] ApplicationsView view,
                ClaimsPrincipal user, TenantAccess access, ApplicationGrid grid, CancellationToken ct) =>
            await access.EnterAsync(slug, user, ct) is { } membership
                && await grid.ExportAsync(membership.Actor, view.Filter, view.SortKey, view.Descending, ct) is { } rows
                    ? Result(format, "Applications", $"applications-{FileNames.Slug(slug)}", ApplicationGrid.Columns, rows, ct)
                    : Results.NotFound())
            .RequireAuthorization();

        // Claims: the broker's every claim, or a headteacher's own school's (the list's rule); none for anyone else.
        endpoints.MapGet($"/t/{{slug}}/claims.{Format}", async (string slug, string format, [AsParameters] ClaimsView view,
                ClaimsPrincipal user, TenantAccess access, ClaimViews claims, CancellationToken ct) =>
            await access.EnterAsync(slug, user, ct) is { } membership
                && await claims.ExportAsync(membership.Actor, view.Filter, view.SortKey, view.Descending, ct) is { } rows
                    ? Result(format, "Claims", $"claims-{FileNames.Slug(slug)}", ClaimViews.Columns, rows, ct)
                    : Results.NotFound())
            .RequireAuthorization();

        endpoints.MapGet($"/t/{{slug}}/audit.{Format}", async (string slug, string format, [AsParameters] AuditView view,
                ClaimsPrincipal user, TenantAccess access, AuditTrail trail, CancellationToken ct) =>
            await access.EnterAsync(slug, user, ct) is { } membership
                && await trail.ExportAsync(membership.Actor, view.Filter, view.SortKey, view.Descending, ct) is { } rows
                    ? Result(format, "Audit trail", $"audit-trail-{FileNames.Slug(slug)}", AuditTrail.Columns, rows, ct)
                    : Results.NotFound())
            .RequireAuthorization();
    }

    /// <summary>A download named for what it holds and the day it was taken, e.g. deployments-swaledale-2026-12-05.xlsx.</summary>
    public static IResult Result<T>(string format, string sheet, string name, IReadOnlyList<ExportColumn<T>> columns, IReadOnlyList<T> rows, CancellationToken ct)
    {
        var file = $"{name}-{DateTime.UtcNow:yyyy-MM-dd}.{format}";
        return format == "csv"
            ? Results.Stream(s => TableExport.WriteCsvAsync(s, columns, rows, ct: ct), TableExport.CsvType, file)
            : Results.Stream(s => TableExport.WriteXlsxAsync(s, sheet, columns, rows, ct), TableExport.XlsxType, file);
    }
}

using System.Security.Claims;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Web.Grids;

namespace SystemLeadership.Web.College;

/// <summary>
/// The registers as CSV or XLSX: every row the page's filter matches, in its order. The national one for College
/// administrators only; an alliance's own for its alliance managers only (not found for anyone else).
/// </summary>
public static class RegisterEndpoints
{
    public static void MapRegisterEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/college/register.{format:regex(^(csv|xlsx)$)}", async (string format, [AsParameters] RegisterView view, ClaimsPrincipal user,
                NationalRegister register, CancellationToken ct) =>
            {
                if (!user.IsInRole(GlobalRoles.CollegeAdministrator)) return Results.NotFound();
                return GridDownloads.Result(format, "National register", "national-register", NationalRegister.Columns, await register.ExportAsync(view.Filter, view.SortKey, view.Desc == true, ct), ct);
            })
            .RequireAuthorization();

        endpoints.MapGet("/t/{slug}/designations.{format:regex(^(csv|xlsx)$)}", async (string slug, string format, [AsParameters] RegisterView view,
                ClaimsPrincipal user, TenantAccess access, AllianceRegister register, CancellationToken ct) =>
            {
                var membership = await access.EnterAsync(slug, user, ct);
                if (membership is null) return Results.NotFound();
                var rows = await register.ExportAsync(membership.Actor, view.Filter, view.SortKey, view.Desc == true, ct);
                return rows is null ? Results.NotFound() : GridDownloads.Result(format, "Designations", $"designations-{FileNames.Slug(slug)}", NationalRegister.Columns, rows, ct);
            })
            .RequireAuthorization();
    }
}

using System.Security.Claims;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Grids;

namespace SystemLeadership.Web.College;

/// <summary>The national register as CSV or XLSX: every row the page's filter matches, in its order. College administrators only.</summary>
public static class RegisterEndpoints
{
    public static void MapRegisterEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/college/register.{format:regex(^(csv|xlsx)$)}", async (string format, [AsParameters] RegisterView view, ClaimsPrincipal user,
                NationalRegister register, CancellationToken ct) =>
            {
                if (!user.IsInRole(GlobalRoles.CollegeAdministrator)) return Results.NotFound();
                var rows = await register.ExportAsync(view.Filter, view.SortKey, view.Desc == true, ct);
                return format == "csv"
                    ? Results.Stream(s => TableExport.WriteCsvAsync(s, NationalRegister.Columns, rows, ct: ct), TableExport.CsvType, FileName("csv"))
                    : Results.Stream(s => TableExport.WriteXlsxAsync(s, "National register", NationalRegister.Columns, rows, ct), TableExport.XlsxType, FileName("xlsx"));
            })
            .RequireAuthorization();

    private static string FileName(string extension) => $"national-register-{DateTime.UtcNow:yyyy-MM-dd}.{extension}";
}

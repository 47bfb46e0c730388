using System.Security.Claims;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Infrastructure.Onboarding;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Web.Onboarding;

/// <summary>The onboarding template, as CSV or XLSX: for the alliance's managers only (not found for anyone else).</summary>
public static class OnboardingEndpoints
{
    public static void MapOnboardingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/t/{slug}/import-leaders/template.{format:regex(^(csv|xlsx)$)}", async (string slug, string format, ClaimsPrincipal user,
                TenantAccess access, HttpContext http, CancellationToken ct) =>
            {
                var membership = await access.EnterAsync(slug, user, ct);
                if (membership is null || !membership.Actor.Is(TenantRoles.AllianceManager) || membership.Tenant.IsCollege) return Results.NotFound();
                var xlsx = format == "xlsx";
                http.Response.ContentType = xlsx ? TableExport.XlsxType : TableExport.CsvType;
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"leaders-template.{format}\"";
                await LeaderImportFile.WriteTemplateAsync(http.Response.Body, xlsx, ct);
                return Results.Empty;
            })
            .RequireAuthorization();
    }
}

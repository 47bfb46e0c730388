using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Infrastructure.Reimbursement;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Web.Brokerage;

/// <summary>Downloads for brokerage: the agreement, claim statements, the finance export and visit calendar files.</summary>
public static class BrokerageEndpoints
{
    public static void MapBrokerageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Not found, not forbidden, for anything outside the person's tenant or not theirs to see: ids are not confirmed to exist.
        endpoints.MapGet("/t/{slug}/proposals/{id:guid}/agreement.pdf", async (string slug, Guid id, ClaimsPrincipal user,
                TenantAccess access, BrokerageViews views, CancellationToken ct) =>
            {
                var membership = await access.EnterAsync(slug, user, ct);
                if (membership is null) return Results.NotFound();
                var pdf = await views.AgreementAsync(id, membership.Actor, ct);
                return pdf is null ? Results.NotFound() : Results.File(pdf.Content, "application/pdf", pdf.FileName);
            })
            .RequireAuthorization();

        endpoints.MapGet("/t/{slug}/claims/{id:guid}/statement.pdf", async (string slug, Guid id, ClaimsPrincipal user,
                TenantAccess access, ClaimViews claims, CancellationToken ct) =>
            {
                var membership = await access.EnterAsync(slug, user, ct);
                if (membership is null) return Results.NotFound();
                var pdf = await claims.StatementAsync(id, membership.Actor, ct);
                return pdf is null ? Results.NotFound() : Results.File(pdf.Content, "application/pdf", pdf.FileName);
            })
            .RequireAuthorization();

        endpoints.MapGet("/t/{slug}/claims/finance.csv", async (string slug, string? term, ClaimsPrincipal user,
                TenantAccess access, ClaimViews claims, CancellationToken ct) =>
            {
                var membership = await access.EnterAsync(slug, user, ct);
                if (membership is null || !SchoolTerm.TryParse(term, out var parsed)) return Results.NotFound();
                var csv = await claims.FinanceCsvAsync(parsed, membership.Actor, ct);
                return csv is null ? Results.NotFound()
                    : Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"claims-{FileNames.Slug(parsed.Key)}.csv");
            })
            .RequireAuthorization();

        endpoints.MapGet("/t/{slug}/visits/{id:guid}/visit.ics", async (string slug, Guid id, ClaimsPrincipal user,
                TenantAccess access, DeploymentViews deployments, CancellationToken ct) =>
            {
                var membership = await access.EnterAsync(slug, user, ct);
                if (membership is null) return Results.NotFound();
                var ics = await deployments.CalendarAsync(id, membership.Actor, ct);
                return ics is null ? Results.NotFound() : Results.File(Encoding.UTF8.GetBytes(ics.Content), "text/calendar; charset=utf-8", ics.FileName);
            })
            .RequireAuthorization();
    }
}

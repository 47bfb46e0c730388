using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Documents;
using SystemLeadership.Infrastructure.Evidence;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Web.Documents;

public static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Not found, not forbidden, for anything outside the person's tenant or not theirs to see: ids are not confirmed to exist.
        endpoints.MapGet("/t/{slug}/designations/{id:guid}/letter.pdf", async (string slug, Guid id, ClaimsPrincipal user,
                TenantAccess access, TenantDbContextFactory contexts, TimeProvider clock, CancellationToken ct) =>
            {
                var membership = await access.EnterAsync(slug, user, ct);
                if (membership is null) return Results.NotFound();
                await using var db = contexts.CreateDbContext();
                var designation = await db.Designations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
                if (designation is null) return Results.NotFound();
                var mayRead = designation.HolderUserId == membership.Actor.UserId || membership.Actor.Is(TenantRoles.AllianceManager);
                if (!mayRead) return Results.NotFound();
                var pdf = DesignationLetter.Render(designation, membership.Tenant.Name, clock.GetUtcNow());
                return Results.File(pdf, "application/pdf", $"designation-letter-{designation.HolderName.Replace(' ', '-').ToLowerInvariant()}.pdf");
            })
            .RequireAuthorization();

        endpoints.MapGet("/t/{slug}/applications/{applicationId:guid}/evidence/{fileId:guid}", async (string slug, Guid applicationId, Guid fileId,
                ClaimsPrincipal user, TenantAccess access, EvidenceService evidence, HttpContext http, CancellationToken ct) =>
            {
                var membership = await access.EnterAsync(slug, user, ct);
                if (membership is null) return Results.NotFound();
                var file = await evidence.DownloadAsync(applicationId, fileId, membership.Actor, ct);
                if (file is null) return Results.NotFound();
                // Served as a download, never rendered in the app's origin, whatever the file claims to be.
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.ContentSecurityPolicy = "sandbox";
                return Results.File(file.Content, file.ContentType, file.FileName);
            })
            .RequireAuthorization();
    }
}

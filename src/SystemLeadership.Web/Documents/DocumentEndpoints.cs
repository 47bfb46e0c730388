using System.Security.Claims;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Web.Documents;

public static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Not found, not forbidden, for anything outside the person's tenant or not theirs to see: ids are not confirmed to exist.
        endpoints.MapGet("/t/{slug}/designations/{id:guid}/letter.pdf", async (string slug, Guid id, ClaimsPrincipal user,
                TenantAccess access, DesignationViews designations, CancellationToken ct) =>
            {
                var membership = await access.EnterAsync(slug, user, ct);
                if (membership is null) return Results.NotFound();
                var letter = await designations.LetterAsync(id, membership.Actor, ct);
                return letter is null ? Results.NotFound() : Results.File(letter.Content, "application/pdf", letter.FileName);
            })
            .RequireAuthorization();

        endpoints.MapGet("/t/{slug}/applications/{applicationId:guid}/evidence/{fileId:guid}", async (string slug, Guid applicationId, Guid fileId,
                ClaimsPrincipal user, TenantAccess access, ApplicationViews applications, HttpContext http, CancellationToken ct) =>
            {
                var membership = await access.EnterAsync(slug, user, ct);
                if (membership is null) return Results.NotFound();
                var file = await applications.DownloadAsync(applicationId, fileId, membership.Actor, ct);
                if (file is null) return Results.NotFound();
                // Served as a download, never rendered in the app's origin, whatever the file claims to be.
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.ContentSecurityPolicy = "sandbox";
                return Results.File(file.Content, file.ContentType, file.FileName);
            })
            .RequireAuthorization();
    }
}

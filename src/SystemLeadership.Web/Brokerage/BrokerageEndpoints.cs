using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Infrastructure.Reimbursement;
using SystemLeadership.Web.Tenancy;

namespace SystemLeadership.Web.Brokerage;

/// <summary>Downloads for brokerage: the agreement, claim statements, the finance export and visit calendar files.</summary>
public static class BrokerageEndpoints
{
    public static void MapBrokerageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Not found, not forbidden, for anything outside the person's tenant or not theirs to see: ids are not confirmed to exist.
        endpoints.MapGet("/t/{slug}/proposals/{id:guid}/agreement.pdf", async (string slug, Guid id, ClaimsPrincipal user,
                TenantAccess access, BrokerageService brokerage, CancellationToken ct) =>
            {
                var membership = await access.EnterAsync(slug, user, ct);
                if (membership is null) return Results.NotFound();
                var proposal = await brokerage.FindProposalAsync(id, ct);
                var commission = proposal is null ? null : await brokerage.FindCommissionAsync(proposal.CommissionId, ct);
                if (proposal is null || commission is null) return Results.NotFound();
                if (!membership.Actor.Is(TenantRoles.AllianceManager) && Parties.On(proposal, commission, membership.Actor).Count == 0) return Results.NotFound();
                var pdf = await brokerage.AgreementPdfAsync(id, ct);
                return pdf is null ? Results.NotFound() : Results.File(pdf, "application/pdf", $"deployment-agreement-{Slugify(commission.SchoolName)}.pdf");
            })
            .RequireAuthorization();

        endpoints.MapGet("/t/{slug}/claims/{id:guid}/statement.pdf", async (string slug, Guid id, ClaimsPrincipal user,
                TenantAccess access, ClaimService claims, CancellationToken ct) =>
            {
                var membership = await access.EnterAsync(slug, user, ct);
                if (membership is null) return Results.NotFound();
                if ((await claims.RolesForAsync(id, membership.Actor, ct)).Count == 0) return Results.NotFound();
                var claim = await claims.FindAsync(id, ct);
                var pdf = await claims.StatementPdfAsync(id, ct);
                return pdf is null || claim is null ? Results.NotFound()
                    : Results.File(pdf, "application/pdf", $"claim-statement-{Slugify(claim.SchoolName)}-{Slugify(claim.TermKey)}.pdf");
            })
            .RequireAuthorization();

        endpoints.MapGet("/t/{slug}/claims/finance.csv", async (string slug, string? term, ClaimsPrincipal user,
                TenantAccess access, ClaimService claims, CancellationToken ct) =>
            {
                var membership = await access.EnterAsync(slug, user, ct);
                if (membership is null || !membership.Actor.Is(TenantRoles.AllianceManager)) return Results.NotFound();
                SchoolTerm parsed;
                try
                {
                    parsed = SchoolTerm.Parse(term ?? "");
                }
                catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
                {
                    return Results.NotFound();
                }
                var csv = await claims.FinanceCsvAsync(parsed, ct);
                return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"claims-{Slugify(parsed.Key)}.csv");
            })
            .RequireAuthorization();

        endpoints.MapGet("/t/{slug}/visits/{id:guid}/visit.ics", async (string slug, Guid id, ClaimsPrincipal user,
                TenantAccess access, TenantDbContextFactory contexts, DeploymentService deployments, CancellationToken ct) =>
            {
                var membership = await access.EnterAsync(slug, user, ct);
                if (membership is null) return Results.NotFound();
                Deployment? deployment;
                await using (var db = contexts.CreateDbContext())
                {
                    var visit = await db.Set<Visit>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
                    deployment = visit is null ? null : await db.Set<Deployment>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == visit.DeploymentId, ct);
                }
                if (deployment is null || !MayFollow(deployment, membership)) return Results.NotFound();
                var ics = await deployments.CalendarAsync(id, ct);
                return ics is null ? Results.NotFound() : Results.File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"visit-{Slugify(deployment.SchoolName)}.ics");
            })
            .RequireAuthorization();
    }

    /// <summary>Everyone named on a deployment, and the broker.</summary>
    private static bool MayFollow(Deployment d, TenantMembership m) =>
        m.Actor.Is(TenantRoles.AllianceManager) || d.LeaderUserId == m.Actor.UserId || Parties.SameEmail(d.HeadteacherEmail, m.Actor.Email)
        || Parties.SameEmail(d.SupportedSchoolContactEmail, m.Actor.Email) || Parties.SameEmail(d.CommissionerEmail, m.Actor.Email);

    private static string Slugify(string text) =>
        new string(text.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-');
}

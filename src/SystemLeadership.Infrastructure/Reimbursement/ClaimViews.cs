using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Domain.Workflows;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Grids;

namespace SystemLeadership.Infrastructure.Reimbursement;

/// <summary>One line of the claims list: only the columns shown.</summary>
public sealed record ClaimRow(Guid Id, string SchoolName, string TermKey, int TotalHalfDays, long TotalPence, ClaimState State);

/// <summary>A claim as one person may see it, with the moves they may make on it now.</summary>
public sealed record ClaimView(Claim Claim, IReadOnlyList<ClaimRole> Roles, IReadOnlyList<Transition<ClaimState, ClaimMove, ClaimRole, Claim>> Moves);

/// <summary>
/// Who sees which claim: the broker, and whoever acts for the school it reimburses (<see cref="ClaimParties"/>). The one
/// place the claim pages, the statement PDF and the finance export ask; null means "not found".
/// </summary>
public sealed class ClaimViews(TenantDbContextFactory contexts, TimeProvider clock)
{
    public async Task<ClaimView?> ClaimAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var claim = await db.Set<Claim>().AsNoTracking().Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null) return null;
        var roles = ClaimParties.Of(claim, await SchoolEmailsAsync(db, claim, ct), actor);
        return roles.Count == 0 ? null : new ClaimView(claim, roles, ClaimParties.MovesFor(claim, roles));
    }

    /// <summary>
    /// A page of the claims this person sees, newest first: every claim for the broker; for anyone else, the claims of
    /// the schools they act for. Only the columns the list shows (a claim's lines stay on its own page).
    /// </summary>
    public async Task<PageOf<ClaimRow>> PageAsync(Actor actor, PageRequest page, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        return await Visible(db, actor).OrderByDescending(c => c.CreatedAt).ThenBy(c => c.SchoolName).ThenBy(c => c.Id)
            .Select(c => new ClaimRow(c.Id, c.SchoolName, c.TermKey, c.TotalHalfDays, c.TotalPence, c.State))
            .ToPageAsync(page, ct);
    }

    /// <summary>The terms the broker has claims in, newest first, for the finance exports; empty for anyone else.</summary>
    public async Task<IReadOnlyList<string>> TermsAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return [];
        await using var db = contexts.CreateDbContext();
        var keys = await db.Set<Claim>().AsNoTracking().Select(c => c.TermKey).Distinct().ToListAsync(ct);
        return [.. keys.OrderByDescending(k => SchoolTerm.Parse(k))];
    }

    private static IQueryable<Claim> Visible(AppDbContext db, Actor actor)
    {
        if (actor.Is(TenantRoles.AllianceManager)) return db.Set<Claim>().AsNoTracking();
        var email = actor.Email.Trim().ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower to SQL lower().
        var schools = db.Set<LeaderProfile>().Where(p => p.HeadteacherEmail.ToLower() == email).Select(p => p.SchoolUrn);
#pragma warning restore CA1862
        return db.Set<Claim>().AsNoTracking().Where(c => c.PayeeTenantId == null && schools.Contains(c.SchoolUrn));
    }

    /// <summary>Terms with logged days or JPD sessions not yet on a claim, with how many half days: what the broker can generate claims for.</summary>
    public async Task<IReadOnlyList<(SchoolTerm Term, int HalfDays)>> UnclaimedAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return [];
        await using var db = contexts.CreateDbContext();
        var days = db.Set<DayLogEntry>().AsNoTracking().Where(l => l.ClaimId == null).Select(l => new { l.TermKey, l.HalfDays });
        var sessions = db.Set<JpdSession>().AsNoTracking().Where(s => s.ClaimId == null).Select(s => new { s.TermKey, s.HalfDays });
        var rows = await days.Concat(sessions).GroupBy(l => l.TermKey).Select(g => new { g.Key, HalfDays = g.Sum(l => l.HalfDays) }).ToListAsync(ct);
        return rows.Select(r => (SchoolTerm.Parse(r.Key), r.HalfDays)).OrderBy(r => r.Item1).ToList();
    }

    /// <summary>The school's statement: every line, each rate's total, the claim total; for the claim's parties only.</summary>
    public async Task<DocumentFile?> StatementAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        if (await ClaimAsync(id, actor, ct) is not { } view) return null;
        await using var db = contexts.CreateDbContext();
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == view.Claim.TenantId, ct);
        return new DocumentFile(ClaimStatement.Render(view.Claim, tenant.Name, clock.GetUtcNow()),
            $"claim-statement-{FileNames.Slug(view.Claim.SchoolName)}-{FileNames.Slug(view.Claim.TermKey)}.pdf");
    }

    /// <summary>One row per claim line, amounts in pounds with two decimals, for the finance team's import.</summary>
    public async Task<string?> FinanceCsvAsync(SchoolTerm term, Actor actor, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
        await using var db = contexts.CreateDbContext();
        var claims = await db.Set<Claim>().AsNoTracking().Include(c => c.Lines).Where(c => c.TermKey == term.Key).OrderBy(c => c.SchoolName).ToListAsync(ct);
        var lines = claims.SelectMany(c => c.Lines.OrderBy(l => l.Date).ThenBy(l => l.LeaderName, StringComparer.Ordinal).Select(l => (Claim: c, Line: l)));
        using var output = new MemoryStream();
        // No byte-order mark: the finance system imports this file.
        await TableExport.WriteCsvAsync(output, FinanceColumns, lines, byteOrderMark: false, ct: ct);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>The finance export: one row a claim line, the claim's own fields repeated on each.</summary>
    private static readonly IReadOnlyList<ExportColumn<(Claim Claim, ClaimLine Line)>> FinanceColumns =
    [
        new("ClaimId", x => x.Claim.Id),
        new("Term", x => x.Claim.TermKey),
        new("SchoolUrn", x => x.Claim.SchoolUrn),
        new("School", x => x.Claim.SchoolName),
        new("State", x => x.Claim.State),
        new("Date", x => x.Line.Date),
        new("Leader", x => x.Line.LeaderName),
        new("SupportedSchool", x => x.Line.SupportedSchoolName),
        new("HalfDays", x => x.Line.HalfDays),
        new("DayRate", x => Money.Pounds(x.Line.DayRatePence)),
        new("Amount", x => Money.Pounds(x.Line.AmountPence)),
        new("ClaimTotal", x => Money.Pounds(x.Claim.TotalPence)),
        new("PaymentReference", x => x.Claim.PaymentReference),
    ];

    /// <summary>
    /// Who acts for the school a claim reimburses: the headteachers (or chairs) of its leaders. Taken from the school, not
    /// from the deployment, so after a change of leader the first school's claim stays with the first school's head.
    /// A claim paid through a pooled leader's home alliance has nobody here acting for a school: the home submits it.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> SchoolEmailsAsync(AppDbContext db, Claim claim, CancellationToken ct) =>
        claim.PayeeTenantId is not null ? [] :
        await db.Set<LeaderProfile>().AsNoTracking().Where(p => p.SchoolUrn == claim.SchoolUrn && p.HeadteacherEmail != "")
            .Select(p => p.HeadteacherEmail).Distinct().ToListAsync(ct);
}

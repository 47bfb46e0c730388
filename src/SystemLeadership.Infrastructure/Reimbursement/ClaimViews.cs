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

/// <summary>What a person filters the claims they see by; every field travels in the page's address.</summary>
public sealed record ClaimFilter(ClaimState? State = null, string? Term = null, string? Search = null);

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

    public static readonly IReadOnlyList<string> Sorts = ["created", "school", "term", "total", "state"];

    /// <summary>The download's columns: the list's, with the days and the money as numbers.</summary>
    public static readonly IReadOnlyList<ExportColumn<ClaimRow>> Columns =
    [
        new("School", c => c.SchoolName),
        new("Term", c => c.TermKey),
        new("Days", c => c.TotalHalfDays / 2m),
        new("Total (£)", c => c.TotalPence / 100m),
        new("State", c => ClaimWorkflow.Display(c.State)),
    ];

    /// <summary>
    /// A page of the claims this person sees, newest first unless asked otherwise: every claim for the broker; for anyone
    /// else, the claims of the schools they act for. Only the columns the list shows (a claim's lines stay on its own page).
    /// </summary>
    public async Task<PageOf<ClaimRow>> PageAsync(Actor actor, ClaimFilter filter, PageRequest page, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        return await Query(db, actor, filter, page.Sort, page.Descending).ToPageAsync(page, ct);
    }

    /// <summary>
    /// Every claim this person sees that the filter matches, in the list's order, for a download; null for someone who
    /// is party to no claim (neither the broker nor the headteacher of a claiming school).
    /// </summary>
    public async Task<IReadOnlyList<ClaimRow>?> ExportAsync(Actor actor, ClaimFilter filter, string? sort, bool descending, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        if (!actor.Is(TenantRoles.AllianceManager) && !await Visible(db, actor).AnyAsync(ct)) return null;
        return await Query(db, actor, filter, sort, descending).Take(TableExport.ReadLimit).ToListAsync(ct);
    }

    private static IQueryable<ClaimRow> Query(AppDbContext db, Actor actor, ClaimFilter filter, string? sort, bool descending)
    {
        var rows = Visible(db, actor);
        if (filter.State is { } state) rows = rows.Where(c => c.State == state);
        if (!string.IsNullOrWhiteSpace(filter.Term)) rows = rows.Where(c => c.TermKey == filter.Term);
        if (!string.IsNullOrWhiteSpace(filter.Search)) rows = rows.Where(c => EF.Functions.ILike(c.SchoolName, LikePattern.Containing(filter.Search)));
        // A term's key sorts as the terms fall ("2026-27 Autumn", "2026-27 Spring"…); each order ends on the id.
        var ordered = (sort, descending) switch
        {
            ("school", false) => rows.OrderBy(c => c.SchoolName).ThenByDescending(c => c.CreatedAt),
            ("school", true) => rows.OrderByDescending(c => c.SchoolName).ThenByDescending(c => c.CreatedAt),
            ("term", false) => rows.OrderBy(c => c.TermKey).ThenBy(c => c.SchoolName),
            ("term", true) => rows.OrderByDescending(c => c.TermKey).ThenBy(c => c.SchoolName),
            ("total", false) => rows.OrderBy(c => c.TotalPence).ThenBy(c => c.SchoolName),
            ("total", true) => rows.OrderByDescending(c => c.TotalPence).ThenBy(c => c.SchoolName),
            ("state", false) => rows.OrderBy(StateOrder.Of<Claim, ClaimState>(c => c.State)).ThenByDescending(c => c.CreatedAt),
            ("state", true) => rows.OrderByDescending(StateOrder.Of<Claim, ClaimState>(c => c.State)).ThenByDescending(c => c.CreatedAt),
            ("created", false) => rows.OrderBy(c => c.CreatedAt).ThenBy(c => c.SchoolName),
            _ => rows.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.SchoolName),
        };
        return ordered.ThenBy(c => c.Id).Select(c => new ClaimRow(c.Id, c.SchoolName, c.TermKey, c.TotalHalfDays, c.TotalPence, c.State));
    }

    /// <summary>
    /// The terms around the claims list, in one read: those this person's claims fall in (for the filter, latest first),
    /// and for the broker, the terms with logged days or JPD sessions not yet on a claim, with how many half days (what
    /// they can generate claims for, earliest first).
    /// </summary>
    public async Task<ClaimTerms> TermsAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var terms = Visible(db, actor).Select(c => new TermRow { Key = c.TermKey, Claimed = true, HalfDays = 0 }).Distinct();
        if (actor.Is(TenantRoles.AllianceManager))
        {
            var days = db.Set<DayLogEntry>().AsNoTracking().Where(l => l.ClaimId == null).Select(l => new { l.TermKey, l.HalfDays });
            var sessions = db.Set<JpdSession>().AsNoTracking().Where(s => s.ClaimId == null).Select(s => new { s.TermKey, s.HalfDays });
            terms = terms.Concat(days.Concat(sessions).GroupBy(l => l.TermKey).Select(g => new TermRow { Key = g.Key, Claimed = false, HalfDays = g.Sum(l => l.HalfDays) }));
        }
        var rows = await terms.ToListAsync(ct);
        return new ClaimTerms(
            [.. rows.Where(r => r.Claimed).Select(r => r.Key).OrderByDescending(SchoolTerm.Parse)],
            [.. rows.Where(r => !r.Claimed).Select(r => (SchoolTerm.Parse(r.Key), r.HalfDays)).OrderBy(r => r.Item1)]);
    }

    // A class set by initialiser, so that EF can line up the two branches of the terms' UNION ALL.
    private sealed class TermRow
    {
        public string Key { get; init; } = "";
        public bool Claimed { get; init; }
        public int HalfDays { get; init; }
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

/// <summary>The terms around the claims list: those claimed in (for its filter), and those with days not yet claimed (for the broker).</summary>
public sealed record ClaimTerms(IReadOnlyList<string> Claimed, IReadOnlyList<(SchoolTerm Term, int HalfDays)> Unclaimed);

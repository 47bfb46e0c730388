using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Documents;

namespace SystemLeadership.Infrastructure.Reimbursement;

/// <summary>
/// Reimbursement to leaders' schools: a claim per school per term from the days logged at the agreed rates, moved
/// through its table by the school and the broker, with a statement PDF and a CSV for finance.
/// </summary>
public sealed class ClaimService(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    /// <summary>Draft claims for every school with unclaimed days in the term; days already claimed are never claimed twice.</summary>
    public async Task<IReadOnlyList<Claim>> GenerateAsync(SchoolTerm term, Actor broker, CancellationToken ct = default)
    {
        BrokerageService.RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new BrokerageRecorder(db, clock);
        var entries = await db.Set<DayLogEntry>().Where(l => l.TermKey == term.Key && l.ClaimId == null).ToListAsync(ct);
        var deploymentIds = entries.Select(e => e.DeploymentId).Distinct().ToList();
        var deployments = await db.Set<Deployment>().AsNoTracking().Where(d => deploymentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var slug = await BrokerageService.SlugAsync(db, ct);
        List<Claim> claims = [];
        foreach (var school in entries.GroupBy(e => (e.LeaderSchoolUrn, e.LeaderSchoolName)).OrderBy(g => g.Key.LeaderSchoolName, StringComparer.Ordinal))
        {
            var lines = school.Select(e => new ClaimLineInput(e.Id, e.DeploymentId, e.LeaderName, deployments[e.DeploymentId].SchoolName, e.Date, e.HalfDays, e.DayRatePence)).ToList();
            var claim = new Claim(r.TenantId, school.Key.LeaderSchoolUrn, school.Key.LeaderSchoolName, term.Key, lines, r.Now);
            foreach (var e in school) e.ClaimedBy(claim.Id);
            db.Set<Claim>().Add(claim);
            claims.Add(claim);
            r.Audit(nameof(Claim), claim.Id, broker, "Claim drafted", null, claim.State.ToString(),
                $"{HalfDays.Describe(claim.TotalHalfDays)}, {Money.Format(claim.TotalPence)}");
            r.EmailAll(await SchoolEmailsAsync(db, claim.SchoolUrn, ct), $"Reimbursement claim ready: {school.Key.LeaderSchoolName}, {term}",
                $"""
                A claim for {HalfDays.Describe(claim.TotalHalfDays)} of system leadership support by your staff in the {term},
                {Money.Format(claim.TotalPence)}, is ready for you to check and submit.

                {links.Claim(slug, claim.Id)}
                """);
        }
        await BrokerageRecorder.SaveAsync(db, ct);
        return claims;
    }

    public async Task<Claim?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Set<Claim>().AsNoTracking().Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    public async Task<IReadOnlyList<Claim>> ForTermAsync(SchoolTerm term, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Set<Claim>().AsNoTracking().Include(c => c.Lines).Where(c => c.TermKey == term.Key).OrderBy(c => c.SchoolName).ToListAsync(ct);
    }

    /// <summary>Claims for the schools whose headteacher (or chair) this person is.</summary>
    public async Task<IReadOnlyList<Claim>> MineAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var email = actor.Email.ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower to SQL lower().
        var schools = db.Set<LeaderProfile>().Where(p => p.HeadteacherEmail.ToLower() == email).Select(p => p.SchoolUrn);
#pragma warning restore CA1862
        return await db.Set<Claim>().AsNoTracking().Include(c => c.Lines).Where(c => schools.Contains(c.SchoolUrn))
            .OrderByDescending(c => c.CreatedAt).ToListAsync(ct);
    }

    /// <summary>Terms with logged days not yet on a claim, with how many half days: what the broker can generate claims for.</summary>
    public async Task<IReadOnlyList<(SchoolTerm Term, int HalfDays)>> UnclaimedAsync(CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.Set<DayLogEntry>().AsNoTracking().Where(l => l.ClaimId == null)
            .GroupBy(l => l.TermKey).Select(g => new { g.Key, HalfDays = g.Sum(l => l.HalfDays) }).ToListAsync(ct);
        return rows.Select(r => (SchoolTerm.Parse(r.Key), r.HalfDays)).OrderBy(r => r.Item1).ToList();
    }

    /// <summary>Every claim, newest term first, for the broker.</summary>
    public async Task<IReadOnlyList<Claim>> AllAsync(CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Set<Claim>().AsNoTracking().Include(c => c.Lines).OrderByDescending(c => c.CreatedAt).ThenBy(c => c.SchoolName).ToListAsync(ct);
    }

    /// <summary>The parts this person plays on a claim: none means they may not see it.</summary>
    public async Task<IReadOnlyList<ClaimRole>> RolesForAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var claim = await db.Set<Claim>().AsNoTracking().Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == id, ct);
        return claim is null ? [] : await RolesAsync(db, claim, actor, ct);
    }

    /// <summary>The moves this person may make on a claim now: the buttons.</summary>
    public async Task<IReadOnlyList<SystemLeadership.Domain.Workflows.Transition<ClaimState, ClaimMove, ClaimRole, Claim>>> MovesForAsync(Claim claim, Actor actor, CancellationToken ct = default)
    {
        var roles = await RolesForAsync(claim.Id, actor, ct);
        return roles.SelectMany(r => ClaimWorkflow.Table.MovesFor(claim, claim.State, r)).GroupBy(t => t.Move).Select(g => g.First()).ToList();
    }

    public async Task MoveAsync(Guid id, uint version, ClaimMove move, Actor actor, string? note = null, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var r = new BrokerageRecorder(db, clock);
        var claim = await db.Set<Claim>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new RecordNotFoundException();
        db.Entry(claim).Property(c => c.Version).OriginalValue = version;
        var roles = await RolesAsync(db, claim, actor, ct);
        var role = roles.Where(x => ClaimWorkflow.Table.RowsFor(claim.State, x).Any(t => t.Move == move)).Cast<ClaimRole?>().FirstOrDefault()
            ?? throw new MoveRefusedException("You cannot make that move on this claim now.");
        var from = claim.State;
        var t = claim.Apply(move, role, r.Now, note);
        r.Audit(nameof(Claim), claim.Id, actor, t.Label, from.ToString(), claim.State.ToString(), note);
        var slug = await BrokerageService.SlugAsync(db, ct);
        var body = $"""
            The claim from {claim.SchoolName} for the {SchoolTerm.Parse(claim.TermKey)} ({Money.Format(claim.TotalPence)}) is now {ClaimWorkflow.Display(claim.State).ToLowerInvariant()}.{(note is null ? "" : "\n" + note)}

            {links.Claim(slug, claim.Id)}
            """;
        if (role == ClaimRole.LeaderSchool)
            r.EmailAll(await r.BrokerEmailsAsync(ct), $"Claim {ClaimWorkflow.Display(claim.State).ToLowerInvariant()}: {claim.SchoolName}", body);
        else
            r.EmailAll(await SchoolEmailsAsync(db, claim, ct), $"Your claim is {ClaimWorkflow.Display(claim.State).ToLowerInvariant()}", body);
        await BrokerageRecorder.SaveAsync(db, ct);
    }

    /// <summary>The school's statement: every line, each rate's total, the claim total.</summary>
    public async Task<byte[]?> StatementPdfAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var claim = await db.Set<Claim>().AsNoTracking().Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null) return null;
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == claim.TenantId, ct);
        return ClaimStatement.Render(claim, tenant.Name, clock.GetUtcNow());
    }

    /// <summary>One row per claim line, amounts in pounds with two decimals, for the finance team's import.</summary>
    public async Task<string> FinanceCsvAsync(SchoolTerm term, CancellationToken ct = default)
    {
        var claims = await ForTermAsync(term, ct);
        var csv = new StringBuilder();
        csv.Append("ClaimId,Term,SchoolUrn,School,State,Date,Leader,SupportedSchool,HalfDays,DayRate,Amount,ClaimTotal,PaymentReference\r\n");
        foreach (var claim in claims)
        {
            foreach (var line in claim.Lines.OrderBy(l => l.Date).ThenBy(l => l.LeaderName, StringComparer.Ordinal))
            {
                csv.AppendJoin(',',
                    claim.Id.ToString("D"), Field(claim.TermKey), claim.SchoolUrn.ToString(CultureInfo.InvariantCulture), Field(claim.SchoolName),
                    claim.State.ToString(), line.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Field(line.LeaderName),
                    Field(line.SupportedSchoolName), line.HalfDays.ToString(CultureInfo.InvariantCulture), Money.Pounds(line.DayRatePence),
                    Money.Pounds(line.AmountPence), Money.Pounds(claim.TotalPence), Field(claim.PaymentReference ?? ""));
                csv.Append("\r\n");
            }
        }
        return csv.ToString();
    }

    // RFC 4180 quoting; a leading = + - @ is prefixed so a spreadsheet does not run it as a formula.
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal)) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static async Task<IReadOnlyList<ClaimRole>> RolesAsync(AppDbContext db, Claim claim, Actor actor, CancellationToken ct)
    {
        List<ClaimRole> roles = [];
        if (actor.Is(TenantRoles.AllianceManager)) roles.Add(ClaimRole.Broker);
        if ((await SchoolEmailsAsync(db, claim, ct)).Contains(actor.Email, StringComparer.OrdinalIgnoreCase)) roles.Add(ClaimRole.LeaderSchool);
        return roles;
    }

    private static Task<IReadOnlyList<string>> SchoolEmailsAsync(AppDbContext db, Claim claim, CancellationToken ct) =>
        SchoolEmailsAsync(db, claim.SchoolUrn, ct);

    /// <summary>
    /// Who acts for the school a claim reimburses: the headteachers (or chairs) of its leaders. Taken from the school, not
    /// from the deployment, so after a change of leader the first school's claim stays with the first school's head.
    /// </summary>
    private static async Task<IReadOnlyList<string>> SchoolEmailsAsync(AppDbContext db, int schoolUrn, CancellationToken ct) =>
        await db.Set<LeaderProfile>().AsNoTracking().Where(p => p.SchoolUrn == schoolUrn && p.HeadteacherEmail != "")
            .Select(p => p.HeadteacherEmail).Distinct().ToListAsync(ct);
}

/// <summary>The claim statement PDF for the leader's school.</summary>
public static class ClaimStatement
{
    public static byte[] Render(Claim claim, string allianceName, DateTimeOffset generatedAt)
    {
        var term = SchoolTerm.Parse(claim.TermKey);
        var document = new PdfDocumentBuilder($"Claim statement: {claim.SchoolName}", generatedAt)
        {
            Subject = $"Reimbursement for {term}",
            HeaderNote = allianceName,
            FooterNote = $"Claim {claim.Id.ToString("D").ToUpperInvariant()}",
        };
        document
            .Heading("Reimbursement claim statement", HeadingLevel.Title)
            .KeyValues(
                ("School", $"{claim.SchoolName} (URN {claim.SchoolUrn})"),
                ("Term", term.ToString()),
                ("Status", ClaimWorkflow.Display(claim.State)),
                ("Days", HalfDays.Describe(claim.TotalHalfDays)),
                ("Total", Money.Format(claim.TotalPence)),
                ("Payment reference", claim.PaymentReference ?? "Not yet paid"))
            .Heading("Days claimed")
            .Table(["Date", "Leader", "Supported school", "Days", "Day rate", "Amount"],
                claim.Lines.OrderBy(l => l.Date).Select(l => (IReadOnlyList<string>)
                [
                    DesignationLetter.LongDate(l.Date), l.LeaderName, l.SupportedSchoolName, HalfDays.Describe(l.HalfDays),
                    Money.Format(l.DayRatePence), Money.Format(l.AmountPence),
                ]), [1.3f, 1.4f, 1.6f, 0.9f, 1f, 1f])
            .Paragraph($"Total claimed: {Money.Format(claim.TotalPence)}", bold: true, align: TextAlignment.Right)
            .Paragraph("Reimbursed pro rata by the half day at the scheme's day rates: £300 a day, £400 for headteachers.", muted: true);
        return document.Build();
    }
}

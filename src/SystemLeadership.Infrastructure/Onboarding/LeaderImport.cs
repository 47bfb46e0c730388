using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Onboarding;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Onboarding;

/// <summary>What will become of a row: a new designation (for a new or an existing account), or one already here.</summary>
public enum ImportRowOutcome
{
    NewAccount,
    ExistingAccount,
    AlreadyImported,
}

public sealed record ImportPreviewRow(LeaderImportRow Row, string SchoolName, ImportRowOutcome Outcome);

/// <summary>The file checked: every row that passed, and every problem by line. Importable only with no problems.</summary>
public sealed record ImportPreview(IReadOnlyList<ImportPreviewRow> Rows, IReadOnlyList<ImportProblem> Problems)
{
    public bool CanImport => Problems.Count == 0 && Rows.Any(r => r.Outcome != ImportRowOutcome.AlreadyImported);
    public int ToImport => Rows.Count(r => r.Outcome != ImportRowOutcome.AlreadyImported);
}

public sealed record ImportResult(int Designations, int AccountsCreated, int Unchanged);

/// <summary>Makes the link an invited leader follows to set their password and claim their account (Identity's reset token).</summary>
public interface IAccountInvitations
{
    Task<string> ClaimLinkAsync(ApplicationUser user);
}

/// <summary>
/// Onboarding an alliance from its spreadsheet of leaders it designated before (issue 10): check the whole file and show
/// every problem by line, then bring everything in in one transaction or nothing — accounts for people new here (each
/// invited by email to set a password), membership, the designation as decided, the leader's brokerage profile, audit
/// entries. A row already imported (same person, designation and start) is left alone, so the same file twice changes
/// nothing. Only the alliance's managers may; anyone else is told it is not found.
/// </summary>
public sealed class LeaderImport(TenantDbContextFactory contexts, ApplicationService schemes, IAccountInvitations invitations, TimeProvider clock, AppLinks links)
{
    private static readonly UpperInvariantLookupNormalizer Normalizer = new();

    public async Task<ImportPreview> PreviewAsync(Actor manager, Stream file, string fileName, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        if (!manager.Is(TenantRoles.AllianceManager)) throw new NotFoundException();
        var read = LeaderImportFile.Read(file, fileName);
        if (read.Problems.Count > 0) return new ImportPreview([], read.Problems);

        var offered = (await schemes.AvailableSchemesAsync(ct)).Select(s => new OfferedScheme(s.Definition, s.SchemeId)).ToList();
        var today = UkTime.Today(clock);
        var problems = new List<ImportProblem>();
        var rows = new List<LeaderImportRow>();
        for (var i = 0; i < read.Rows.Count; i++)
        {
            var (row, rowProblems) = LeaderImportRules.Check(read.Rows[i], offered, today);
            problems.AddRange(rowProblems);
            if (row is not null) rows.Add(row);
            if (i % 100 == 99) progress?.Report((i + 1) / (double)read.Rows.Count);
        }
        problems.AddRange(LeaderImportRules.Repeats(rows));

        await using var db = contexts.CreateDbContext();
        var urns = rows.Select(r => r.SchoolUrn).Distinct().ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => urns.Contains(s.Urn)).ToDictionaryAsync(s => s.Urn, s => s.Name, ct);
        problems.AddRange(rows.Where(r => !schools.ContainsKey(r.SchoolUrn))
            .Select(r => new ImportProblem(r.Line, "School URN", $"No school has the URN {r.SchoolUrn}: check it on Get Information about Schools.")));

        var emails = rows.Select(r => Normalizer.NormalizeEmail(r.Email)).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => emails.Contains(u.NormalizedEmail!))
            .Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(ct);
        var userIds = users.Select(u => u.Id).ToList();
        var held = await db.Designations.AsNoTracking().Where(d => userIds.Contains(d.HolderUserId))
            .Select(d => new { d.HolderUserId, d.Type, d.SchemeId, d.StartDate }).ToListAsync(ct);
        progress?.Report(1);

        var preview = rows.Where(r => schools.ContainsKey(r.SchoolUrn)).Select(r =>
        {
            var user = users.FirstOrDefault(u => u.NormalizedEmail == Normalizer.NormalizeEmail(r.Email));
            var outcome = user is null ? ImportRowOutcome.NewAccount
                : held.Any(d => d.HolderUserId == user.Id && d.Type == r.Scheme.Type && d.SchemeId == r.SchemeId && d.StartDate == r.Start)
                    ? ImportRowOutcome.AlreadyImported : ImportRowOutcome.ExistingAccount;
            return new ImportPreviewRow(r, schools[r.SchoolUrn], outcome);
        }).ToList();
        return new ImportPreview(preview, [.. problems.OrderBy(p => p.Line)]);
    }

    /// <summary>Checks the file again (a preview is never trusted) and imports all of it, or refuses with every problem.</summary>
    public async Task<ImportResult> ImportAsync(Actor manager, Stream file, string fileName, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var preview = await PreviewAsync(manager, file, fileName, null, ct);
        if (preview.Problems.Count > 0) throw new InvalidInputException([.. preview.Problems.Select(p => p.ToString())]);

        await using var db = contexts.CreateDbContext();
        var r = new ChangeRecorder(db, clock);
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == r.TenantId, ct);
        var urns = preview.Rows.Select(p => p.Row.SchoolUrn).Distinct().ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => urns.Contains(s.Urn)).ToDictionaryAsync(s => s.Urn, ct);
        var created = 0;
        var added = 0;
        var done = 0;
        var accounts = new Dictionary<string, (ApplicationUser User, bool IsNew)>();
        // Who is here already, their memberships and profiles: read once for the whole file, not once a row.
        var emails = preview.Rows.Select(p => Normalizer.NormalizeEmail(p.Row.Email)).Distinct().ToList();
        var existingUsers = await db.Users.AsNoTracking().Where(u => emails.Contains(u.NormalizedEmail!)).ToDictionaryAsync(u => u.NormalizedEmail!, ct);
        var existingIds = existingUsers.Values.Select(u => u.Id).ToList();
        var memberships = await db.Memberships.Where(m => existingIds.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, ct);
        var withProfile = (await db.Set<LeaderProfile>().AsNoTracking().Where(p => existingIds.Contains(p.UserId)).Select(p => p.UserId).ToListAsync(ct)).ToHashSet();
        foreach (var item in preview.Rows)
        {
            if (++done % 50 == 0) progress?.Report(done / (double)preview.Rows.Count);
            if (item.Outcome == ImportRowOutcome.AlreadyImported) continue;
            var row = item.Row;
            var school = schools[row.SchoolUrn];
            var normalized = Normalizer.NormalizeEmail(row.Email);
            if (!accounts.TryGetValue(normalized, out var account))
            {
                account = existingUsers.TryGetValue(normalized, out var existing) ? (existing, false) : (NewAccount(row), true);
                if (account.IsNew)
                {
                    db.Users.Add(account.User);
                    created++;
                }
                accounts[normalized] = account;
                if (!memberships.TryGetValue(account.User.Id, out var membership))
                {
                    membership = new Membership(r.TenantId, account.User.Id, TenantRoles.SystemLeader);
                    db.Memberships.Add(membership);
                    r.Audit(nameof(Membership), membership.Id, manager, "Member added by import", null, TenantRoles.SystemLeader.ToString(), row.Email);
                }
                else if (!membership.Roles.HasFlag(TenantRoles.SystemLeader))
                {
                    var was = membership.Roles;
                    membership.Grant(TenantRoles.SystemLeader);
                    r.Audit(nameof(Membership), membership.Id, manager, "System leader role added by import", was.ToString(), membership.Roles.ToString(), row.Email);
                }
                if (!withProfile.Contains(account.User.Id))
                {
                    var head = row.HeadteacherName ?? string.Join(' ', new[] { school.HeadFirstName, school.HeadLastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
                    var profile = new LeaderProfile(r.TenantId, account.User.Id, row.Name, row.Email, school.Urn, school.Name,
                        false, head, row.HeadteacherEmail ?? "", row.HalfDaysPerTerm);
                    db.Set<LeaderProfile>().Add(profile);
                    r.Audit(nameof(LeaderProfile), profile.Id, manager, "Leader profile created by import", null, null,
                        $"{school.Name}; {row.HalfDaysPerTerm / 2m:0.#} days a term{(row.HeadteacherEmail is null ? "; no releasing head's email yet" : "")}");
                }
                r.Send(account.IsNew
                    ? OnboardingEmails.ClaimYourAccount(row, tenant.Name, await invitations.ClaimLinkAsync(account.User))
                    : OnboardingEmails.AddedToAlliance(row, tenant.Name, $"{links.BaseUrl}/t/{tenant.Slug}/my-designations"));
            }

            var application = DesignationApplication.Imported(r.TenantId, account.User.Id, row.Name, row.Email, row.Scheme, row.SchemeId,
                row.Specialisms, school.Urn, school.Name, school.OfstedRating, r.Now, manager.Name);
            var designation = Designation.Imported(application, row.Start, row.End, manager.Name);
            db.Applications.Add(application);
            db.Designations.Add(designation);
            r.Audit(nameof(Designation), designation.Id, manager, "Designation imported", null, designation.State.ToString(),
                $"{row.Scheme.ShortName} from {row.Start:dd/MM/yyyy}{(row.End is { } end ? $" to {end:dd/MM/yyyy}" : "")}, line {row.Line} of {fileName}");
            added++;
        }
        await ChangeRecorder.SaveAsync(db, ct);
        progress?.Report(1);
        return new ImportResult(added, created, preview.Rows.Count - added);
    }

    /// <summary>
    /// An account for someone new here, with no password: nobody can sign in to it until its owner follows the emailed
    /// link and sets one, which also shows the address is theirs (so it is created confirmed).
    /// </summary>
    private static ApplicationUser NewAccount(LeaderImportRow row) => new()
    {
        UserName = row.Email,
        NormalizedUserName = Normalizer.NormalizeName(row.Email),
        Email = row.Email,
        NormalizedEmail = Normalizer.NormalizeEmail(row.Email),
        EmailConfirmed = true,
        FullName = row.Name,
        SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        LockoutEnabled = true,
    };
}

/// <summary>What onboarding sends each leader: an invitation to claim a new account, or word that they were added.</summary>
public static class OnboardingEmails
{
    public static EmailMessage ClaimYourAccount(LeaderImportRow row, string alliance, string link) => new(
        row.Email,
        $"{alliance} has added you to SystemLeadership",
        $"""
        {alliance} now keeps its system leaders' designations in SystemLeadership, and has added yours: {row.Scheme.Name} ({row.Scheme.ShortName}) from {row.Start:d MMMM yyyy}.

        Set a password to claim your account (sign in with this email address, {row.Email}):
        {link}

        If you do not know {alliance}, ignore this email: nobody can sign in to the account until a password is set.
        """);

    public static EmailMessage AddedToAlliance(LeaderImportRow row, string alliance, string link) => new(
        row.Email,
        $"{alliance} has added your designation",
        $"""
        {alliance} has added your designation to SystemLeadership: {row.Scheme.Name} ({row.Scheme.ShortName}) from {row.Start:d MMMM yyyy}.
        Sign in with your existing account to see it:
        {link}
        """);
}

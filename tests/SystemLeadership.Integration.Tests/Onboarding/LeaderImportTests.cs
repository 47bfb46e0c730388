using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Schools;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Accounts;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Onboarding;
using SystemLeadership.Integration.Tests.Designations;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Onboarding;

/// <summary>
/// Onboarding an alliance from its spreadsheet: a good file comes in whole with an invitation per new account, bad rows
/// are named by line and nothing is written, the same file twice changes nothing, XLSX reads like CSV, and only the
/// alliance's managers may.
/// </summary>
public class LeaderImportTests : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly DatabaseFixture db;
    private readonly DesignationWorld world;
    private ServiceProvider identity = null!;
    private Tenant alliance = null!;
    private Actor manager = null!;
    private School school = null!;

    public LeaderImportTests(DatabaseFixture db)
    {
        this.db = db;
        world = new DesignationWorld(db);
    }

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddScoped(_ => db.NewContext());
        services.AddIdentityCore<ApplicationUser>(o => o.Password.RequiredLength = 10)
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();
        identity = services.BuildServiceProvider();
        alliance = await world.TenantAsync(DesignationWorld.Unique("Onboarding Alliance"));
        manager = await world.PersonAsync(alliance, "Manon Manager", TenantRoles.AllianceManager);
        school = await world.SchoolAsync("Importing Primary", "Good");
    }

    public async Task DisposeAsync() => await identity.DisposeAsync();

    private LeaderImport Import(Tenant tenant, Actor actor, IServiceScope scope) =>
        new(world.Contexts(tenant, actor), world.Applications(tenant, actor),
            new IdentityAccountInvitations(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(), world.Links), world.Clock, world.Links);

    private static MemoryStream Csv(params string[] lines) =>
        new(Encoding.UTF8.GetBytes(string.Join("\r\n", ["Name,Email,Designation,Specialisms,School URN,Start date,End date,Days a term", .. lines])));

    private async Task<(ImportPreview Preview, ImportResult? Result)> RunAsync(Func<Stream> file, string name = "leaders.csv", Tenant? tenant = null, Actor? actor = null)
    {
        using var scope = identity.CreateScope();
        var import = Import(tenant ?? alliance, actor ?? manager, scope);
        var preview = await import.PreviewAsync(actor ?? manager, file(), name);
        return (preview, preview.CanImport ? await import.ImportAsync(actor ?? manager, file(), name) : null);
    }

    [Fact]
    public async Task A_good_file_comes_in_whole_with_an_invitation_for_each_new_account_and_again_changes_nothing()
    {
        var ada = DesignationWorld.Unique("ada") + "@school.sch.uk";
        var ben = DesignationWorld.Unique("ben") + "@school.sch.uk";
        var existing = await world.PersonAsync(await world.TenantAsync(DesignationWorld.Unique("Elsewhere")), "Cleo Existing", TenantRoles.Applicant);
        var start = world.Today.AddYears(-1).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Stream File() => Csv(
            $"Ada Lovelace,{ada},SLE,Maths; assessment,{school.Urn},{start},,10",
            $"Ben Franklin,{ben},ASL,Science,{school.Urn},{start},31/08/2030,7.5",
            $"Cleo Existing,{existing.Email},SLE,English,{school.Urn},{start},,4");

        var (preview, result) = await RunAsync(File);
        Assert.Empty(preview.Problems);
        Assert.Equal([ImportRowOutcome.NewAccount, ImportRowOutcome.NewAccount, ImportRowOutcome.ExistingAccount], preview.Rows.Select(r => r.Outcome));
        Assert.Equal(new ImportResult(3, 2, 0), result);

        await using (var context = db.NewContext(alliance.Id))
        {
            var designations = await context.Designations.AsNoTracking().OrderBy(d => d.HolderName).ToListAsync();
            Assert.Equal(["Ada Lovelace", "Ben Franklin", "Cleo Existing"], designations.Select(d => d.HolderName));
            Assert.Equal(["Maths", "Assessment"], designations[0].Specialisms);
            Assert.Equal(world.Today.AddYears(-1).AddMonths(48).AddDays(-1), designations[0].EndDate);
            Assert.Equal(new DateOnly(2030, 8, 31), designations[1].EndDate);
            Assert.All(designations, d => Assert.Equal(DesignationState.Active, d.State));
            Assert.Equal(3, await context.Memberships.CountAsync(m => (m.Roles & TenantRoles.SystemLeader) != 0));
            Assert.Equal(15, (await context.Set<Domain.Brokerage.LeaderProfile>().SingleAsync(p => p.Email == ben)).CapacityHalfDaysPerTerm);
        }

        // Ada follows her invitation: the link sets her password, and she can then sign in.
        var invitation = Assert.Single(await world.EmailsToAsync(ada));
        Assert.Contains("Set a password to claim your account", invitation.TextBody, StringComparison.Ordinal);
        var link = invitation.TextBody.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/Account/ResetPassword?code=", StringComparison.Ordinal));
        var code = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(link[(link.IndexOf("code=", StringComparison.Ordinal) + 5)..]));
        using (var scope = identity.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync(ada))!;
            Assert.True((await users.ResetPasswordAsync(user, code, "Claimed-Account-2026")).Succeeded);
            Assert.True(await users.CheckPasswordAsync(user, "Claimed-Account-2026"));
            // Used once: the same link does not work again.
            Assert.False((await users.ResetPasswordAsync(user, code, "Another-Password-2026")).Succeeded);
        }
        Assert.Contains("has added your designation", Assert.Single(await world.EmailsToAsync(existing.Email)).Subject, StringComparison.Ordinal);

        // The same file again: every row already here, nothing written, nobody emailed.
        var (again, nothing) = await RunAsync(File);
        Assert.All(again.Rows, r => Assert.Equal(ImportRowOutcome.AlreadyImported, r.Outcome));
        Assert.False(again.CanImport);
        Assert.Null(nothing);
        using (var scope = identity.CreateScope())
        {
            Assert.Equal(new ImportResult(0, 0, 3), await Import(alliance, manager, scope).ImportAsync(manager, File(), "leaders.csv"));
        }
        Assert.Single(await world.EmailsToAsync(ada));
        Assert.Equal(3, await world.CountAsync("Designations", $"\"TenantId\" = '{alliance.Id}'"));
    }

    [Fact]
    public async Task Bad_rows_are_named_by_line_and_column_and_nothing_is_imported()
    {
        var good = DesignationWorld.Unique("good") + "@school.sch.uk";
        var before = (await world.CountAsync("Designations"), await world.CountAsync("AspNetUsers"));
        Stream File() => Csv(
            $"Good Row,{good},SLE,Maths,{school.Urn},01/09/2024,,10",
            $"No Email,,SLE,Maths,{school.Urn},01/09/2024,,10",
            $"Bad Things,bad@school.sch.uk,XYZ,Knitting,12,31/02/2024,,lots",
            $"Ended Row,ended@school.sch.uk,SLE,Maths,{school.Urn},01/09/2019,31/08/2023,5",
            $"Good Row Again,{good},SLE,English,{school.Urn},01/09/2024,,10",
            $"Unknown School,unknown@school.sch.uk,SLE,Maths,999999,01/09/2024,,10");

        var (preview, result) = await RunAsync(File);
        Assert.Null(result);
        Assert.False(preview.CanImport);
        var problems = preview.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains("Line 3, Email: Enter the leader's email address: their invitation goes to it.", problems);
        Assert.Contains(problems, p => p.StartsWith("Line 4, Designation: 'XYZ' is not a designation this alliance makes", StringComparison.Ordinal));
        Assert.Contains("Line 4, Specialisms: 'Knitting' is not one of the DfE areas of expertise.", problems);
        Assert.Contains("Line 4, School URN: '12' is not a URN (6 or 7 digits).", problems);
        Assert.Contains(problems, p => p.StartsWith("Line 4, Start date: '31/02/2024' is not a date", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Line 4, Days a term:", StringComparison.Ordinal));
        Assert.Contains("Line 5, End date: This designation ended on 31/08/2023: only current designations are imported.", problems);
        Assert.Contains(problems, p => p.StartsWith("Line 6, Email:", StringComparison.Ordinal) && p.Contains("line 2", StringComparison.Ordinal));
        Assert.Contains("Line 7, School URN: No school has the URN 999999: check it on Get Information about Schools.", problems);
        Assert.Equal(preview.Problems.OrderBy(p => p.Line).Select(p => p.Line), preview.Problems.Select(p => p.Line));

        // Asked to import anyway: refused whole, nothing written.
        using var scope = identity.CreateScope();
        await Assert.ThrowsAsync<InvalidInputException>(() => Import(alliance, manager, scope).ImportAsync(manager, File(), "leaders.csv"));
        Assert.Equal(before, (await world.CountAsync("Designations"), await world.CountAsync("AspNetUsers")));
        Assert.Empty(await world.EmailsToAsync(good));
    }

    [Fact]
    public async Task The_xlsx_template_reads_back_and_an_xlsx_file_imports_like_a_csv()
    {
        using var template = new MemoryStream();
        await LeaderImportFile.WriteTemplateAsync(template, xlsx: true);
        template.Position = 0;
        var rows = (await template.QueryAsync(useHeaderRow: true)).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["Name", "Email", "Designation", "Specialisms", "School URN", "Start date", "End date", "Days a term", "Headteacher name", "Headteacher email"], rows[0].Keys);

        var email = DesignationWorld.Unique("xlsx") + "@school.sch.uk";
        using var file = new MemoryStream();
        await file.SaveAsAsync(new[]
        {
            new Dictionary<string, object?>
            {
                ["Name"] = "Xena Sheet", ["Email"] = email, ["Designation"] = "SLE", ["Specialisms"] = "Phonics", ["School URN"] = school.Urn,
                ["Start date"] = new DateTime(2025, 9, 1), ["End date"] = null, ["Days a term"] = 6, ["Headteacher name"] = "Hal Head", ["Headteacher email"] = "hal@school.sch.uk",
            },
        });
        var bytes = file.ToArray();
        var (preview, result) = await RunAsync(() => new MemoryStream(bytes), "leaders.xlsx");
        Assert.Empty(preview.Problems);
        Assert.Equal(2, preview.Rows[0].Row.Line);
        Assert.Equal(new DateOnly(2025, 9, 1), preview.Rows[0].Row.Start);
        Assert.Equal(new ImportResult(1, 1, 0), result);
        await using var context = db.NewContext(alliance.Id);
        var profile = await context.Set<Domain.Brokerage.LeaderProfile>().SingleAsync(p => p.Email == email);
        Assert.Equal(("Hal Head", "hal@school.sch.uk", 12), (profile.HeadteacherName, profile.HeadteacherEmail, profile.CapacityHalfDaysPerTerm));
    }

    [Fact]
    public async Task Only_the_alliances_managers_may_import_and_another_alliance_is_untouched()
    {
        var leader = await world.PersonAsync(alliance, "Leo Leader", TenantRoles.SystemLeader);
        using (var scope = identity.CreateScope())
        {
            await Assert.ThrowsAsync<NotFoundException>(() => Import(alliance, leader, scope).PreviewAsync(leader, Csv(), "leaders.csv"));
            await Assert.ThrowsAsync<NotFoundException>(() => Import(alliance, leader, scope).ImportAsync(leader, Csv(), "leaders.csv"));
        }

        var other = await world.TenantAsync(DesignationWorld.Unique("Other Alliance"));
        var otherManager = await world.PersonAsync(other, "Otto Other", TenantRoles.AllianceManager);
        var email = DesignationWorld.Unique("iso") + "@school.sch.uk";
        var (_, result) = await RunAsync(() => Csv($"Iso Leader,{email},SLE,Maths,{school.Urn},01/09/2025,,5"), tenant: other, actor: otherManager);
        Assert.Equal(1, result!.Designations);
        await using var mine = db.NewContext(alliance.Id);
        Assert.False(await mine.Designations.AnyAsync(d => d.HolderEmail == email));
        Assert.False(await mine.Memberships.IgnoreQueryFilters().AnyAsync(m => m.TenantId == alliance.Id && m.UserId == mine.Users.Single(u => u.Email == email).Id));
    }

    [Fact]
    public async Task A_file_without_the_columns_or_of_another_kind_is_refused_at_line_one()
    {
        var (missing, _) = await RunAsync(() => new MemoryStream(Encoding.UTF8.GetBytes("Name,Email\r\nA,b@c.de")));
        Assert.Contains(missing.Problems, p => p.ToString() == "Line 1: The column 'Designation' is missing from the header: start from the template.");
        var (wrongKind, _) = await RunAsync(() => new MemoryStream([1, 2, 3]), "leaders.pdf");
        Assert.Equal("Line 1: Upload a .csv or .xlsx file (the template is either).", Assert.Single(wrongKind.Problems).ToString());
        var (notSheet, _) = await RunAsync(() => new MemoryStream(Encoding.UTF8.GetBytes("not a zip")), "leaders.xlsx");
        Assert.Single(notSheet.Problems);
    }
}

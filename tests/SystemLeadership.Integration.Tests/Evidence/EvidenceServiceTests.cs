using SystemLeadership.Domain.Common;
using System.IO.Compression;
using System.Text;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evidence;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Integration.Tests.Designations;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Evidence;

/// <summary>Evidence files on an application, stored in PostgreSQL: judged by content, at most 10 MB and 10 files, the applicant's own.</summary>
public class EvidenceServiceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly DesignationWorld _world = new(db);
    private const string NotAllowed = "This file is not a PDF, Word (.docx) or an image (PNG, JPEG, GIF, WebP), whatever its name says. Upload one of those.";

    private static byte[] Pdf(int size = 256)
    {
        var bytes = new byte[size];
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    private static byte[] Docx()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "[Content_Types].xml", "word/document.xml" })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<x/>");
            }
        }
        return stream.ToArray();
    }

    private async Task<(Tenant Tenant, Actor Applicant, Guid ApplicationId)> DraftAsync()
    {
        var tenant = await _world.TenantAsync();
        var applicant = await _world.PersonAsync(tenant, "Ada Lovelace", TenantRoles.Applicant);
        var draft = await _world.Applications(tenant, applicant).StartAsync(applicant, nameof(DesignationType.AllianceSystemLeader));
        return (tenant, applicant, draft.Id);
    }

    private Task<long> FilesAsync(Guid applicationId) => _world.CountAsync("EvidenceFiles", $"\"ApplicationId\" = '{applicationId}'");

    [Fact]
    public async Task A_PDF_and_a_Word_document_are_kept_with_the_application_and_can_be_downloaded()
    {
        var (tenant, applicant, id) = await DraftAsync();
        var service = _world.Evidence(tenant, applicant);
        var pdf = await service.UploadAsync(id, "C:\\fakepath\\Ofsted report.pdf", Pdf(), applicant);
        var docx = await service.UploadAsync(id, "impact.docx", Docx(), applicant);

        Assert.Equal(("Ofsted report.pdf", "application/pdf", 256), (pdf.FileName, pdf.ContentType, pdf.SizeBytes));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.ContentType);
        var details = (await _world.ApplicationViews(tenant, applicant).ForAsync(id, applicant))!;
        Assert.Equal(["Ofsted report.pdf", "impact.docx"], details.Evidence.Select(e => e.FileName));
        Assert.Contains(details.History, h => h.Action == "Evidence added" && h.Detail == "Ofsted report.pdf (256 bytes)");
        var downloaded = await _world.ApplicationViews(tenant, applicant).DownloadAsync(id, pdf.Id, applicant);
        Assert.Equal(Pdf(), downloaded!.Content);
    }

    public static TheoryData<string, byte[], string> Refused() => new()
    {
        { "evidence.pdf", [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0], NotAllowed },
        { "notes.txt", Encoding.UTF8.GetBytes("My impact, in plain text."), NotAllowed },
        { "page.html", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), NotAllowed },
        { "evidence.pdf", [], "The file is empty." },
        { "huge.pdf", Pdf(11 * 1024 * 1024), "The file is larger than 10 MB." },
    };

    [Theory]
    // Not enumerated at discovery: serialising an 11 MB file into the test list cost minutes on every run.
    [MemberData(nameof(Refused), DisableDiscoveryEnumeration = true)]
    public async Task A_file_that_is_not_allowed_is_refused_and_nothing_is_stored(string name, byte[] content, string message)
    {
        var (tenant, applicant, id) = await DraftAsync();
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => _world.Evidence(tenant, applicant).UploadAsync(id, name, content, applicant));
        Assert.Equal(message, refused.Message);
        Assert.Equal(0, await FilesAsync(id));
        Assert.Equal(0, await _world.CountAsync("AuditEntries", $"\"EntityId\" = '{id}' AND \"Action\" = 'Evidence added'"));
    }

    [Fact]
    public async Task An_application_holds_at_most_ten_files()
    {
        var (tenant, applicant, id) = await DraftAsync();
        var service = _world.Evidence(tenant, applicant);
        for (var i = 1; i <= EvidenceFile.MaxFilesPerApplication; i++) await service.UploadAsync(id, $"evidence-{i}.pdf", Pdf(), applicant);
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => service.UploadAsync(id, "eleventh.pdf", Pdf(), applicant));
        Assert.Equal("An application can have at most 10 evidence files.", refused.Message);
        Assert.Equal(10, await FilesAsync(id));
    }

    [Fact]
    public async Task Only_the_applicant_adds_or_removes_evidence_and_only_while_drafting()
    {
        var (tenant, applicant, id) = await DraftAsync();
        var other = await _world.PersonAsync(tenant, "Mallory Other", TenantRoles.Applicant);
        var refused = await Assert.ThrowsAsync<NotAllowedException>(() => _world.Evidence(tenant, other).UploadAsync(id, "e.pdf", Pdf(), other));
        Assert.Equal("Only the applicant can add evidence.", refused.Message);

        var file = await _world.Evidence(tenant, applicant).UploadAsync(id, "e.pdf", Pdf(), applicant);
        await Assert.ThrowsAsync<NotAllowedException>(() => _world.Evidence(tenant, other).RemoveAsync(id, file.Id, other));
        var school = await _world.SchoolAsync("Reeth Primary", "Good");
        var draft = await _world.ApplicationAsync(tenant, id);
        await _world.Applications(tenant, applicant).SaveAnswersAsync(id, draft.Version, DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, school.Urn), applicant);
        await _world.MoveAsync(tenant, id, ApplicationMove.Submit, applicant);

        var late = await Assert.ThrowsAsync<NotAllowedException>(() => _world.Evidence(tenant, applicant).UploadAsync(id, "late.pdf", Pdf(), applicant));
        Assert.Equal("Evidence is added while the application is a draft.", late.Message);
        await Assert.ThrowsAsync<NotAllowedException>(() => _world.Evidence(tenant, applicant).RemoveAsync(id, file.Id, applicant));
        Assert.Equal(1, await FilesAsync(id));
    }

    [Fact]
    public async Task Evidence_is_seen_by_the_applicant_the_managers_and_the_panel_but_not_other_heads_or_applicants()
    {
        var (tenant, applicant, id) = await DraftAsync();
        var file = await _world.Evidence(tenant, applicant).UploadAsync(id, "e.pdf", Pdf(), applicant);
        var manager = await _world.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager);
        var panellist = await _world.PersonAsync(tenant, "Hugh Head", TenantRoles.Headteacher);
        var otherHead = await _world.PersonAsync(tenant, "Ivy Head", TenantRoles.Headteacher);
        var other = await _world.PersonAsync(tenant, "Mallory Other", TenantRoles.Applicant);
        await using (var context = db.NewContext(tenant.Id))
        {
            var interview = new Interview(tenant.Id, id, DateTimeOffset.UtcNow.AddDays(7), "Room 2", DateTimeOffset.UtcNow);
            context.Interviews.Add(interview);
            context.Panellists.Add(new Panellist(tenant.Id, interview.Id, panellist.UserId, panellist.Name));
            await context.SaveChangesAsync();
        }

        Assert.NotNull(await _world.ApplicationViews(tenant, applicant).DownloadAsync(id, file.Id, applicant));
        Assert.NotNull(await _world.ApplicationViews(tenant, manager).DownloadAsync(id, file.Id, manager));
        Assert.NotNull(await _world.ApplicationViews(tenant, panellist).DownloadAsync(id, file.Id, panellist));
        Assert.Null(await _world.ApplicationViews(tenant, otherHead).DownloadAsync(id, file.Id, otherHead));
        Assert.Null(await _world.ApplicationViews(tenant, other).DownloadAsync(id, file.Id, other));

        var elsewhere = await _world.TenantAsync("Learners First");
        var foreignManager = await _world.PersonAsync(elsewhere, "Fiona Foreign", TenantRoles.AllianceManager);
        Assert.Null(await _world.ApplicationViews(elsewhere, foreignManager).DownloadAsync(id, file.Id, foreignManager));
    }

    [Fact]
    public async Task Removing_a_file_deletes_it_and_notes_it_in_the_trail()
    {
        var (tenant, applicant, id) = await DraftAsync();
        var file = await _world.Evidence(tenant, applicant).UploadAsync(id, "wrong.pdf", Pdf(), applicant);
        await _world.Evidence(tenant, applicant).RemoveAsync(id, file.Id, applicant);
        Assert.Equal(0, await FilesAsync(id));
        Assert.Equal(1, await _world.CountAsync("AuditEntries", $"\"EntityId\" = '{id}' AND \"Action\" = 'Evidence removed' AND \"Detail\" = 'wrong.pdf'"));
    }
}

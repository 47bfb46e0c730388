using System.IO.Compression;
using System.Text;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Evidence;

namespace SystemLeadership.Domain.Tests.Designations;

/// <summary>Evidence files are judged by their content, never their name; and free text is plain text.</summary>
public class FileSignatureTests
{
    private const string NotAllowed = "This file is not a PDF, Word (.docx) or an image (PNG, JPEG, GIF, WebP), whatever its name says. Upload one of those.";

    public static byte[] Pdf(int size = 64)
    {
        var bytes = new byte[size];
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46];
    public static byte[] Gif() => [.. "GIF89a"u8, 1, 0, 1, 0];
    public static byte[] WebP() => [.. "RIFF"u8, 26, 0, 0, 0, .. "WEBPVP8 "u8];
    public static byte[] Exe() => [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF];

    public static byte[] Zip(params string[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write("<x/>");
            }
        }
        return stream.ToArray();
    }

    public static byte[] Docx() => Zip("[Content_Types].xml", "_rels/.rels", "word/document.xml");

    public static TheoryData<string, byte[], string> Accepted() => new()
    {
        { "evidence.pdf", Pdf(), "application/pdf" },
        { "photo.png", Png(), "image/png" },
        { "photo.jpg", Jpeg(), "image/jpeg" },
        { "chart.gif", Gif(), "image/gif" },
        { "chart.webp", WebP(), "image/webp" },
        { "report.docx", Docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void PDFs_Word_documents_and_images_are_accepted_by_their_content(string name, byte[] content, string type)
    {
        var kind = FileSignatures.Inspect(name, content);
        Assert.Null(kind.Problem);
        Assert.Equal(type, kind.ContentType);
        Assert.Equal(name, kind.SafeName);
    }

    [Fact]
    public void The_type_comes_from_the_content_not_the_name() =>
        Assert.Equal("image/png", FileSignatures.Inspect("scan.pdf", Png()).ContentType);

    public static TheoryData<string, byte[]> Refused() => new()
    {
        { "evidence.pdf", Exe() },
        { "evidence.docx", Zip("readme.txt") },
        { "evidence.docx", Zip("[Content_Types].xml", "xl/workbook.xml") },
        { "evidence.docx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8] },
        { "notes.txt", Encoding.UTF8.GetBytes("Just some text") },
        { "page.html", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>") },
        { "chart.webp", [.. "RIFF"u8, 26, 0, 0, 0, .. "WAVE"u8] },
        { "tiny.pdf", "%PD"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Anything_else_is_refused_whatever_its_name_says(string name, byte[] content)
    {
        var kind = FileSignatures.Inspect(name, content);
        Assert.Equal(NotAllowed, kind.Problem);
        Assert.Null(kind.ContentType);
    }

    [Fact]
    public void A_renamed_executable_is_refused_as_evidence()
    {
        var refused = Assert.Throws<InvalidInputException>(() =>
            EvidenceFile.Accept(Guid.NewGuid(), Guid.NewGuid(), "evidence.pdf", Exe(), "u", DateTimeOffset.UnixEpoch));
        Assert.Equal(NotAllowed, refused.Message);
    }

    [Fact]
    public void An_empty_file_is_refused() =>
        Assert.Equal("The file is empty.", FileSignatures.Inspect("evidence.pdf", []).Problem);

    [Fact]
    public void A_file_of_exactly_10_MB_is_accepted_and_one_byte_more_is_refused()
    {
        Assert.Null(FileSignatures.Inspect("big.pdf", Pdf(10 * 1024 * 1024)).Problem);
        Assert.Equal("The file is larger than 10 MB.", FileSignatures.Inspect("big.pdf", Pdf(10 * 1024 * 1024 + 1)).Problem);
    }

    [Fact]
    public void An_11_MB_file_is_refused() =>
        Assert.Equal("The file is larger than 10 MB.", FileSignatures.Inspect("big.pdf", Pdf(11 * 1024 * 1024)).Problem);

    [Fact]
    public void An_accepted_file_keeps_its_size_uploader_and_safe_name()
    {
        var file = EvidenceFile.Accept(Guid.NewGuid(), Guid.NewGuid(), "C:\\fakepath\\Ofsted report.pdf", Pdf(100), "user-1", DateTimeOffset.UnixEpoch);
        Assert.Equal(("Ofsted report.pdf", "application/pdf", 100, "user-1"), (file.FileName, file.ContentType, file.SizeBytes, file.UploadedByUserId));
    }

    [Theory]
    [InlineData("C:\\Users\\ada\\Documents\\evidence.pdf", "evidence.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("/var/tmp/impact report.docx", "impact report.docx")]
    [InlineData("evi\0dence\r\n.pdf", "evi_dence__.pdf")]
    [InlineData("bell\u0007.png", "bell_.png")]
    [InlineData("what?\"<>|:*.pdf", "what_______.pdf")]
    [InlineData("", "evidence")]
    [InlineData("   ", "evidence")]
    [InlineData("folder/", "evidence")]
    public void Safe_names_drop_folders_and_control_characters(string name, string safe) =>
        Assert.Equal(safe, FileSignatures.SafeName(name));

    [Theory]
    [InlineData("report\u202Efdp.exe", "reportfdp.exe")]
    [InlineData("\u202Dimpact\u202C.pdf", "impact.pdf")]
    [InlineData("plan\u2066\u2067\u2068\u2069.docx", "plan.docx")]
    [InlineData("zero\u200Bwidth\u200C\u200D\uFEFF.pdf", "zerowidth.pdf")]
    [InlineData("soft\u00ADhyphen\u061C.pdf", "softhyphen.pdf")]
    [InlineData("cafe\u0301.pdf", "caf\u00E9.pdf")]
    [InlineData("\u202E", "evidence")]
    public void Invisible_format_characters_are_removed_so_a_name_shows_what_it_is(string name, string safe) =>
        Assert.Equal(safe, FileSignatures.SafeName(name));

    [Fact]
    public void A_lone_surrogate_is_removed() => Assert.Equal("lonesurrogate.pdf", FileSignatures.SafeName("lone\uD800surrogate.pdf"));

    [Fact]
    public void A_long_name_of_emoji_is_cut_without_splitting_one()
    {
        var safe = FileSignatures.SafeName(string.Concat(Enumerable.Repeat("😀", 150)) + ".pdf");
        Assert.True(safe.Length <= 200);
        Assert.False(char.IsLowSurrogate(safe[0]));
        Assert.EndsWith(".pdf", safe);
    }

    [Fact]
    public void A_very_long_name_is_cut_to_200_characters_keeping_its_extension()
    {
        var safe = FileSignatures.SafeName(new string('a', 300) + ".pdf");
        Assert.Equal(200, safe.Length);
        Assert.EndsWith(".pdf", safe);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", true)]
    [InlineData("</script>", true)]
    [InlineData("<img src=x onerror=alert(1)>", true)]
    [InlineData("<IFRAME src=x>", true)]
    [InlineData("<!-- hidden -->", true)]
    [InlineData("<?xml version=\"1.0\"?>", true)]
    [InlineData("< script>", false)] // not a tag to any HTML parser: a tag name follows "<" directly
    [InlineData("Results < national average in 2024", false)]
    [InlineData("Attainment rose from 3 < 4 to 5 > 4", false)]
    [InlineData("I <3 phonics", false)]
    [InlineData("Maths -> English -> Science", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Markup_is_recognised_and_ordinary_text_is_not(string? text, bool markup) =>
        Assert.Equal(markup, PlainText.HasMarkup(text));
}

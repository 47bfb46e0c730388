using SystemLeadership.Domain.Designations;
using SystemLeadership.Infrastructure.Documents;
using UglyToad.PdfPig;

namespace SystemLeadership.Integration.Tests.Documents;

public class DesignationLetterTests
{
    private static readonly DateTimeOffset GeneratedAt = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    private static Designation DesignationFor(string name, params string[] specialisms)
    {
        var application = new DesignationApplication(Guid.NewGuid(), "user-1", name, "holder@example.org", Presets.Sle);
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, specialisms), null, null, DateTimeOffset.UnixEpoch);
        return new Designation(application, new DateOnly(2026, 11, 24), "Margaret Thompson");
    }

    [Fact]
    public void The_letter_names_the_holder_the_designation_the_specialisms_and_the_dates()
    {
        var designation = DesignationFor("Ada Lovelace", "Maths", "Phonics");

        var text = PdfText.All(DesignationLetter.Render(designation, "Swaledale Teaching Alliance", GeneratedAt));

        Assert.Contains("Designation letter", text);
        Assert.Contains("Ada Lovelace", text);
        Assert.Contains("Specialist leader of education (SLE)", text);
        Assert.Contains("Maths", text);
        Assert.Contains("Phonics", text);
        Assert.Contains("24 November 2026", text);
        Assert.Contains("23 November 2030", text);
        Assert.Contains("Swaledale Teaching Alliance", text);
    }

    [Fact]
    public void The_letter_gives_who_designated_the_induction_and_the_reference()
    {
        var designation = DesignationFor("Ada Lovelace", "Maths");

        var text = PdfText.All(DesignationLetter.Render(designation, "Swaledale Teaching Alliance", GeneratedAt));

        Assert.Contains("Margaret Thompson", text);
        Assert.Contains("Mandatory core training day", text);
        Assert.Contains(designation.Id.ToString().ToUpperInvariant(), text);
        Assert.Contains("ends on 23 November 2030", text);
    }

    [Fact]
    public void Accented_names_survive_into_the_text_of_the_letter()
    {
        var designation = DesignationFor("Zoë Brontë-Ørsted", "Early years");

        var text = PdfText.All(DesignationLetter.Render(designation, "Alliance Société Générale", GeneratedAt));

        Assert.Contains("Zoë Brontë-Ørsted", text);
        Assert.Contains("Alliance Société Générale", text);
    }

    [Fact]
    public void The_letter_is_one_A4_page_with_its_metadata_set()
    {
        var designation = DesignationFor("Ada Lovelace", "Maths", "Phonics");

        using var pdf = PdfDocument.Open(DesignationLetter.Render(designation, "Swaledale Teaching Alliance", GeneratedAt));

        Assert.Equal(1, pdf.NumberOfPages);
        var page = pdf.GetPage(1);
        Assert.Equal(595, page.Width, 0);
        Assert.Equal(842, page.Height, 0);
        Assert.Equal("Designation letter: Ada Lovelace", pdf.Information.Title);
        Assert.Equal("SystemLeadership", pdf.Information.Author);
        Assert.Equal(GeneratedAt, pdf.Information.GetCreatedDateTimeOffset());
        Assert.Contains("Page 1 of 1", PdfText.All(DesignationLetter.Render(designation, "Swaledale Teaching Alliance", GeneratedAt)));
    }

    [Fact]
    public void The_same_designation_renders_the_same_bytes()
    {
        var designation = DesignationFor("Ada Lovelace", "Maths");

        Assert.Equal(
            DesignationLetter.Render(designation, "Swaledale Teaching Alliance", GeneratedAt),
            DesignationLetter.Render(designation, "Swaledale Teaching Alliance", GeneratedAt));
    }
}

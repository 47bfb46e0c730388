using SystemLeadership.Infrastructure.Documents;
using UglyToad.PdfPig;

namespace SystemLeadership.Integration.Tests.Documents;

public class PdfDocumentBuilderTests
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    private static readonly string[] Vocabulary =
    [
        "alliance", "school", "leader", "phonics", "curriculum", "assessment", "deployment", "headteacher",
        "governors", "pupils", "attendance", "behaviour", "improvement", "partnership", "training", "Zoë",
    ];

    /// <summary>Distinct, checkable paragraphs: each starts with its own number word so a lost line is noticed.</summary>
    private static List<string> Paragraphs(int count)
    {
        var random = new Random(20261124);
        return [.. Enumerable.Range(1, count).Select(i =>
            $"Paragraph{i:000} " + string.Join(" ", Enumerable.Range(0, 40 + random.Next(60)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)])) + $" end{i:000}.")];
    }

    [Fact]
    public void A_long_document_numbers_every_page_out_of_the_total_and_keeps_every_word()
    {
        var paragraphs = Paragraphs(60);
        var builder = new PdfDocumentBuilder("Annual report", CreatedAt).Heading("Annual report", HeadingLevel.Title);
        foreach (var (paragraph, i) in paragraphs.Select((p, i) => (p, i)))
        {
            if (i % 10 == 0) builder.Heading($"Section {i / 10 + 1}");
            builder.Paragraph(paragraph);
        }

        var pages = PdfText.Pages(builder.Build());

        Assert.True(pages.Count >= 4, $"Expected several pages, got {pages.Count}.");
        for (var n = 1; n <= pages.Count; n++)
        {
            Assert.Contains($"Page {n} of {pages.Count}", pages[n - 1]);
            Assert.Contains("Annual report", pages[n - 1]);
        }
        var all = string.Join(" ", pages);
        foreach (var paragraph in paragraphs)
        {
            // Words in order, each paragraph whole, even where it crosses a page break.
            var words = paragraph.Split(' ');
            Assert.Contains(string.Join(" ", words), RemoveFrames(all, pages.Count));
        }
    }

    [Fact]
    public void A_table_longer_than_a_page_repeats_its_header_and_keeps_every_row()
    {
        var rows = Enumerable.Range(1, 120)
            .Select(i => (IReadOnlyList<string>)[$"Row{i:000}", $"School number {i}", i % 7 == 0 ? "A cell with enough words in it to wrap onto a second and perhaps a third line of the column" : "Short"])
            .ToList();

        var pdf = new PdfDocumentBuilder("Deployments", CreatedAt)
            .Heading("Deployments", HeadingLevel.Title)
            .Table(["Reference", "School", "Notes"], rows, [1, 2, 3])
            .Build();
        var pages = PdfText.Pages(pdf);

        Assert.True(pages.Count >= 3);
        Assert.All(pages, page => Assert.Contains("Reference School Notes", page));
        var all = string.Join(" ", pages);
        Assert.All(rows, row => Assert.Contains(row[0] + " " + row[1], all));
        Assert.Contains("A cell with enough words in it to wrap onto a second and perhaps a third line of the column", all);
    }

    [Fact]
    public void Key_values_and_words_too_long_for_a_line_stay_inside_the_page()
    {
        var longWord = string.Concat(Enumerable.Repeat("Brontë", 40));
        var pdf = new PdfDocumentBuilder("Edge cases", CreatedAt)
            .KeyValues(("Name", "Zoë Brontë-Ørsted"), ("Specialisms", "Maths\nPhonics"))
            .Paragraph(longWord)
            .Build();

        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        Assert.All(page.Letters, letter => Assert.InRange(letter.BoundingBox.Right, 0, page.Width - 50));
        var text = PdfText.All(pdf);
        Assert.Contains("Name Zoë Brontë-Ørsted", text);
        Assert.Contains("Maths", text);
        Assert.Contains("Phonics", text);
        Assert.Equal(longWord, string.Concat(page.Letters.Select(l => l.Value)).Split("Phonics")[1].Split("Page")[0].Trim()[..longWord.Length]);
    }

    /// <summary>Takes out the page header and footer so a paragraph split across pages reads as one.</summary>
    private static string RemoveFrames(string text, int pageCount)
    {
        for (var n = 1; n <= pageCount; n++)
            text = text.Replace($" Page {n} of {pageCount} Annual report ", " ").Replace($"Page {n} of {pageCount}", "");
        return text;
    }
}

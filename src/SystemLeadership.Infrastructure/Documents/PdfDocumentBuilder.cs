using SkiaSharp;

namespace SystemLeadership.Infrastructure.Documents;

public enum HeadingLevel
{
    Title,
    Section,
    Subsection,
}

public enum TextAlignment
{
    Left,
    Centre,
    Right,
}

/// <summary>
/// A small layout component for A4 documents over SkiaSharp's PDF backend: headings, wrapped paragraphs,
/// key–value blocks and tables, with the document title on every page and "Page N of M" in the footer.
/// Blocks are collected first and laid out in <see cref="Build"/>, so the page count is known before anything is drawn.
/// </summary>
public sealed partial class PdfDocumentBuilder
{
    private readonly List<Block> blocks = [];

    public PdfDocumentBuilder(string title, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
        CreatedAt = createdAt;
    }

    /// <summary>The PDF's title and the text at the top left of every page.</summary>
    public string Title { get; }

    /// <summary>The PDF's creation date, passed in so documents are reproducible and testable.</summary>
    public DateTimeOffset CreatedAt { get; }

    public string? Subject { get; init; }

    /// <summary>Shown at the top right of every page, e.g. the alliance's name.</summary>
    public string? HeaderNote { get; init; }

    /// <summary>Shown at the bottom left of every page, opposite the page number.</summary>
    public string? FooterNote { get; init; }

    public PdfDocumentBuilder Heading(string text, HeadingLevel level = HeadingLevel.Section) =>
        Add(new HeadingBlock(text, level));

    /// <summary>Text wrapped to the page width; a "\n" starts a new line within the paragraph.</summary>
    public PdfDocumentBuilder Paragraph(string text, bool bold = false, bool muted = false, TextAlignment align = TextAlignment.Left) =>
        Add(new ParagraphBlock(text, bold, muted, align));

    /// <summary>Labels in bold on the left, values wrapped on the right; a "\n" in a value starts a new line.</summary>
    public PdfDocumentBuilder KeyValues(IEnumerable<KeyValuePair<string, string>> items) =>
        Add(new KeyValueBlock([.. items]));

    public PdfDocumentBuilder KeyValues(params (string Key, string Value)[] items) =>
        KeyValues(items.Select(i => KeyValuePair.Create(i.Key, i.Value)));

    /// <summary>
    /// A table whose header row is repeated on every page it spans. Column widths are relative weights
    /// (equal when omitted); cells wrap, and pages break between rows unless a single row is taller than a page.
    /// </summary>
    public PdfDocumentBuilder Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<float>? columnWeights = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(header.Count);
        var materialised = rows.ToList();
        if (materialised.Any(r => r.Count != header.Count))
            throw new ArgumentException("Every row needs one cell per header column.", nameof(rows));
        if (columnWeights is not null && (columnWeights.Count != header.Count || columnWeights.Any(w => w <= 0)))
            throw new ArgumentException("Give one positive weight per column.", nameof(columnWeights));
        return Add(new TableBlock(header, materialised, columnWeights ?? [.. header.Select(_ => 1f)]));
    }

    public PdfDocumentBuilder Space(float points = 12) => Add(new SpaceBlock(points));

    /// <summary>A thin horizontal line across the text width.</summary>
    public PdfDocumentBuilder Rule() => Add(new RuleBlock());

    public PdfDocumentBuilder PageBreak() => Add(new PageBreakBlock());

    public byte[] Build()
    {
        using var styles = new Styles();
        var layout = new Layout(styles);
        foreach (var block in blocks) layout.Place(block);
        var pages = layout.Finish();
        for (var i = 0; i < pages.Count; i++) pages[i].InsertRange(0, Frame(styles, i + 1, pages.Count));
        styles.EmbedOnly(pages.SelectMany(p => p).OfType<TextOp>());

        using var output = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = Title,
            Author = "SystemLeadership",
            Creator = "SystemLeadership",
            Producer = "SystemLeadership (SkiaSharp)",
            Subject = Subject,
            Creation = CreatedAt.UtcDateTime,
            Modified = CreatedAt.UtcDateTime,
            RasterDpi = 72,
            EncodingQuality = 101,
        };
        using (var document = SKDocument.CreatePdf(output, metadata))
        {
            for (var i = 0; i < pages.Count; i++)
            {
                var canvas = document.BeginPage(Page.Width, Page.Height);
                foreach (var op in pages[i]) op.Draw(canvas, styles);
                document.EndPage();
            }
            document.Close();
        }
        return output.ToArray();
    }

    private PdfDocumentBuilder Add(Block block)
    {
        blocks.Add(block);
        return this;
    }

    /// <summary>The title and note at the top of a page, and its number at the bottom.</summary>
    private List<DrawOp> Frame(Styles styles, int pageNumber, int pageCount)
    {
        var small = styles.Small;
        var top = Page.HeaderBaseline;
        var bottom = Page.FooterBaseline;
        var right = Page.Width - Page.Margin;
        var noteWidth = HeaderNote is null ? 0 : small.Font.MeasureText(HeaderNote);
        var footer = $"Page {pageNumber} of {pageCount}";
        var footerWidth = small.Font.MeasureText(footer);
        List<DrawOp> frame =
        [
            new TextOp(Page.Margin, top, Fit(Title, small, Page.ContentWidth - (noteWidth > 0 ? noteWidth + 24 : 0)), small, styles.MutedColour),
            new LineOp(Page.Margin, top + 8, right, top + 8, 0.5f, styles.RuleColour),
            new LineOp(Page.Margin, bottom - 14, right, bottom - 14, 0.5f, styles.RuleColour),
            new TextOp(right - footerWidth, bottom, footer, small, styles.MutedColour),
        ];
        if (HeaderNote is not null) frame.Add(new TextOp(right - noteWidth, top, HeaderNote, small, styles.MutedColour));
        if (FooterNote is not null)
            frame.Add(new TextOp(Page.Margin, bottom, Fit(FooterNote, small, Page.ContentWidth - footerWidth - 24), small, styles.MutedColour));
        return frame;
    }

    /// <summary>Shortens one-line header and footer text with an ellipsis rather than letting it run into the page number.</summary>
    private static string Fit(string text, TextStyle style, float width)
    {
        if (style.Font.MeasureText(text) <= width) return text;
        var end = text.Length;
        while (end > 0 && style.Font.MeasureText(text[..end] + "…") > width) end--;
        return text[..end].TrimEnd() + "…";
    }

    /// <summary>A4 in PDF points (1/72 inch).</summary>
    private static class Page
    {
        public const float Width = 595.28f;
        public const float Height = 841.89f;
        public const float Margin = 56.7f; // 20 mm
        public const float ContentTop = 78f;
        public const float ContentBottom = Height - 64f;
        public const float ContentWidth = Width - 2 * Margin;
        public const float HeaderBaseline = 44f;
        public const float FooterBaseline = Height - 36f;
    }
}

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
public sealed class PdfDocumentBuilder
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

    private sealed class TextStyle(EmbeddedFont source, float size, float leading) : IDisposable
    {
        private SKFont? drawing;

        public EmbeddedFont Source => source;

        /// <summary>Measures text; it has the whole font, so layout does not depend on what else is on the page.</summary>
        public SKFont Font { get; } = NewFont(source.Typeface, size);

        /// <summary>Draws text with the document's small copy of the font, which draws and advances each character it holds exactly as the whole font does.</summary>
        public SKFont DrawingFont => drawing ?? Font;

        public float Size => size;
        public float LineHeight => size * leading;

        /// <summary>From the top of a line box to the baseline, centring the font's ascent and descent in the box.</summary>
        public float Ascent => (LineHeight - (Font.Metrics.Descent - Font.Metrics.Ascent)) / 2 - Font.Metrics.Ascent;

        public void DrawWith(SKTypeface typeface)
        {
            drawing?.Dispose();
            drawing = NewFont(typeface, size);
        }

        public void Dispose()
        {
            Font.Dispose();
            drawing?.Dispose();
        }

        private static SKFont NewFont(SKTypeface typeface, float size) =>
            new(typeface, size) { LinearMetrics = true, Subpixel = true, Hinting = SKFontHinting.None };
    }

    private sealed class Styles : IDisposable
    {
        public TextStyle Body { get; } = new(DocumentFonts.Regular, 10.5f, 1.45f);
        public TextStyle BodyBold { get; } = new(DocumentFonts.Bold, 10.5f, 1.45f);
        public TextStyle Small { get; } = new(DocumentFonts.Regular, 8.5f, 1.3f);
        public TextStyle Title { get; } = new(DocumentFonts.Bold, 22f, 1.25f);
        public TextStyle Section { get; } = new(DocumentFonts.Bold, 14f, 1.3f);
        public TextStyle Subsection { get; } = new(DocumentFonts.Bold, 11.5f, 1.35f);
        public TextStyle TableText { get; } = new(DocumentFonts.Regular, 9.5f, 1.35f);
        public TextStyle TableHeader { get; } = new(DocumentFonts.Bold, 9.5f, 1.35f);

        public SKColor TextColour { get; } = new(0x0B, 0x0C, 0x0C);
        public SKColor MutedColour { get; } = new(0x50, 0x5A, 0x5F);
        public SKColor RuleColour { get; } = new(0xB1, 0xB4, 0xB6);
        public SKColor AccentColour { get; } = new(0x1D, 0x70, 0xB8);
        public SKColor ShadeColour { get; } = new(0xF3, 0xF2, 0xF1);

        public SKPaint Paint { get; } = new() { IsAntialias = true };

        private readonly List<SKTypeface> slimmed = [];

        private TextStyle[] All => [Body, BodyBold, Small, Title, Section, Subsection, TableText, TableHeader];

        /// <summary>
        /// Switches drawing to small copies of the fonts, so the PDF embeds only those: the copy every document shares
        /// when the text keeps to <see cref="CommonText"/>, otherwise a copy made for this document's characters.
        /// </summary>
        public void EmbedOnly(IEnumerable<TextOp> text)
        {
            var used = new Dictionary<EmbeddedFont, HashSet<int>>();
            foreach (var op in text)
            {
                if (!used.TryGetValue(op.Style.Source, out var set)) used[op.Style.Source] = set = [];
                foreach (var rune in op.Text.EnumerateRunes()) set.Add(rune.Value);
            }
            foreach (var (font, codePoints) in used)
            {
                var typeface = font.Common.CodePoints.IsSupersetOf(codePoints) ? font.Common.Typeface : Own(font.Holding(codePoints).Typeface);
                foreach (var style in All.Where(s => s.Source == font)) style.DrawWith(typeface);
            }
        }

        private SKTypeface Own(SKTypeface typeface)
        {
            slimmed.Add(typeface);
            return typeface;
        }

        public void Dispose()
        {
            foreach (var style in All) style.Dispose();
            foreach (var typeface in slimmed) typeface.Dispose();
            Paint.Dispose();
        }
    }

    private abstract record Block;
    private sealed record HeadingBlock(string Text, HeadingLevel Level) : Block;
    private sealed record ParagraphBlock(string Text, bool Bold, bool Muted, TextAlignment Align) : Block;
    private sealed record KeyValueBlock(IReadOnlyList<KeyValuePair<string, string>> Items) : Block;
    private sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<float> Weights) : Block;
    private sealed record SpaceBlock(float Points) : Block;
    private sealed record RuleBlock : Block;
    private sealed record PageBreakBlock : Block;

    /// <summary>Something to draw on a page, fixed in position by the layout.</summary>
    private abstract record DrawOp
    {
        public abstract void Draw(SKCanvas canvas, Styles styles);
    }

    private sealed record TextOp(float X, float Baseline, string Text, TextStyle Style, SKColor Colour) : DrawOp
    {
        public override void Draw(SKCanvas canvas, Styles styles)
        {
            if (Text.Length == 0) return;
            styles.Paint.Style = SKPaintStyle.Fill;
            styles.Paint.Color = Colour;
            canvas.DrawText(Text, X, Baseline, Style.DrawingFont, styles.Paint);
        }
    }

    private sealed record LineOp(float X1, float Y1, float X2, float Y2, float Thickness, SKColor Colour) : DrawOp
    {
        public override void Draw(SKCanvas canvas, Styles styles)
        {
            styles.Paint.Style = SKPaintStyle.Stroke;
            styles.Paint.StrokeWidth = Thickness;
            styles.Paint.Color = Colour;
            canvas.DrawLine(X1, Y1, X2, Y2, styles.Paint);
        }
    }

    private sealed record FillOp(SKRect Area, SKColor Colour) : DrawOp
    {
        public override void Draw(SKCanvas canvas, Styles styles)
        {
            styles.Paint.Style = SKPaintStyle.Fill;
            styles.Paint.Color = Colour;
            canvas.DrawRect(Area, styles.Paint);
        }
    }

    /// <summary>One cell of a row: its lines, already wrapped, and where they go across the page.</summary>
    private sealed record Cell(float X, float Width, IReadOnlyList<string> Lines, TextStyle Style);

    /// <summary>Places blocks top to bottom, starting a new page whenever the next piece would cross the bottom margin.</summary>
    private sealed class Layout(Styles styles)
    {
        private const float CellPadding = 5f;
        private readonly List<List<DrawOp>> pages = [[]];
        private float y = Page.ContentTop;

        private List<DrawOp> Current => pages[^1];
        private bool AtPageTop => y <= Page.ContentTop;

        public List<List<DrawOp>> Finish() => pages;

        public void Place(Block block)
        {
            switch (block)
            {
                case HeadingBlock heading: PlaceHeading(heading); break;
                case ParagraphBlock paragraph: PlaceParagraph(paragraph); break;
                case KeyValueBlock keyValues: PlaceKeyValues(keyValues); break;
                case TableBlock table: PlaceTable(table); break;
                case SpaceBlock space: if (!AtPageTop) y = Math.Min(y + space.Points, Page.ContentBottom); break;
                case RuleBlock:
                    EnsureRoom(9);
                    Current.Add(new LineOp(Page.Margin, y + 4, Page.Width - Page.Margin, y + 4, 0.75f, styles.RuleColour));
                    y += 9;
                    break;
                case PageBreakBlock: if (!AtPageTop) NewPage(); break;
                default: throw new NotSupportedException(block.GetType().Name);
            }
        }

        private void NewPage()
        {
            pages.Add([]);
            y = Page.ContentTop;
        }

        private void EnsureRoom(float height)
        {
            if (y + height > Page.ContentBottom && !AtPageTop) NewPage();
        }

        private void PlaceHeading(HeadingBlock heading)
        {
            var style = heading.Level switch
            {
                HeadingLevel.Title => styles.Title,
                HeadingLevel.Section => styles.Section,
                _ => styles.Subsection,
            };
            var before = heading.Level == HeadingLevel.Subsection ? 6f : 10f;
            var lines = Wrap(heading.Text, style.Font, Page.ContentWidth);
            // Keep a heading with the first lines of what follows it, not stranded at the foot of a page.
            EnsureRoom(before + lines.Count * style.LineHeight + 3 * styles.Body.LineHeight);
            if (!AtPageTop) y += before;
            foreach (var line in lines)
            {
                Current.Add(new TextOp(Page.Margin, y + style.Ascent, line, style, styles.TextColour));
                y += style.LineHeight;
            }
            if (heading.Level == HeadingLevel.Title)
            {
                Current.Add(new LineOp(Page.Margin, y + 3, Page.Margin + 60, y + 3, 3f, styles.AccentColour));
                y += 12;
            }
            y += 4;
        }

        private void PlaceParagraph(ParagraphBlock paragraph)
        {
            var style = paragraph.Bold ? styles.BodyBold : styles.Body;
            var colour = paragraph.Muted ? styles.MutedColour : styles.TextColour;
            foreach (var line in Wrap(paragraph.Text, style.Font, Page.ContentWidth))
            {
                EnsureRoom(style.LineHeight);
                var width = style.Font.MeasureText(line);
                var x = paragraph.Align switch
                {
                    TextAlignment.Right => Page.Width - Page.Margin - width,
                    TextAlignment.Centre => Page.Margin + (Page.ContentWidth - width) / 2,
                    _ => Page.Margin,
                };
                Current.Add(new TextOp(x, y + style.Ascent, line, style, colour));
                y += style.LineHeight;
            }
            y += style.Size * 0.8f;
        }

        private void PlaceKeyValues(KeyValueBlock block)
        {
            const float gap = 12f;
            var keyWidth = MathF.Round(Page.ContentWidth * 0.3f);
            var valueWidth = Page.ContentWidth - keyWidth - gap;
            foreach (var (key, value) in block.Items)
            {
                Cell[] cells =
                [
                    new(Page.Margin, keyWidth, Wrap(key, styles.BodyBold.Font, keyWidth), styles.BodyBold),
                    new(Page.Margin + keyWidth + gap, valueWidth, Wrap(value, styles.Body.Font, valueWidth), styles.Body),
                ];
                PlaceRow(cells, 2f, separator: false, header: null);
            }
            y += styles.Body.Size;
        }

        private void PlaceTable(TableBlock table)
        {
            var total = table.Weights.Sum();
            var widths = table.Weights.Select(w => Page.ContentWidth * w / total).ToArray();
            var xs = new float[widths.Length];
            for (var i = 1; i < xs.Length; i++) xs[i] = xs[i - 1] + widths[i - 1];

            Cell[] CellsFor(IReadOnlyList<string> texts, TextStyle style) =>
                [.. texts.Select((t, i) => new Cell(Page.Margin + xs[i] + CellPadding, widths[i] - 2 * CellPadding, Wrap(t, style.Font, widths[i] - 2 * CellPadding), style))];

            var headerCells = CellsFor(table.Header, styles.TableHeader);
            void DrawHeader() => PlaceRow(headerCells, CellPadding, separator: false, header: null, shaded: true);

            // A header alone at the foot of a page is no use: start the table where the header and a first row fit.
            var firstRowHeight = table.Rows.Count == 0 ? 0 : RowHeight(CellsFor(table.Rows[0], styles.TableText), CellPadding);
            EnsureRoom(RowHeight(headerCells, CellPadding) + Math.Min(firstRowHeight, 3 * styles.TableText.LineHeight));
            DrawHeader();
            foreach (var row in table.Rows)
                PlaceRow(CellsFor(row, styles.TableText), CellPadding, separator: true, header: DrawHeader);
            y += styles.Body.Size;
        }

        private static float RowHeight(IReadOnlyList<Cell> cells, float padding) =>
            cells.Max(c => c.Lines.Count * c.Style.LineHeight) + 2 * padding;

        /// <summary>
        /// Places a row whole on this page or the next; only a row taller than a page is split, line by line.
        /// <paramref name="header"/> is drawn again at the top of each new page the row moves to.
        /// </summary>
        private void PlaceRow(Cell[] cells, float padding, bool separator, Action? header, bool shaded = false)
        {
            var next = new int[cells.Length];
            while (true)
            {
                var remaining = cells.Select((c, i) => (c.Lines.Count - next[i]) * c.Style.LineHeight).Max() + 2 * padding;
                if (remaining > Page.ContentBottom - y && !AtPageTop)
                {
                    NewPage();
                    header?.Invoke();
                }
                var top = y;
                var bottom = top + Math.Min(remaining, Page.ContentBottom - top);
                if (shaded) Current.Add(new FillOp(new SKRect(Page.Margin, top, Page.Width - Page.Margin, bottom), styles.ShadeColour));

                var done = true;
                for (var i = 0; i < cells.Length; i++)
                {
                    var cell = cells[i];
                    var lineTop = top + padding;
                    while (next[i] < cell.Lines.Count && lineTop + cell.Style.LineHeight <= bottom - padding + 0.01f)
                    {
                        Current.Add(new TextOp(cell.X, lineTop + cell.Style.Ascent, cell.Lines[next[i]], cell.Style, styles.TextColour));
                        lineTop += cell.Style.LineHeight;
                        next[i]++;
                    }
                    done &= next[i] == cell.Lines.Count;
                }
                if (separator || shaded)
                    Current.Add(new LineOp(Page.Margin, bottom, Page.Width - Page.Margin, bottom, shaded ? 0.75f : 0.5f, styles.RuleColour));
                y = bottom;
                if (done) return;
                NewPage();
                header?.Invoke();
            }
        }
    }

    /// <summary>
    /// Breaks text into lines no wider than <paramref name="width"/>, measuring each candidate line with the font.
    /// A word wider than the whole line is broken between characters rather than overflowing the margin.
    /// </summary>
    private static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var words = rawLine.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                lines.Add("");
                continue;
            }
            var current = "";
            foreach (var word in words)
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (font.MeasureText(candidate) <= width)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0) lines.Add(current);
                current = word;
                while (font.MeasureText(current) > width)
                {
                    var fit = current.Length - 1;
                    while (fit > 1 && font.MeasureText(current[..fit]) > width) fit--;
                    if (char.IsLowSurrogate(current[fit]) && fit > 1) fit--;
                    lines.Add(current[..fit]);
                    current = current[fit..];
                }
            }
            lines.Add(current);
        }
        return lines;
    }
}
